package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.syntax.GoSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shapes the compiler reports at one character (test-workspaces/placement-shapes), on every Go
 * release of the matrix: each decision covers its syntax, never a lone '(', '{', '"', '.' or '&'.
 */
class PlacementShapesTest {
    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyShapeIsCoveredWhole(GoReleases.Release release) throws Exception {
        Path dir = Workspaces.workspace("placement-shapes");
        PackageReport r = release.analyzer().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        Map<Path, GoSource> sources = new HashMap<>();
        List<String> bare = new ArrayList<>();
        List<String> escapes = new ArrayList<>();
        for (Decision d : r.decisions()) {
            GoSource src = sources.computeIfAbsent(d.file(), f -> parse(f));
            String text = src.textOf(d.range());
            if (!text.isEmpty() && text.chars().noneMatch(Character::isLetterOrDigit)) bare.add(d.line() + ":" + d.column() + " " + d.message() + " → " + text);
            if (d.kind() == DecisionKind.HEAP_ESCAPE) escapes.add(d.line() + " " + text);
            if (d.kind() == DecisionKind.MOVED_TO_HEAP) assertEquals(d.message().substring("moved to heap: ".length()), text, d.toString());
        }
        assertEquals(List.of(), bare, release + ": decisions on a lone punctuation character");
        for (String expected : List.of("18 []byte(\"hello\")", "19 []byte(s)", "27 []byte(h.f)", "32 {\"a\"}", "32 {\"b\", \"c\"}",
                "36 {1, 2}", "41 &Box[struct{ a, b int }]{}")) {
            assertTrue(escapes.contains(expected), release + ": no heap escape covering " + expected + " in " + escapes);
        }
        for (Decision d : r.decisions()) {
            String text = sources.get(d.file()).textOf(d.range());
            if (d.kind() == DecisionKind.BOUNDS_CHECK && d.line() == 63) assertTrue(text.startsWith("u64(b"), d + " → " + text);
            if (d.message().equals("func literal escapes to heap") && d.line() == 80) assertEquals("go fmt.Println(m)", text);
            // the function the compiler wraps a defer or go statement in: on the statement, not the enclosing function's name
            if (d.kind().isInlineDecision() && d.message().contains(".deferwrap")) assertEquals("defer fmt.Println(len(m))", text);
            if (d.kind().isInlineDecision() && d.message().contains(".gowrap")) assertEquals("go fmt.Println(m)", text);
            // after the raw strings: the decisions of AfterRawStrings stay in it, on its own syntax
            if (d.file().getFileName().toString().equals("rawstrings.go") && d.line() >= 9) {
                assertEquals("AfterRawStrings", d.function(), d.toString());
                if (d.kind() == DecisionKind.MOVED_TO_HEAP) assertEquals("x", text);
                if (d.kind().isInlineDecision()) assertEquals("AfterRawStrings", text);
            }
        }
    }

    private static GoSource parse(Path f) {
        try {
            return GoSource.parse(Files.readString(f));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
