package dev.optlens.analysis.slice;

import dev.optlens.analysis.StdPackages;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fast path's proof, shared by {@link SliceEquivalenceTest} (which asserts it) and the server
 * benchmark (which prints it): standard-library packages of the analyzer's Go release are copied into a
 * module ({@link StdPackages}), a deterministic
 * sample of their functions is sliced, and each slice's decisions are compared with the full
 * compile's decisions for that function.
 */
public final class SliceProof {
    public static final List<String> PACKAGES = List.of("encoding/json", "regexp", "compress/flate", "encoding/csv",
            "text/tabwriter", "bufio");

    /**
     * @param mismatches      one line per function whose sliced decisions differ
     * @param fullMillis      mean direct compile of a whole package
     * @param sliceMillis     median slice compile
     * @param slicerMillis    median slicer request (warm: the helper already running)
     */
    public record Result(int sampled, List<String> mismatches, long fullMillis, double sliceMillis, double slicerMillis) {
        public String summary() {
            return String.format("slice equivalence: %d/%d functions identical; slice compile median %.0f ms vs %d ms"
                            + " full (mean per package); slicer median %.0f ms per request (warm)",
                    sampled - mismatches.size(), sampled, sliceMillis, fullMillis, slicerMillis);
        }
    }

    private record Target(Path dir, Path file, GoFunction function) {
    }

    private SliceProof() {
    }

    public static Result run(PackageAnalyzer analyzer, Path tmp, int sampleSize) throws Exception {
        GoToolchain toolchain = analyzer.toolchain(Optional.empty());
        Path goroot = toolchain.goroot().orElseThrow();
        String go = toolchain.version().major() + "." + toolchain.version().minor();
        List<Target> all = new ArrayList<>();
        Map<Path, PackageReport> full = new HashMap<>();
        long fullMillis = 0;
        for (String pkg : PACKAGES) {
            Path dir = StdPackages.open(goroot, go, pkg, tmp);
            PackageReport report = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
            if (!report.compiled()) throw new IllegalStateException(pkg + ": " + report.errors());
            PackageReport again = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE); // direct: the fair baseline
            fullMillis += again.compileMillis();
            full.put(dir, report);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".go")).sorted().toList()) {
                    GoSource src = GoSource.parse(Files.readAllBytes(f));
                    for (GoFunction fn : src.functions()) {
                        if (fn.body().isPresent()) all.add(new Target(dir, f, fn));
                    }
                }
            }
        }
        int step = Math.max(1, all.size() / sampleSize);
        List<Target> sample = new ArrayList<>();
        for (int i = 0; i < all.size() && sample.size() < sampleSize + step; i += step) sample.add(all.get(i));

        List<String> mismatches = new ArrayList<>();
        double[] compile = new double[sample.size()];
        double[] slicer = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            Target t = sample.get(i);
            int line = t.function().nameRange().start().line() + 1;
            Optional<FunctionSlice> sliced = analyzer.analyzeFunction(AnalysisRequest.of(t.dir()), t.file(), line, CancellationToken.NONE);
            if (sliced.isEmpty()) {
                mismatches.add(t.dir().getFileName() + "." + t.function().name() + ": no slice");
                continue;
            }
            FunctionSlice slice = sliced.get();
            compile[i] = slice.compileMillis();
            slicer[i] = slice.sliceMillis();
            List<String> expected = facts(full.get(t.dir()).decisions().stream().filter(d -> d.file().equals(t.file())
                    && slice.startLine() <= d.line() && d.line() <= slice.endLine()).toList());
            List<String> actual = facts(slice.decisions());
            if (!expected.equals(actual)) {
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(actual);
                List<String> extra = new ArrayList<>(actual);
                extra.removeAll(expected);
                mismatches.add(t.dir().getFileName() + "." + t.function().name() + " missing " + missing + " extra " + extra);
            }
        }
        // The first request starts the helper (and may build it): "warm" leaves it out.
        return new Result(sample.size(), List.copyOf(mismatches), fullMillis / PACKAGES.size(), median(compile, 0),
                median(slicer, 1));
    }

    private static double median(double[] values, int skip) {
        double[] v = Arrays.copyOfRange(values, Math.min(skip, values.length), values.length);
        if (v.length == 0) return 0;
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** What a user sees of a decision: place, kind, message, explanation and inline chain. */
    private static List<String> facts(List<Decision> ds) {
        return ds.stream().map(d -> d.line() + ":" + d.column() + " " + d.kind().id() + " " + d.message()
                + " " + d.explanation() + " " + d.inlinedFrom()).sorted().toList();
    }
}
