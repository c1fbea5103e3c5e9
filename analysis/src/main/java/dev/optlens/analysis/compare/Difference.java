package dev.optlens.analysis.compare;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.GateCategory;

import java.util.Optional;

/**
 * One way two builds of the same code decide differently.
 *
 * @param function the enclosing top-level function ({@code (*T).M}), empty at package level
 * @param change   whether only build A made it, only build B, or both made it differently
 * @param a        build A's decision (absent when only B made one)
 * @param b        build B's decision (absent when only A made one)
 */
public record Difference(String function, Change change, Optional<Decision> a, Optional<Decision> b) {
    public enum Change {
        /** Only build A decided it. */
        ONLY_A("only-a"),
        /** Only build B decided it. */
        ONLY_B("only-b"),
        /** Both decided about the same code, differently: another cost, or escapes in one and not in the other. */
        CHANGED("changed");

        private final String id;

        Change(String id) {
            this.id = id;
        }

        /** The id used in JSON. */
        public String id() {
            return id;
        }
    }

    public Difference {
        if (a.isEmpty() && b.isEmpty()) throw new IllegalArgumentException("a difference needs a decision");
    }

    /** Where it is shown: build B's decision when there is one (both place the same source). */
    public Decision where() {
        return b.orElseGet(a::get);
    }

    /** The kind as build B decided it, else as A did. */
    public DecisionKind kind() {
        return where().kind();
    }

    /**
     * Whether it is about what costs or saves at run time: a heap allocation, inlining, a bounds or nil
     * check on either side. A parameter's leak tag or an escape that stays on the stack on both
     * sides alone is not (shown with {@code --all}).
     */
    public boolean matters() {
        return a.flatMap(d -> GateCategory.of(d.kind())).or(() -> b.flatMap(d -> GateCategory.of(d.kind()))).isPresent();
    }

    /** The compiler's words on one side, without an inlined body ({@code can inline F with cost 6}). */
    public static String words(Decision d) {
        return d.message().replaceFirst(" as: .*$", "").strip();
    }

    /** One line in the compiler's own words: {@code A → B}, or the one side's words. */
    public String summary() {
        return switch (change) {
            case CHANGED -> words(a.orElseThrow()) + " → " + words(b.orElseThrow());
            case ONLY_A -> words(a.orElseThrow());
            case ONLY_B -> words(b.orElseThrow());
        };
    }
}
