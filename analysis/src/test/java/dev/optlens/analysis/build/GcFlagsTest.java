package dev.optlens.analysis.build;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcFlagsTest {
    @Test
    void userFlagsComeFirstAndOurLoggingFlagsReplaceTheirs() {
        assertEquals("-l -N -m=2 -json=0,file:///t", GcFlags.merge("-l -m -N -S", List.of("-m=2", "-json=0,file:///t")));
    }

    @Test
    void packagePatternIsDroppedAndQuotesKept() {
        assertEquals(List.of("-l", "-d=ssa/check_bce/debug=1"), GcFlags.userFlags("all=-l -d=ssa/check_bce/debug=1"));
        assertEquals("'-d=a b' -m=2", GcFlags.merge("\"-d=a b\"", List.of("-m=2")));
    }
}
