package dev.optlens.analysis.decision;

import dev.optlens.analysis.gate.GateFindings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kinds' one table: what every other part asks of a kind comes from its row. */
class DecisionKindRegistryTest {
    @Test
    void idsAreUniqueAndFoundAgain() {
        Set<String> ids = Arrays.stream(DecisionKind.values()).map(DecisionKind::id).collect(Collectors.toSet());
        assertEquals(DecisionKind.values().length, ids.size());
        for (DecisionKind k : DecisionKind.values()) assertEquals(k, DecisionKind.byId(k.id()).orElseThrow());
    }

    @Test
    void everyHintAndCategoryHasItsKinds() {
        Set<HintKind> hinted = EnumSet.noneOf(HintKind.class);
        Set<GateCategory> gated = EnumSet.noneOf(GateCategory.class);
        for (DecisionKind k : DecisionKind.values()) {
            k.hint().ifPresent(hinted::add);
            k.gate().ifPresent(gated::add);
            assertEquals(k.hint(), HintKind.of(k));
            assertEquals(k.gate(), GateCategory.of(k));
        }
        assertEquals(EnumSet.allOf(HintKind.class), hinted, "a hint setting no kind gives would do nothing");
        assertEquals(EnumSet.allOf(GateCategory.class), gated, "a --fail-on category no kind counts in would never fail");
    }

    @Test
    void sarifRulesComeFromTheKindsAndTheGateReportsOnlyTrackedKinds() {
        for (DecisionKind k : DecisionKind.values()) {
            assertEquals(k.ruleDescription().isPresent(), GateFindings.RULES.containsKey(k.id()), k.id());
            // A rule is only ever reported for a regression: a kind the baseline does not track has none.
            if (k.ruleDescription().isPresent()) assertTrue(k.gate().isPresent(), k.id());
        }
        assertEquals("HeapEscape", GateFindings.ruleName("heap-escape"));
        assertTrue(GateFindings.RULES.keySet().stream().anyMatch(r -> r.startsWith("assert-")));
    }

    @Test
    void onlyTheBackendPrintsChecksAndCopies() {
        Set<DecisionKind> backend = Arrays.stream(DecisionKind.values()).filter(DecisionKind::backend)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DecisionKind.class)));
        assertEquals(EnumSet.of(DecisionKind.BOUNDS_CHECK, DecisionKind.NIL_CHECK, DecisionKind.LARGE_COPY), backend);
        for (DecisionKind k : DecisionKind.values()) {
            assertTrue(Set.of("information", "off").contains(k.defaultSeverity()), k.id());
            assertEquals(k.isHeapAllocation(), k.defaultSeverity().equals("information"), "by default only heap allocations are diagnostics");
        }
    }

    @Test
    void anInlinedCallIsReadInOnePlace() {
        assertEquals("Sum[go.shape.int]", InlinedCall.callee("inlining call to Sum[go.shape.int]").orElseThrow());
        assertFalse(InlinedCall.callee("can inline Sum").isPresent());
        assertTrue(InlinedCall.calls("inlining call to Sum[go.shape.int]", "Sum", false), "an instantiation is a call of the function");
        assertTrue(InlinedCall.calls("inlining call to (*T).Get", "(*T).Get", false));
        assertTrue(InlinedCall.calls("inlining call to (*List[go.shape.string]).Push", "(*List).Push", false));
        assertFalse(InlinedCall.calls("inlining call to strings.Index", "Index", false), "another package's Index is not ours");
        assertTrue(InlinedCall.calls("inlining call to geo.Scale", "Scale", true), "an external test calls it qualified");
        assertFalse(InlinedCall.calls("inlining call to Scaled", "Scale", true));
        assertEquals("Get", InlinedCall.shortName("pkg.(*T[go.shape.int]).Get"));
    }
}
