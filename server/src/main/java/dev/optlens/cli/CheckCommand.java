package dev.optlens.cli;

import com.google.gson.GsonBuilder;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.CancellationToken;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.engine.PackageResolver;
import dev.optlens.analysis.engine.ReportJson;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code optlens check}: the decisions of packages, for people (grouped text) or programs (--json). */
final class CheckCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    CheckCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(String[] args) {
        boolean json = false;
        String gcflags = "";
        Optional<String> goos = Optional.empty();
        Optional<String> goarch = Optional.empty();
        List<String> tags = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) json = true;
            else if (a.startsWith("--gcflags=")) gcflags = value(a);
            else if (a.startsWith("--goos=")) goos = Optional.of(value(a)).filter(s -> !s.isBlank());
            else if (a.startsWith("--goarch=")) goarch = Optional.of(value(a)).filter(s -> !s.isBlank());
            else if (a.startsWith("--tags=")) Arrays.stream(value(a).split("[, ]")).filter(s -> !s.isBlank()).forEach(tags::add);
            else if (a.startsWith("-")) return usage("unknown flag " + a);
            else paths.add(a);
        }
        if (paths.isEmpty()) return usage("no PATH given");

        Set<Path> dirs = new LinkedHashSet<>();
        // A .go file outside any module is analysed as 'go build file.go' would: the files named, per folder.
        Map<Path, List<Path>> loneFiles = new java.util.LinkedHashMap<>();
        for (String p : paths) {
            Path asFile = Path.of(p).toAbsolutePath().normalize();
            if (p.endsWith(".go") && Files.isRegularFile(asFile) && !AnalysisRequest.inModule(asFile.getParent())) {
                loneFiles.computeIfAbsent(asFile.getParent(), d -> new ArrayList<>()).add(asFile);
                continue;
            }
            try {
                List<Path> resolved = PackageResolver.resolve(p);
                if (resolved.isEmpty()) return usage("no Go packages match " + p);
                for (Path dir : resolved) {
                    if (!PackageResolver.hasGoFiles(dir)) return usage("no Go files in " + dir);
                }
                dirs.addAll(resolved);
            } catch (IOException e) {
                return usage(e.getMessage());
            }
        }

        PackageAnalyzer analyzer = new PackageAnalyzer(new ToolchainLocator(env), env);
        BuildOptions options = new BuildOptions(gcflags, goos, goarch, tags);
        List<AnalysisRequest> requests = new ArrayList<>();
        for (Path dir : dirs) requests.add(new AnalysisRequest(dir, options, Overlay.NONE, Optional.empty()));
        loneFiles.forEach((dir, files) -> requests.add(new AnalysisRequest(dir, options, Overlay.NONE, Optional.empty(),
                files, Optional.empty())));
        List<PackageReport> reports = new ArrayList<>();
        for (AnalysisRequest req : requests) {
            Path dir = req.dir();
            try {
                reports.add(analyzer.analyze(req, CancellationToken.NONE));
            } catch (ToolchainException e) {
                err.println("optlens: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("optlens: " + dir + ": " + e.getMessage());
                return 2;
            }
        }
        if (json) {
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(ReportJson.packages(reports)));
        } else {
            reports.forEach(this::printHuman);
        }
        boolean failed = false;
        for (PackageReport r : reports) {
            r.warnings().forEach(w -> err.println("optlens: warning: " + r.importPath() + ": " + w));
            r.excluded().forEach(x -> err.println("optlens: note: " + r.importPath() + ": " + x.message()));
            if (!r.compiled()) {
                failed = true;
                err.println("optlens: " + r.importPath() + " does not compile:");
                r.errors().forEach(e -> err.println("  " + relative(r.dir(), e)));
            }
        }
        return failed ? 1 : 0;
    }

    private static String value(String flag) {
        return flag.substring(flag.indexOf('=') + 1);
    }

    private int usage(String problem) {
        err.println("optlens check: " + problem + "\n" + Main.USAGE);
        return 2;
    }

    private static String relative(Path dir, CompileError e) {
        return e.file().map(f -> dir.relativize(f) + ":" + e.line() + ":" + e.column() + ": ").orElse("") + e.message();
    }

    /** Decisions grouped by file, then function; within a function heap allocations first. */
    private void printHuman(PackageReport r) {
        out.println("package " + r.importPath() + " (" + r.goVersion() + ") " + r.dir());
        out.println("  go: " + r.toolchain());
        Map<Path, Map<String, List<Decision>>> byFile = new LinkedHashMap<>();
        for (Decision d : r.decisions()) {
            byFile.computeIfAbsent(d.file(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(d.function().isEmpty() ? "(package level)" : d.function(), f -> new ArrayList<>()).add(d);
        }
        byFile.forEach((file, functions) -> {
            out.println("  " + r.dir().relativize(file));
            functions.forEach((fn, ds) -> {
                out.println("    " + fn);
                ds.stream().sorted((a, b) -> Boolean.compare(!a.kind().isHeapAllocation(), !b.kind().isHeapAllocation()))
                        .forEach(d -> out.printf("      %-7s %-16s %s%n", d.line() + ":" + d.column(), d.kind().id(), d.message()));
            });
        });
        long heap = r.count(DecisionKind.HEAP_ESCAPE) + r.count(DecisionKind.MOVED_TO_HEAP);
        out.printf("  %s: %d heap allocations, %d inlinable functions, %d refused%s%n", r.importPath(), heap,
                r.count(DecisionKind.INLINE_CANDIDATE), r.count(DecisionKind.INLINE_REFUSED),
                r.compiled() ? "" : " (does not compile: " + r.errors().size() + " errors)");
    }
}
