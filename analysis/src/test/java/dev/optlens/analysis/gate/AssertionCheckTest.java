package dev.optlens.analysis.gate;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every assertion kind, holding (test-workspaces/gate/holds) and violated (gate/violated), checked
 * against the real compiler on every release of the matrix. gcassert's noescape is among them: on
 * go1.25+ gcassert itself misses the escape (it looks for lines ending in "escapes to heap:").
 */
class AssertionCheckTest {
    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    private static List<AssertionResult> check(GoReleases.Release release, String pkg) throws Exception {
        Path dir = Workspaces.workspace("gate").resolve(pkg);
        PackageReport r = release.analyzer().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        return new Gate(List.of(r)).assertions(r);
    }

    /** "line directive: verdict" for each assertion, 1-based lines of the line it is about. */
    private static Map<String, String> verdicts(List<AssertionResult> results) {
        Map<String, String> out = new TreeMap<>();
        for (AssertionResult r : results) {
            out.put((r.assertion().line() + 1) + " " + r.assertion().written(), r.verdict().name());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyAssertionOfHoldsHolds(GoReleases.Release release) throws Exception {
        List<AssertionResult> results = check(release, "holds");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "7 optlens:inline", "HOLDS",
                "12 gcassert:inline", "HOLDS",
                "18 optlens:inline", "HOLDS",
                "18 optlens:nobce", "HOLDS",
                "26 optlens:noescape", "HOLDS",
                "27 optlens:stack count", "HOLDS"));
        expected.putAll(Map.of("29 gcassert:bce", "HOLDS", "32 gcassert:noescape", "HOLDS",
                "40 gcassert:inline", "HOLDS", "44 gcassert:inline", "HOLDS"));
        assertEquals(expected, verdicts(results), release + ": " + results.stream().map(AssertionResult::message).toList());
        AssertionResult scale = results.stream().filter(r -> r.assertion().function().orElse("").equals("Scale")).findFirst().orElseThrow();
        assertEquals("optlens:inline: Scale is inlined at all 3 call sites", scale.message());
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyAssertionOfViolatedIsViolatedWithTheCompilersWords(GoReleases.Release release) throws Exception {
        List<AssertionResult> results = check(release, "violated");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "11 optlens:noescape", "VIOLATED",
                "17 optlens:stack count", "VIOLATED",
                "23 optlens:nobce", "VIOLATED",
                "29 optlens:inline", "VIOLATED",
                "45 optlens:inline", "VIOLATED",
                "51 gcassert:noescape", "VIOLATED",
                "56 gcassert:bce", "VIOLATED",
                "60 gcassert:noescape", "VIOLATED",
                "66 gcassert:inline", "VIOLATED",
                "70 optlens:fast", "INVALID"));
        assertEquals(expected, verdicts(results), release + ": " + results.stream().map(AssertionResult::message).toList());
        List<String> messages = new ArrayList<>();
        results.forEach(r -> messages.add(r.message()));
        assertTrue(messages.contains("optlens:noescape violated: make([]byte, n) escapes to heap"), messages.toString());
        assertTrue(messages.contains("optlens:stack count violated: moved to heap: count"), messages.toString());
        assertTrue(messages.contains("optlens:inline violated: call to Big is not inlined (cannot inline Big: function too complex: cost 185 exceeds budget 80)"),
                messages.toString());
        assertTrue(messages.contains("optlens:inline violated: cannot inline Big: function too complex: cost 185 exceeds budget 80"),
                messages.toString());
        // go1.25+ prints "v escapes to heap in Heap:", which gcassert's own check does not see.
        assertTrue(messages.contains("gcassert:noescape violated: moved to heap: v"), messages.toString());
        assertTrue(messages.contains("gcassert:noescape violated: leaking param: p"), messages.toString());
        AssertionResult escape = results.get(0);
        assertTrue(escape.explained().contains("\n  flow: "), "the explanation says why: " + escape.explained());
    }
}
