package dev.optlens.analysis.feature;

import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;

import java.util.OptionalInt;

/** Short texts for inline decisions: cost against budget, as the compiler stated them. */
public final class InlineCosts {
    /**
     * The compiler's default inlining budget (cmd/compile inlineMaxBudget). A "can inline" message does
     * not state the budget; a refusal does, and its figure is used when present.
     */
    public static final int DEFAULT_BUDGET = 80;

    private InlineCosts() {
    }

    public static int budget(Decision d) {
        return Classifier.budget(d.message()).orElse(DEFAULT_BUDGET);
    }

    /** {@code inline 24/80}, {@code no inline 163/80}, or {@code no inline} when no cost was stated. */
    public static String hint(Decision d) {
        OptionalInt cost = Classifier.cost(d.message());
        String prefix = d.kind() == DecisionKind.INLINE_CANDIDATE ? "inline" : "no inline";
        return cost.isPresent() ? prefix + " " + cost.getAsInt() + "/" + budget(d) : prefix;
    }

    /** The refusal reason: the text after "cannot inline F: ". */
    public static String reason(Decision d) {
        String m = d.message();
        int i = m.indexOf(": ");
        return d.kind() == DecisionKind.INLINE_REFUSED && i >= 0 ? m.substring(i + 2) : "";
    }

    /** The lens title: {@code inlinable (cost 24/80)} or {@code not inlinable: reason}. */
    public static String lens(Decision d) {
        OptionalInt cost = Classifier.cost(d.message());
        if (d.kind() == DecisionKind.INLINE_CANDIDATE) {
            return cost.isPresent() ? "inlinable (cost " + cost.getAsInt() + "/" + budget(d) + ")" : "inlinable";
        }
        String reason = reason(d);
        return "not inlinable: " + (cost.isPresent() && reason.contains("exceeds budget")
                ? "cost " + cost.getAsInt() + "/" + budget(d) : reason);
    }
}
