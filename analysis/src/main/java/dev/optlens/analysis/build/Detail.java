package dev.optlens.analysis.build;

import java.nio.file.Path;
import java.util.List;

/**
 * How much a compile is asked to tell. Measured on go1.23, 2 cores: encoding/json compiles in
 * 499 ms at {@code -m}, 504 ms at {@code -m=2} and 599 ms at {@code -m=2} with {@code -json};
 * go/types in 2.7 s at {@code -m} but 11 s at {@code -m=2} (1.5 million explanation lines) and
 * 10 s with {@code -json} alone. The -json log costs about a fifth everywhere; the escape
 * explanations behind {@code -m=2} cost little on most packages and a lot on a few. Bounds checks
 * come from the compiler's own check_bce debug output at every level (a few percent).
 */
public enum Detail {
    /**
     * {@code -m=2}, {@code -json} and {@code -S}: every decision, its explanation, its inline chain, nil checks,
     * large copies, and the assembly that tells which heap decisions allocate nothing at run time.
     */
    FULL,
    /** {@code -m=2}: every decision with its explanation, inline cost and refusal reason; no inline chains,
     *  nil checks or large copies (those need the -json log). */
    EXPLAINED,
    /** {@code -m}: escape, inlining and devirtualization headlines and bounds checks; no explanations,
     *  no inline costs, no refusals ("cannot inline") at all. */
    SUMMARY;

    /** The compiler prints every bounds check it keeps, as {@code Found IsInBounds} / {@code Found IsSliceInBounds}. */
    public static final String BOUNDS_FLAG = "-d=ssa/check_bce/debug=1";

    /** Our compiler flags at this level; {@code jsonDir} receives the -json log (FULL only). */
    public List<String> compilerFlags(Path jsonDir) {
        return switch (this) {
            case FULL -> List.of("-m=2", "-json=0," + jsonDir.toUri(), BOUNDS_FLAG, "-S");
            case EXPLAINED -> List.of("-m=2", BOUNDS_FLAG);
            case SUMMARY -> List.of("-m", BOUNDS_FLAG);
        };
    }
}
