package dev.optlens.analysis.compare;

import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.GoRequirement;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.Releases;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two builds of the same packages compiled side by side (both at once where there are cores) and
 * their decisions compared ({@link DecisionDiff}). Each side has its own analyzer: its own toolchain,
 * environment and cached package descriptions. A side that names a release compiles with exactly
 * that release, or the package is reported as one it cannot build — never silently with another.
 */
public final class Comparison {
    /** One side ready to compile: its analyzer and the toolchain it names (empty: found per package). */
    public record Side(BuildSide build, PackageAnalyzer analyzer, Optional<GoToolchain> toolchain) {
        /** The side's label with its toolchain's version when it names one ({@code go1.27 (go1.27.1)}). */
        public String describe() {
            return toolchain.map(t -> build.label().equals(t.version().text()) ? build.label()
                    : build.label() + " (" + t.version() + ")").orElse(build.label());
        }

        /** The request as this side compiles it. */
        public AnalysisRequest request(AnalysisRequest base) {
            return new AnalysisRequest(base.dir(), build.options(base.options()), base.overlay(),
                    toolchain.map(t -> t.go().toString()).or(base::goPath), base.files(), base.placeOnly());
        }

        /** Compiles one package as this side builds it. */
        public PackageReport analyze(AnalysisRequest base, CancellationToken cancel) throws ToolchainException, IOException {
            AnalysisRequest req = request(base);
            if (toolchain.isPresent()) {
                Optional<GoRequirement> need = GoRequirement.of(req.dir(), analyzer.environment());
                if (need.isPresent() && !need.get().admits(toolchain.get().version())) {
                    String why = need.get().file() + " says go " + need.get().go().text().substring(2) + ": " + toolchain.get().version()
                            + " cannot build it (the go line names the oldest Go that may build the module: to compare with an older"
                            + " release, lower it, as 'go mod edit -go=1." + toolchain.get().version().minor() + "' does)";
                    return new PackageReport(req.dir(), "", toolchain.get().version().text(), toolchain.get().describe(),
                            List.of(CompileError.unplaced(why)), List.of(), List.of(), List.of(), 0, false,
                            req.options().detail(), List.of());
                }
            }
            return analyzer.analyze(req, cancel);
        }
    }

    /** One package compared: each side's report, and the differences when both compiled. */
    public record PackageDiff(PackageReport a, PackageReport b, List<Difference> differences) {
        public boolean compiled() {
            return a.compiled() && b.compiled();
        }

        public String importPath() {
            return a.importPath().isEmpty() ? b.importPath() : a.importPath();
        }
    }

    private Comparison() {
    }

    /**
     * A side ready to compile, with the user's environment.
     *
     * @throws ToolchainException when the release it names is not installed (the message says how to get it)
     */
    public static Side side(BuildSide build, Map<String, String> userEnv) throws ToolchainException {
        Map<String, String> env = build.environment(userEnv);
        ToolchainLocator locator = new ToolchainLocator(env);
        Optional<GoToolchain> toolchain = build.go().isPresent() ? Optional.of(new Releases(locator).named(build.go().get())) : Optional.empty();
        return new Side(build, new PackageAnalyzer(locator, env, true), toolchain);
    }

    /** Compiles every package on both sides, the two sides at once, and compares them. */
    public static List<PackageDiff> run(Side a, Side b, List<AnalysisRequest> requests, CancellationToken cancel)
            throws ToolchainException, IOException {
        CompletableFuture<List<PackageReport>> second = new CompletableFuture<>();
        dev.optlens.analysis.process.DaemonThreads.start("optlens-compare", () -> {
            try {
                second.complete(all(b, requests, cancel));
            } catch (RuntimeException e) {
                second.completeExceptionally(e);
            }
        });
        List<PackageReport> as;
        List<PackageReport> bs;
        try {
            as = all(a, requests, cancel);
            bs = second.join();
        } catch (CompletionException | Failed e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof Failed f) cause = f.getCause();
            if (cause instanceof ToolchainException t) throw t;
            if (cause instanceof IOException io) throw io;
            throw e;
        }
        List<PackageDiff> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            PackageReport x = as.get(i);
            PackageReport y = bs.get(i);
            List<Difference> d = x.compiled() && y.compiled() ? DecisionDiff.compare(x.decisions(), y.decisions()) : List.of();
            out.add(new PackageDiff(x, y, d));
        }
        return out;
    }

    private static List<PackageReport> all(Side side, List<AnalysisRequest> requests, CancellationToken cancel) {
        List<PackageReport> out = new ArrayList<>();
        for (AnalysisRequest r : requests) {
            try {
                out.add(side.analyze(r, cancel));
            } catch (ToolchainException | IOException e) {
                throw new Failed(e);
            }
        }
        return out;
    }

    /** A side's failure carried out of its thread. */
    private static final class Failed extends RuntimeException {
        Failed(Exception cause) {
            super(cause);
        }
    }
}
