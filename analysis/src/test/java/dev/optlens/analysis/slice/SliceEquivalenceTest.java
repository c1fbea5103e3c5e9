package dev.optlens.analysis.slice;

import dev.optlens.analysis.build.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path's proof: for a deterministic sample of functions from standard-library packages
 * copied into a test module, the decisions from compiling a slice of the package equal the full
 * compile's decisions for that function.
 */
class SliceEquivalenceTest {
    private static final List<String> PACKAGES = List.of("encoding/json", "regexp", "compress/flate", "encoding/csv",
            "text/tabwriter", "bufio");
    private static final int SAMPLE = 200;

    private record Target(Path dir, Path file, GoFunction function) {
    }

    @Test
    void slicedDecisionsEqualTheFullCompile(@TempDir Path tmp) throws Exception {
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        Path goroot = Path.of(analyzer.toolchain(Optional.empty()).env().get("GOROOT"));
        Files.writeString(tmp.resolve("go.mod"), "module proof\n\ngo 1.23\n");
        List<Target> all = new ArrayList<>();
        java.util.Map<Path, PackageReport> full = new java.util.HashMap<>();
        long fullMillis = 0;
        for (String pkg : PACKAGES) {
            Path dir = Files.createDirectories(tmp.resolve(pkg.replace('/', '_')));
            try (Stream<Path> s = Files.list(goroot.resolve("src").resolve(pkg))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).sorted().toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            PackageReport report = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
            assertTrue(report.compiled(), pkg + ": " + report.errors());
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
        int step = Math.max(1, all.size() / SAMPLE);
        List<Target> sample = new ArrayList<>();
        for (int i = 0; i < all.size() && sample.size() < SAMPLE + step; i += step) sample.add(all.get(i));

        List<String> mismatches = new ArrayList<>();
        long sliceMillis = 0;
        long slicerMillis = 0;
        for (Target t : sample) {
            int line = t.function().nameRange().start().line() + 1;
            FunctionSlice slice = analyzer.analyzeFunction(AnalysisRequest.of(t.dir()), t.file(), line, CancellationToken.NONE)
                    .orElseThrow(() -> new AssertionError("no slice for " + t.function().name()));
            sliceMillis += slice.compileMillis();
            slicerMillis += slice.sliceMillis();
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
        System.out.printf("slice equivalence: %d/%d functions identical; mean compile %d ms sliced vs %d ms full"
                        + " (per package), slicer %d ms per request%n", sample.size() - mismatches.size(), sample.size(),
                sliceMillis / sample.size(), fullMillis / PACKAGES.size(), slicerMillis / sample.size());
        assertTrue(sample.size() >= SAMPLE, "sample of " + sample.size());
        assertEquals(List.of(), mismatches);
    }

    private static List<String> facts(List<Decision> ds) {
        return ds.stream().map(d -> d.line() + ":" + d.column() + " " + d.kind().id() + " " + d.message()).sorted().toList();
    }
}
