package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.slice.SliceMember;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A method's leak is explained for it and for each wrapper the compiler makes for the types that embed
 * its receiver, in the order its compile reaches those types; a slice reaches them in another order
 * (go/types' (*object).cmp, go1.27). The closure's result shows the slice's flows in the order the
 * package compile printed them, so a comment edit does not reshuffle the hover.
 */
class ClosureFlowOrderTest {
    private static final Path FILE = Path.of("/m/types/object.go");

    private static List<ExplanationStep> flow(String wrapper) {
        return List.of(new ExplanationStep("parameter b leaks to {heap} for " + wrapper + " with derefs=1", Optional.of(FILE), 169, 22),
                new ExplanationStep("flow: {heap} ← *b:", Optional.of(FILE), 169, 22),
                new ExplanationStep("from (*object).cmp(a.object, b) (call parameter)", Optional.empty(), 1, 0));
    }

    private static List<ExplanationStep> flows(String... wrappers) {
        List<ExplanationStep> all = new ArrayList<>();
        for (String w : wrappers) all.addAll(flow(w));
        return all;
    }

    private static Decision leak(List<ExplanationStep> why) {
        return new Decision(FILE, 169, 22, TextRange.of(168, 21, 168, 22), DecisionKind.LEAKING_PARAM, "leaking param content: b",
                "(*object).cmp", "b", why, List.of());
    }

    private static FunctionSlice slice(Decision d) {
        return new FunctionSlice(FILE, "(*object).cmp", 169, 200, List.of(d), List.of("(*object).cmp"), 1, 1,
                List.of(new SliceMember(FILE, "(*object).cmp", 169, 200, SliceMember.Role.TARGET)));
    }

    @Test
    void theSameFlowsInAnotherOrderAreShownInThePackageCompilesOrder() {
        Decision base = leak(flows("(*object).cmp", "(*Var).cmp", "(*PkgName).cmp", "(*Func).cmp"));
        Decision sliced = leak(flows("(*object).cmp", "(*Var).cmp", "(*Func).cmp", "(*PkgName).cmp"));
        FunctionSlice out = EditClosure.inBaseOrder(List.of(base), slice(sliced));
        assertEquals(base.explanation(), out.decisions().get(0).explanation());
        assertEquals(List.of(base), EditClosure.complete(List.of(base), out));
    }

    @Test
    void otherFlowsAreTheSlicesOwn() {
        Decision base = leak(flows("(*object).cmp", "(*Var).cmp", "(*PkgName).cmp"));
        Decision lost = leak(flows("(*object).cmp", "(*PkgName).cmp"));
        Decision more = leak(flows("(*Var).cmp", "(*object).cmp", "(*PkgName).cmp", "(*Nil).cmp"));
        Decision twice = leak(flows("(*Var).cmp", "(*Var).cmp", "(*PkgName).cmp"));
        for (Decision d : List.of(lost, more, twice)) {
            assertEquals(d.explanation(), EditClosure.inBaseOrder(List.of(base), slice(d)).decisions().get(0).explanation());
        }
    }
}
