package dev.optlens.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server does with the next edit of a function after its closure's verdict: a function
 * whose facts changed has its callers compiled in the closure's first compile; a closure that did
 * not stand even so leaves three edits to the package compile alone.
 */
class ClosurePolicyTest {
    private static final Optional<String> F = Optional.of("encode.go#isValidTag");
    private static final Optional<String> G = Optional.of("encode.go#typeFields");

    @Test
    void aFunctionWhoseFactsChangedHasItsCallersCompiledAtOnceNextTime() {
        LargePackagePolicy.Profile p = new LargePackagePolicy.Profile();
        assertFalse(p.callersAtOnce(F), "a first closure compiles the function alone");
        p.closureStands = false;
        p.widening(F); // its facts changed: its callers compiled in a second compile, which the package compile ended
        assertTrue(p.callersAtOnce(F));
        assertFalse(p.callersAtOnce(G), "another function's edit compiles it alone");
        assertFalse(p.skipsClosure(F), "a closure whose facts changed is tried again, with the callers at once");

        p.closureStands = true;
        p.closureVerdict(F, true, true); // at once, stood, facts changed again (the escape toggled back)
        assertTrue(p.callersAtOnce(F));
        p.closureVerdict(F, true, false); // at once, stood, facts kept (a comment)
        assertFalse(p.callersAtOnce(F), "facts kept: the next closure compiles the function alone again");
    }

    @Test
    void aClosureWithItsCallersThatDidNotStandLeavesThreeEditsToThePackageCompile() {
        LargePackagePolicy.Profile p = new LargePackagePolicy.Profile();
        p.closureStands = false;
        p.widening(F);
        p.closureVerdict(F, false, true); // its callers' slice did not stand (their own facts changed)
        assertFalse(p.callersAtOnce(F), "callers that did not stand are not compiled at once next time");
        p.widening(F);
        p.closureVerdict(F, false, false); // at once, and the package compile finished first
        assertFalse(p.callersAtOnce(F));
        assertTrue(p.skipsClosure(F));
        assertTrue(p.skipsClosure(F));
        assertTrue(p.skipsClosure(F));
        assertFalse(p.skipsClosure(F), "every fourth edit tries the closure again");
        assertFalse(p.skipsClosure(G));
    }
}
