package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.decision.Allocation;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.feature.HoverContent;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What really allocates, on every release of the matrix: the compiler says "escapes to heap" for a
 * zero-size literal, a constant panic value and a panic-only message as for a real allocation; its
 * own assembly and flow tell them apart, and only the real ones count.
 */
class AllocationClassTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#all")
    void onlyWhatAllocatesAtRunTimeCounts(GoReleases.Release release) throws Exception {
        PackageReport r = release.analyzer().analyze(AnalysisRequest.of(Workspaces.workspace("allocs")), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertEquals(Allocation.NO_ALLOCATION_ZERO_SIZE, at(r, 16).allocation(), release + ": &empty{}");
        assertEquals(Allocation.NO_ALLOCATION_ZERO_SIZE, at(r, 21).allocation(), release + ": context.Background's backgroundCtx{}");
        assertEquals(Allocation.NO_ALLOCATION_CONSTANT, at(r, 28).allocation(), release + ": panic(\"negative\")");
        Decision sprintf = r.decisions().stream().filter(d -> d.line() == 36 && d.message().startsWith("fmt.Sprintf")).findFirst().orElseThrow();
        assertEquals(Allocation.ONLY_WHEN_PANICKING, sprintf.allocation(), release + ": panic(fmt.Sprintf(...))");
        assertEquals(Allocation.ALLOCATES, at(r, 42).allocation(), release + ": &point{...}");
        List<Decision> counted = r.decisions().stream().filter(Decision::allocatesOnHeap).toList();
        assertTrue(counted.stream().allMatch(d -> d.line() == 36 && d.message().startsWith("n ") || d.line() == 42), counted.toString());
        assertTrue(HoverContent.decision(at(r, 16), false, false).contains("No allocation at run time"));
    }

    private static Decision at(PackageReport r, int line) {
        return r.decisions().stream().filter(d -> d.line() == line && d.kind().isHeapAllocation()).findFirst()
                .orElseThrow(() -> new AssertionError("no heap decision on line " + line + ": " + r.decisions()));
    }
}
