package dev.optlens.analysis.decision;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assembly is told from -m text line by line, and read per source line. */
class AllocationSitesTest {
    @Test
    void assemblyIsToldFromTheCompilersOtherLines() {
        assertTrue(AllocationSites.isAssembly("flows.ret STEXT size=54 args=0x0 locals=0x18 funcid=0x0 align=0x0"));
        assertTrue(AllocationSites.isAssembly("sync/atomic.(*Pointer[go.shape.struct { os.mu sync.Mutex; os.buf *[]uint8 }]).Swap STEXT dupok size=67 args=0x18"));
        assertTrue(AllocationSites.isAssembly("go:string.\"%s: %s\\n\" SRODATA dupok size=7"));
        assertTrue(AllocationSites.isAssembly("\t0x0015 00021 (/tmp/flows/f.go:13)\tCALL\truntime.newobject(SB)"));
        assertTrue(AllocationSites.isAssembly("\trel 22+4 t=R_CALL runtime.newobject+0"));
        assertFalse(AllocationSites.isAssembly("./f.go:13:2: moved to heap: p"));
        assertFalse(AllocationSites.isAssembly("./f.go:13:2:   flow: ~r0 = &p:"));
        assertFalse(AllocationSites.isAssembly("\thave (int)"), "a type error's detail line stays with its error");
        assertFalse(AllocationSites.isAssembly("# example.com/flows"));
    }

    @Test
    void aLineAllocatesOnlyWhenARuntimeCallThatMayAllocateIsMadeThere() {
        AllocationSites s = new AllocationSites();
        Path f = Path.of("/tmp/flows/f.go");
        s.line("\t0x0015 00021 (/tmp/flows/f.go:13)\tCALL\truntime.newobject(SB)");
        s.line("\t0x0040 00064 (/tmp/flows/f.go:42)\tCALL\truntime.gopanic(SB)");
        s.line("\t0x0007 00007 (/tmp/flows/f.go:54)\tLEAQ\truntime.zerobase(SB), BX");
        s.line("\t0x0009 00009 (/tmp/flows/f.go:60)\tCALL\truntime.someFutureHelper(SB)");
        assertTrue(s.isRead());
        assertTrue(s.mayAllocateAt(f, 13));
        assertFalse(s.mayAllocateAt(f, 42), "a panic allocates nothing of its own");
        assertTrue(s.zeroSizeAt(f, 54) && !s.mayAllocateAt(f, 54));
        assertTrue(s.mayAllocateAt(f, 60), "a runtime call not known to be free counts as one that may allocate");
        assertFalse(AllocationSites.NONE.isRead());
    }
}
