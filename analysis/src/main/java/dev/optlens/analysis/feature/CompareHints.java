package dev.optlens.analysis.feature;

import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.Decision;

/**
 * How a difference with a compared build reads in the editor: a hint in a few words of what that
 * build decides ({@code go1.27: stack}, {@code 386: no inline 106/80}, {@code arm64: no bounds check}),
 * a tooltip with both builds' own words, and a function's lens.
 */
public final class CompareHints {
    private CompareHints() {
    }

    /** What the compared build ({@code label}) decides here, after {@code ≠}. */
    public static String hint(String label, Difference d) {
        return "≠ " + label + ": " + d.b().map(CompareHints::words).orElseGet(() -> "no " + words(d.a().orElseThrow()));
    }

    /** A decision in a word or two: where it allocates, its inline cost, the check. */
    static String words(Decision d) {
        return switch (d.kind()) {
            case HEAP_ESCAPE, MOVED_TO_HEAP, LOOPVAR_HEAP -> "heap";
            case NO_ESCAPE -> "stack";
            case INLINE_CANDIDATE, INLINE_REFUSED -> InlineCosts.hint(d);
            case INLINED_CALL -> "inlined call";
            case CALL_NOT_INLINED -> "call not inlined";
            case DEVIRTUALIZED -> "devirtualized call";
            case BOUNDS_CHECK -> "bounds check";
            case NIL_CHECK -> "nil check";
            default -> LineHints.shorten(Difference.words(d));
        };
    }

    /** The tooltip: each build's words, the user's first ({@code mine} names it). */
    public static String tooltip(String mine, String label, Difference d) {
        return "**" + mine + "**: " + d.a().map(x -> Markdown.code(Difference.words(x))).orElse("*nothing here*")
                + "\n\n**" + label + "**: " + d.b().map(x -> Markdown.code(Difference.words(x))).orElse("*nothing here*");
    }

    /** A function's lens: {@code ≠ 2 decisions differ on go1.27}. */
    public static String lens(String label, long count) {
        return "≠ " + count + (count == 1 ? " decision differs" : " decisions differ") + " on " + label;
    }
}
