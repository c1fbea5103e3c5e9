package dev.optlens.analysis.slice;

import dev.optlens.analysis.GoReleases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edit closure's proof on every release of the matrix (see {@link ClosureProof}): after an edit
 * inside a function, whenever the closure answers for the package, its result is the package
 * compile's; and it answers for most edits. The whole packages are proved by running the proof with
 * {@code -Doptlens.closureProof.sample=100000} (a sample here keeps the matrix's time), other packages
 * with {@code -Doptlens.closureProof.packages=go/types,...}.
 */
class ClosureEquivalenceTest {
    private static final int SAMPLE = Integer.getInteger("optlens.closureProof.sample", 24);
    private static final List<String> DEFAULT_PACKAGES = List.of("encoding/json", "net/url");
    private static final List<String> PACKAGES = System.getProperty("optlens.closureProof.packages", "").isBlank() ? DEFAULT_PACKAGES
            : List.of(System.getProperty("optlens.closureProof.packages").split(","));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void theClosureResultIsThePackageCompilesWheneverItAnswers(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        ClosureProof.Result r = ClosureProof.run(release.analyzer(), tmp, PACKAGES, SAMPLE);
        System.out.println(release + " " + r.summary());
        assertEquals(List.of(), r.mismatches(), release.toString());
        // A comment line keeps every fact: half the edits at least answer without the package compile.
        if (PACKAGES.equals(DEFAULT_PACKAGES)) assertTrue(r.complete() * 2 >= r.edits(), r.summary());
    }
}
