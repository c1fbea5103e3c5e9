package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.StdPackages;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests are a part, not a gate: a package whose test files do not compile (a copy of encoding/json
 * with its tests: bench_test.go imports internal/testenv, which a copy may not) is analysed without
 * them, on every route, with the tests' errors beside its decisions.
 */
class BrokenTestsTest {
    @Test
    void aCopyOfEncodingJsonWithItsTestsIsAnalysedWithoutThem(@TempDir Path tmp) throws Exception {
        GoReleases.Release release = GoReleases.minor(23).orElse(GoReleases.newest());
        Path dir = StdPackages.open(release, "encoding/json", tmp);
        Path src = release.toolchain().goroot().orElseThrow().resolve("src/encoding/json");
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.filter(p -> p.toString().endsWith("_test.go")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        // The same package without its tests: what each route must show.
        Path alone = Files.createDirectories(tmp.resolve("alone/encoding/json"));
        Files.writeString(tmp.resolve("alone/go.mod"), "module stdcopy\n\ngo " + release.languageVersion() + "\n");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> !p.toString().endsWith("_test.go")).toList()) Files.copy(f, alone.resolve(f.getFileName()));
        }
        PackageReport expected = release.analyzer().analyze(AnalysisRequest.of(alone), CancellationToken.NONE);
        assertTrue(expected.compiled(), expected.errors().toString());

        PackageAnalyzer editor = release.analyzer();
        PackageAnalyzer check = new PackageAnalyzer(new ToolchainLocator(release.env()), release.env(), true);
        for (PackageReport r : List.of(editor.analyze(AnalysisRequest.of(dir), CancellationToken.NONE),
                editor.analyze(AnalysisRequest.of(dir), CancellationToken.NONE),
                check.analyze(AnalysisRequest.of(dir), CancellationToken.NONE))) {
            assertTrue(r.compiled(), r.errors().toString());
            assertEquals(List.of(), r.excluded(), "no file is excluded");
            assertTrue(!r.testErrors().isEmpty(), "the tests' errors are lost");
            for (CompileError e : r.testErrors()) {
                assertTrue(e.file().map(f -> f.getFileName().toString().endsWith("_test.go")).orElse(false), "not on a test file: " + e);
            }
            assertTrue(r.testErrors().stream().anyMatch(e -> e.file().get().getFileName().toString().equals("bench_test.go")
                    && e.message().contains("internal/testenv")), r.testErrors().toString());
            assertEquals(expected.count(dev.optlens.analysis.decision.DecisionKind.MOVED_TO_HEAP)
                    + expected.count(dev.optlens.analysis.decision.DecisionKind.HEAP_ESCAPE),
                    r.count(dev.optlens.analysis.decision.DecisionKind.MOVED_TO_HEAP) + r.count(dev.optlens.analysis.decision.DecisionKind.HEAP_ESCAPE));
            assertEquals(messages(expected.decisions()), messages(r.decisions()));
        }
    }

    private static List<String> messages(List<Decision> decisions) {
        return decisions.stream().map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + " " + d.message()).sorted().toList();
    }
}
