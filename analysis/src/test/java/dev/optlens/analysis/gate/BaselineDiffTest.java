package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.GateCategory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.optlens.analysis.gate.DecisionIdentityTest.decision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What changed since a baseline, and which changes are regressions, fixes or neither. */
class BaselineDiffTest {
    private static final Path A = Path.of("/m/p", "a.go");

    private static List<BaselineDiff.Change> compare(List<Decision> before, List<Decision> now) {
        Baseline b = Baseline.of("go1.23.0", "amd64", Map.of("m/p", before));
        GateScope scope = new GateScope(Map.of(A, now), List.of(A), f -> Optional.empty());
        return BaselineDiff.compare(b, "m/p", scope).orElseThrow();
    }

    @Test
    void aNewHeapAllocationIsARegressionAndItsFindingHasTheDecisionsFingerprint() {
        Decision old = decision("a.go", 5, DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", "F");
        Decision added = decision("a.go", 8, DecisionKind.MOVED_TO_HEAP, "moved to heap: x", "F");
        List<BaselineDiff.Change> changes = compare(List.of(old), List.of(old, added));
        assertEquals(1, changes.size(), changes.toString());
        BaselineDiff.Change c = changes.get(0);
        assertTrue(c.isNew() && c.regression());
        assertEquals(GateCategory.HEAP, c.category());
        GateFinding f = GateFindings.of(c, GateCategory.DEFAULT_FAIL_ON);
        assertEquals("moved-to-heap", f.ruleId());
        assertEquals("new heap allocation", f.title());
        assertTrue(f.failing());
        assertEquals(DecisionIdentity.of("m/p", List.of(added)).get(0).fingerprint(), f.fingerprint());
        assertFalse(GateFindings.of(c, java.util.Set.of(GateCategory.INLINE)).failing(), "heap is not in --fail-on=inline");
    }

    @Test
    void aGoneAllocationIsAFixAndLostInliningIsARegression() {
        Decision heap = decision("a.go", 5, DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", "F");
        Decision candidate = decision("a.go", 2, DecisionKind.INLINE_CANDIDATE, "can inline G with cost 4 as: func() { }", "G");
        Decision refused = decision("a.go", 2, DecisionKind.INLINE_REFUSED, "cannot inline G: function too complex: cost 90 exceeds budget 80", "G");
        List<BaselineDiff.Change> changes = compare(List.of(heap, candidate), List.of(refused));
        BaselineDiff.Change gone = changes.stream().filter(c -> c.identity().kind() == DecisionKind.HEAP_ESCAPE).findFirst().orElseThrow();
        assertTrue(gone.fixed() && !gone.regression());
        BaselineDiff.Change lost = changes.stream().filter(c -> c.identity().kind() == DecisionKind.INLINE_CANDIDATE).findFirst().orElseThrow();
        assertTrue(lost.regression() && !lost.fixed());
        GateFinding f = GateFindings.of(lost, GateCategory.DEFAULT_FAIL_ON);
        assertEquals("inline-refused", f.ruleId(), "a function that lost inlining is reported where it is refused");
        assertEquals("function no longer inlinable", f.title());
        assertEquals(refused.range(), f.range());
    }

    @Test
    void aPackageTheBaselineDoesNotKnowIsNotCompared() {
        Baseline b = Baseline.of("go1.23.0", "amd64", Map.of("m/other", List.of()));
        assertTrue(BaselineDiff.compare(b, "m/p", new GateScope(Map.of(), List.of(), f -> Optional.empty())).isEmpty());
    }
}
