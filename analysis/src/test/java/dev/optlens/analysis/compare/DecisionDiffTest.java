package dev.optlens.analysis.compare;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How two builds' decisions are matched: by identity, closures by the function they are written in, then by position. */
class DecisionDiffTest {
    private static final Path FILE = Path.of("/m/clo.go");

    private static Decision d(String function, int line, int column, DecisionKind kind, String message) {
        return d(function, line, column, kind, message, "");
    }

    private static Decision d(String function, int line, int column, DecisionKind kind, String message, String subject) {
        TextRange r = new TextRange(new TextPosition(line - 1, column - 1), new TextPosition(line - 1, column));
        return new Decision(FILE, line, column, r, kind, message, function, subject, List.of(), List.of());
    }

    @Test
    void ofSeveralDecisionsAtOnePlaceTheOneAboutTheSameThingIsTheChange() {
        // basics.go's Run on go1.23 and go1.27, where Double is inlined.
        List<Decision> go123 = List.of(d("Run", 62, 18, DecisionKind.HEAP_ESCAPE, "make([]int, 0, len(xs) * 2) escapes to heap",
                "make([]int, 0, len(xs) * 2)"));
        List<Decision> go127 = List.of(
                d("Run", 62, 18, DecisionKind.NO_ESCAPE, "append does not escape", "append"),
                d("Run", 62, 18, DecisionKind.NO_ESCAPE, "make([]int, 0, len(xs) * 2) does not escape", "make([]int, 0, len(xs) * 2)"));
        assertEquals(List.of("Run only-b: append does not escape",
                "Run changed: make([]int, 0, len(xs) * 2) escapes to heap → make([]int, 0, len(xs) * 2) does not escape"), diff(go123, go127));
    }

    private static List<String> diff(List<Decision> a, List<Decision> b) {
        return DecisionDiff.compare(a, b).stream().map(x -> x.function() + " " + x.change().id() + ": " + x.summary()).toList();
    }

    @Test
    void closuresCopiedByInliningAreTheSameWhateverTheReleaseCallsThem() {
        // go1.23 and go1.27 on the same code (their -m=2 words).
        List<Decision> go123 = List.of(
                d("Scale", 11, 10, DecisionKind.INLINED_CALL, "inlining call to Scale.Make.func1"),
                d("Use", 10, 34, DecisionKind.INLINE_CANDIDATE, "can inline Use.Use.func2.func4 with cost 60 as: func() int { return g() }"),
                d("Use", 10, 34, DecisionKind.INLINE_CANDIDATE, "can inline Use.func2.1 with cost 60"));
        List<Decision> go127 = List.of(
                d("Scale", 11, 10, DecisionKind.INLINED_CALL, "inlining call to Make.func1"),
                d("Use", 10, 34, DecisionKind.INLINE_CANDIDATE, "can inline Use.func2.func1 with cost 20 as: func() int { return g() }"),
                d("Use", 10, 34, DecisionKind.INLINE_CANDIDATE, "can inline Use.func2.1 with cost 20"));
        // The two names of one closure at one place are one decision: its cost changed.
        assertEquals(List.of("Use changed: can inline Use.Use.func2.func4 with cost 60 → can inline Use.func2.func1 with cost 20"),
                diff(go123, go127));
        assertEquals(List.of(), diff(go123.subList(0, 1), go127.subList(0, 1)), "a renamed closure alone is no difference");
        assertEquals("inlining call to Make.func version go1.23", DecisionDiff.normalized("inlining call to Scale.Make.func1 version go1.23"));
    }

    @Test
    void whatIsLeftAboutTheSameCodeIsAChangeTheRestIsOneSides() {
        List<Decision> a = List.of(
                d("Sum", 10, 11, DecisionKind.HEAP_ESCAPE, "make([]int, n) escapes to heap"),
                d("Negate", 31, 6, DecisionKind.INLINE_REFUSED, "cannot inline Negate: function too complex: cost 88 exceeds budget 80"),
                d("Big", 47, 11, DecisionKind.BOUNDS_CHECK, "Found IsInBounds"));
        List<Decision> b = List.of(
                d("Sum", 10, 11, DecisionKind.NO_ESCAPE, "make([]int, n) does not escape"),
                d("Negate", 31, 6, DecisionKind.INLINE_CANDIDATE, "can inline Negate with cost 48 as: func([]int) int { … }"),
                d("Pop", 54, 25, DecisionKind.INLINED_CALL, "inlining call to bits.OnesCount64"));
        assertEquals(List.of(
                "Big only-a: Found IsInBounds",
                "Negate changed: cannot inline Negate: function too complex: cost 88 exceeds budget 80 → can inline Negate with cost 48",
                "Pop only-b: inlining call to bits.OnesCount64",
                "Sum changed: make([]int, n) escapes to heap → make([]int, n) does not escape"), diff(a, b));
        assertEquals(List.of(), diff(a, a));
    }
}
