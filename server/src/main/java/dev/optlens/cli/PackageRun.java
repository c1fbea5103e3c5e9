package dev.optlens.cli;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.engine.PackageResolver;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PATH arguments resolved to packages and analysed: what {@code check} and {@code baseline} share.
 * Problems with the arguments or the toolchain end the run with exit code 2 and a message.
 */
final class PackageRun {
    /** The analysed packages, or the exit code and message of a run that could not start. */
    record Result(List<PackageReport> reports, int exitCode) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Packages with more Go source than this compile without the -json log unless --detail=full asks
     * for it: on a generated 5 MB file the log is 260 MB, costs the compile 15% and optlens more
     * than the compile's whole -m=2 text (nil checks, large copies and inline chains are what it adds).
     */
    static final long AUTO_FULL_DETAIL_BYTES = 1 << 20;

    private final PrintStream err;
    private final Map<String, String> env;
    private final String command;

    PackageRun(String command, PrintStream err, Map<String, String> env) {
        this.command = command;
        this.err = err;
        this.env = env;
    }

    /** Reads --detail (full, explained, summary, auto); empty for auto. */
    static Optional<Optional<Detail>> detail(Flags flags) {
        return switch (flags.value("detail").orElse("auto")) {
            case "full" -> Optional.of(Optional.of(Detail.FULL));
            case "explained" -> Optional.of(Optional.of(Detail.EXPLAINED));
            case "summary" -> Optional.of(Optional.of(Detail.SUMMARY));
            case "auto" -> Optional.of(Optional.empty());
            default -> Optional.empty();
        };
    }

    /** The analysis requests PATH arguments name, or the exit code of a usage problem (told on stderr). */
    record Requests(List<AnalysisRequest> requests, int exitCode) {
    }

    /**
     * Each package the PATH arguments name (directories, {@code dir/...} patterns, a package's .go file),
     * and the .go files outside any module per folder, as requests at the detail asked (auto: full up to
     * {@link #AUTO_FULL_DETAIL_BYTES} of source).
     */
    Requests requests(List<String> paths, BuildOptions options, Optional<Detail> asked) {
        if (paths.isEmpty()) return new Requests(List.of(), usage("no PATH given").exitCode());
        Set<Path> dirs = new LinkedHashSet<>();
        // A .go file outside any module is analysed as 'go build file.go' would: the files named, per folder.
        Map<Path, List<Path>> loneFiles = new LinkedHashMap<>();
        for (String p : paths) {
            Path asFile = Path.of(p).toAbsolutePath().normalize();
            if (p.endsWith(".go") && Files.isRegularFile(asFile) && !dev.optlens.analysis.build.ModuleRoot.inModule(asFile.getParent())) {
                loneFiles.computeIfAbsent(asFile.getParent(), d -> new ArrayList<>()).add(asFile);
                continue;
            }
            try {
                List<Path> resolved = PackageResolver.resolve(p);
                if (resolved.isEmpty()) return new Requests(List.of(), usage("no Go packages match " + p).exitCode());
                for (Path dir : resolved) {
                    if (!PackageResolver.hasGoFiles(dir)) return new Requests(List.of(), usage("no Go files in " + dir).exitCode());
                }
                dirs.addAll(resolved);
            } catch (IOException e) {
                return new Requests(List.of(), usage(e.getMessage()).exitCode());
            }
        }
        List<AnalysisRequest> requests = new ArrayList<>();
        for (Path dir : dirs) {
            Detail level = asked.orElseGet(() -> autoDetail(dir));
            requests.add(new AnalysisRequest(dir, options.withDetail(level), Overlay.NONE, Optional.empty()));
        }
        loneFiles.forEach((dir, files) -> requests.add(new AnalysisRequest(dir, options.withDetail(asked.orElse(Detail.FULL)),
                Overlay.NONE, Optional.empty(), files, Optional.empty())));
        return new Requests(requests, 0);
    }

    Result analyze(List<String> paths, BuildOptions options, Optional<Detail> asked) {
        Requests named = requests(paths, options, asked);
        if (named.exitCode() != 0) return new Result(List.of(), named.exitCode());
        return analyze(named.requests());
    }

    /** Analyses the requests in turn; a toolchain or I/O problem ends the run (exit 2, told on stderr). */
    Result analyze(List<AnalysisRequest> requests) {
        // Each package is compiled once: described first, then compiled directly (its test variant only).
        PackageAnalyzer analyzer = new PackageAnalyzer(new ToolchainLocator(env), env, true);
        List<PackageReport> reports = new ArrayList<>();
        for (AnalysisRequest req : requests) {
            try {
                reports.add(analyzer.analyze(req, CancellationToken.NONE));
            } catch (ToolchainException e) {
                err.println("optlens: " + e.getMessage());
                return new Result(List.of(), 2);
            } catch (IOException e) {
                err.println("optlens: " + req.dir() + ": " + e.getMessage());
                return new Result(List.of(), 2);
            }
        }
        return new Result(reports, 0);
    }

    /**
     * Tells on stderr what the user should know of each package: warnings, files left out, and the
     * errors of one that does not compile. Returns whether a package does not compile.
     */
    boolean tellProblems(List<PackageReport> reports) {
        boolean failed = false;
        for (PackageReport r : reports) {
            r.warnings().forEach(w -> err.println("optlens: warning: " + r.importPath() + ": " + w));
            r.excluded().forEach(x -> err.println("optlens: note: " + r.importPath() + ": " + x.message()));
            if (!r.testErrors().isEmpty()) {
                err.println("optlens: warning: " + r.importPath() + ": its tests do not compile, so the decisions are the"
                        + " package's alone:");
                r.testErrors().forEach(e -> err.println("  " + relative(r.dir(), e)));
            }
            if (!r.compiled()) {
                failed = true;
                err.println("optlens: " + r.importPath() + " does not compile:");
                r.errors().forEach(e -> err.println("  " + relative(r.dir(), e)));
            }
        }
        return failed;
    }

    /** The architecture the run compiles for: --goarch, else the toolchain's (GOARCH of the environment, or the host's). */
    String goarch(BuildOptions options) {
        if (options.goarch().isPresent()) return options.goarch().get();
        try {
            return new ToolchainLocator(env).locate(Optional.empty()).goarch();
        } catch (ToolchainException e) {
            return "";
        }
    }

    private Detail autoDetail(Path dir) {
        long bytes;
        try {
            bytes = PackageResolver.goSourceBytes(dir);
        } catch (IOException e) {
            return Detail.FULL;
        }
        if (bytes <= AUTO_FULL_DETAIL_BYTES) return Detail.FULL;
        err.println("optlens: note: " + dir + " holds " + (bytes >> 20) + " MB of Go source: compiled without the -json log,"
                + " so nil checks, large copies and inline chains are not listed (--detail=full lists them)");
        return Detail.EXPLAINED;
    }

    Result usage(String problem) {
        return new Result(List.of(), Main.usage(err, command, problem));
    }

    private static String relative(Path dir, CompileError e) {
        return e.file().map(f -> dir.relativize(f) + ":" + e.line() + ":" + e.column() + ": ").orElse("") + e.message();
    }
}
