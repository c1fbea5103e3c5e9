package dev.optlens.analysis.decision;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a baseline comparison can fail on ({@code --fail-on}); the ids are API. Each names the change
 * that is a regression: a new heap allocation, inlining lost (a function no longer inlinable, a call
 * site no longer inlined), a new bounds check, a new nil check. Which kinds each covers is said by
 * the kinds themselves ({@link DecisionKind#gate()}).
 */
public enum GateCategory {
    HEAP("heap"), INLINE("inline"), BOUNDS("bounds"), NIL("nil");

    private final String id;

    GateCategory(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static final Set<GateCategory> DEFAULT_FAIL_ON = EnumSet.of(HEAP, INLINE);

    public static Optional<GateCategory> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The category of a kind whose changes a baseline tracks; empty for kinds it does not. */
    public static Optional<GateCategory> of(DecisionKind kind) {
        return kind.gate();
    }
}
