package dev.optlens.analysis.slice;

import dev.optlens.analysis.engine.PackageAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.optlens.analysis.GoReleases;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path's proof: for a deterministic sample of functions from standard-library packages
 * copied into a test module, the decisions from compiling a slice of the package equal the full
 * compile's decisions for that function (see {@link SliceProof}).
 */
class SliceEquivalenceTest {
    private static final int SAMPLE = 200;

    @Test
    void slicedDecisionsEqualTheFullCompile(@TempDir Path tmp) throws Exception {
        SliceProof.Result r = SliceProof.run(PackageAnalyzer.fromSystem(), tmp, SAMPLE);
        System.out.println(r.summary());
        assertTrue(r.sampled() >= SAMPLE, "sample of " + r.sampled());
        assertEquals(List.of(), r.mismatches());
    }

    /** The same proof on a smaller sample on every release of the matrix (the slicer is built with each). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#all")
    void slicedDecisionsEqualTheFullCompileOnEveryRelease(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        SliceProof.Result r = SliceProof.run(release.analyzer(), tmp, RELEASE_SAMPLE);
        System.out.println(release + " " + r.summary());
        assertTrue(r.sampled() >= RELEASE_SAMPLE, "sample of " + r.sampled());
        assertEquals(List.of(), r.mismatches(), release.toString());
    }

    private static final int RELEASE_SAMPLE = 30;
}
