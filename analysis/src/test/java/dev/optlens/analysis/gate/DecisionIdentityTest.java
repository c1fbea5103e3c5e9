package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A decision's identity survives code moving and costs changing; two alike decisions of a function stay apart. */
class DecisionIdentityTest {
    static Decision decision(String file, int line, DecisionKind kind, String message, String function) {
        return new Decision(Path.of("/m/p", file), line, 2, TextRange.of(line - 1, 1, line - 1, 4), kind, message, function, "",
                List.of(), List.of());
    }

    @Test
    void linesAndCostsDoNotChangeTheIdentity() {
        var a = DecisionIdentity.of("m/p", List.of(decision("a.go", 10, DecisionKind.INLINE_CANDIDATE, "can inline F with cost 12 as: func() { }", "F")));
        var b = DecisionIdentity.of("m/p", List.of(decision("a.go", 40, DecisionKind.INLINE_CANDIDATE, "can inline F with cost 30 as: func() { x }", "F")));
        assertEquals(a, b);
        assertEquals(a.get(0).fingerprint(), b.get(0).fingerprint());
        assertEquals(32, a.get(0).fingerprint().length());
        assertEquals("cannot inline G: function too complex: cost N exceeds budget N",
                DecisionIdentity.normalize("cannot inline G: function too complex: cost 93 exceeds budget 80"));
    }

    @Test
    void alikeDecisionsOfAFunctionAreCountedInSourceOrder() {
        Decision first = decision("a.go", 5, DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", "F");
        Decision second = decision("a.go", 9, DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", "F");
        var ids = DecisionIdentity.of("m/p", List.of(second, first)); // given out of order
        assertEquals(1, ids.get(0).ordinal());
        assertEquals(0, ids.get(1).ordinal());
        assertNotEquals(ids.get(0).fingerprint(), ids.get(1).fingerprint());
        Decision elsewhere = decision("a.go", 9, DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", "G");
        assertEquals(0, DecisionIdentity.of("m/p", List.of(first, elsewhere)).get(1).ordinal(), "another function counts on its own");
    }
}
