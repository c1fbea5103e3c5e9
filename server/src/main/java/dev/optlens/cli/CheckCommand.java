package dev.optlens.cli;

import com.google.gson.GsonBuilder;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.process.CancellationToken;
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
        Flags flags;
        try {
            flags = Flags.parse(args, java.util.stream.Stream.concat(Flags.BUILD.stream(), java.util.stream.Stream.of("detail"))
                    .collect(java.util.stream.Collectors.toSet()), Set.of("json"));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        boolean json = flags.on("json");
        Optional<Detail> detail = Optional.empty();
        if (flags.value("detail").isPresent()) {
            detail = switch (flags.value("detail").get()) {
                case "full" -> Optional.of(Detail.FULL);
                case "explained" -> Optional.of(Detail.EXPLAINED);
                case "summary" -> Optional.of(Detail.SUMMARY);
                case "auto" -> Optional.empty();
                default -> null;
            };
            if (detail == null) return usage("--detail takes full, explained, summary or auto");
        }
        List<String> paths = flags.positional;
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
        BuildOptions options = flags.buildOptions();
        List<AnalysisRequest> requests = new ArrayList<>();
        Optional<Detail> asked = detail;
        for (Path dir : dirs) {
            Detail level = asked.orElseGet(() -> autoDetail(dir));
            requests.add(new AnalysisRequest(dir, options.withDetail(level), Overlay.NONE, Optional.empty()));
        }
        loneFiles.forEach((dir, files) -> requests.add(new AnalysisRequest(dir, options.withDetail(asked.orElse(Detail.FULL)),
                Overlay.NONE, Optional.empty(), files, Optional.empty())));
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

    /**
     * Packages with more Go source than this compile without the -json log unless --detail=full asks
     * for it: on a generated 5 MB file the log is 260 MB, costs the compile 15% and optlens more
     * than the compile's whole -m=2 text (nil checks, large copies and inline chains are what it adds).
     */
    static final long AUTO_FULL_DETAIL_BYTES = 1 << 20;

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

    private int usage(String problem) {
        err.println("optlens check: " + problem + "\n" + Main.USAGE);
        return 2;
    }

    private static String relative(Path dir, CompileError e) {
        return e.file().map(f -> dir.relativize(f) + ":" + e.line() + ":" + e.column() + ": ").orElse("") + e.message();
    }

    /** Decisions grouped by file, then function; within a function heap allocations first. */
    private void printHuman(PackageReport r) {
        // Built whole and printed once: println flushes, and a big package has a million lines.
        StringBuilder text = new StringBuilder();
        java.util.Formatter page = new java.util.Formatter(text);
        page.format("%s%n", "package " + r.importPath() + " (" + r.goVersion() + ") " + r.dir());
        page.format("%s%n", "  go: " + r.toolchain());
        Map<Path, Map<String, List<Decision>>> byFile = new LinkedHashMap<>();
        for (Decision d : r.decisions()) {
            byFile.computeIfAbsent(d.file(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(d.function().isEmpty() ? "(package level)" : d.function(), f -> new ArrayList<>()).add(d);
        }
        byFile.forEach((file, functions) -> {
            page.format("%s%n", "  " + r.dir().relativize(file));
            functions.forEach((fn, ds) -> {
                page.format("%s%n", "    " + fn);
                ds.stream().sorted((a, b) -> Boolean.compare(!a.kind().isHeapAllocation(), !b.kind().isHeapAllocation()))
                        .forEach(d -> page.format("      %-7s %-16s %s%n", d.line() + ":" + d.column(), d.kind().id(), d.message()));
            });
        });
        long heap = r.count(DecisionKind.HEAP_ESCAPE) + r.count(DecisionKind.MOVED_TO_HEAP);
        page.format("  %s: %d heap allocations, %d inlinable functions, %d refused%s%n", r.importPath(), heap,
                r.count(DecisionKind.INLINE_CANDIDATE), r.count(DecisionKind.INLINE_REFUSED),
                r.compiled() ? "" : " (does not compile: " + r.errors().size() + " errors)");
        out.print(text);
    }
}
