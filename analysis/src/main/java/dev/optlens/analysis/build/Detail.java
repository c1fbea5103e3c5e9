package dev.optlens.analysis.build;

import java.nio.file.Path;
import java.util.List;

/**
 * How much a compile is asked to explain. The escape-flow explanations behind {@code -m=2} and
 * {@code -json} are what makes logging expensive on large packages (go1.23, 2 cores: go/types
 * compiles in 2.7 s at {@code -m} but 10–11 s at {@code -m=2} or with {@code -json}), while the
 * headlines themselves cost little. Bounds checks come from the compiler's own
 * {@code check_bce} debug output at both levels (a few percent).
 */
public enum Detail {
    /** {@code -m=2} and {@code -json}: every decision, its explanation, its inline chain, nil checks, large copies. */
    FULL,
    /** {@code -m}: every escape, inline and devirtualization headline and every bounds check; no explanations,
     *  inline chains, nil checks or large copies. */
    SUMMARY;

    /** The compiler prints every bounds check it keeps, as {@code Found IsInBounds} / {@code Found IsSliceInBounds}. */
    public static final String BOUNDS_FLAG = "-d=ssa/check_bce/debug=1";

    /** Our compiler flags at this level; {@code jsonDir} receives the -json log (FULL only). */
    public List<String> compilerFlags(Path jsonDir) {
        return this == FULL
                ? List.of("-m=2", "-json=0," + jsonDir.toUri(), BOUNDS_FLAG)
                : List.of("-m", BOUNDS_FLAG);
    }
}
