package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method taken as a value ({@code e.encode}) gets a wrapper whose flows join the method's escape
 * explanations, and the function that takes it is not in the edit's closure: an edit in that method
 * is answered by the package compile, the reason naming the line (the full closure proof found
 * encoding/json's mapEncoder.encode so, on the oldest and newest release). The same method called,
 * never taken as a value, keeps its closure.
 */
class ClosureMethodValueTest {
    private static final String CODE = """
            package mv

            var sink *int

            type enc struct{ n int }

            func (e enc) encode(p *int) {
            	if p != nil && e.n > 0 {
            		sink = p
            	}
            }

            func Use(p *int) { enc{n: 1}.encode(p) }
            """;
    private static final String VALUE = "\nfunc New() func(*int) {\n\te := enc{n: 2}\n\treturn e.encode\n}\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void anEditInAMethodTakenAsAValueIsThePackageCompiles(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/mv\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("mv.go");

        PackageAnalyzer analyzer = release.analyzer(); // one: the closure reads the description its compile made
        Files.writeString(file, CODE);
        Optional<String> called = closureOfAnEditIn(analyzer, tmp, file, CODE, "func (e enc) encode");
        assertTrue(called.isEmpty(), "a method only called keeps its closure: " + called);

        Files.writeString(file, CODE + VALUE);
        Optional<String> asValue = closureOfAnEditIn(analyzer, tmp, file, CODE + VALUE, "func (e enc) encode");
        assertFalse(asValue.isEmpty(), "the closure stood for a method taken as a value");
        assertTrue(asValue.get().contains("enc.encode may be taken as a value (mv.go:18: return e.encode)"), asValue.get());
    }

    /**
     * The closure's fallback after a comment line at the top of the body of the function declared by
     * {@code declaration} in {@code file} (whose text is {@code text}); empty when it stands.
     */
    static Optional<String> closureOfAnEditIn(PackageAnalyzer analyzer, Path dir, Path file, String text, String declaration)
            throws Exception {
        PackageReport base = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(base.compiled(), base.errors().toString());
        int braceLine = (int) text.substring(0, text.indexOf(declaration)).lines().count() + 1; // 1-based
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        lines.add(braceLine, "\t// edited");
        String edited = String.join("\n", lines) + "\n";
        AnalysisRequest req = new AnalysisRequest(dir, dev.optlens.analysis.build.BuildOptions.DEFAULT,
                new Overlay(Map.of(file, edited)), Optional.empty());
        List<Decision> shifted = base.decisions().stream().map(d -> d.shiftedLines(file, braceLine, 1)).toList();
        EditClosure.Result r = analyzer.analyzeClosure(req, file, braceLine + 1, shifted, CancellationToken.NONE, () -> { });
        return r.complete() ? Optional.empty() : r.fallback();
    }
}
