package dev.optlens.analysis.decision;

import java.util.Optional;

/** The inlay hints optlens shows, each toggled by {@code optlens.hints.<key>}; which kinds give which, {@link DecisionKind#hint()} says. */
public enum HintKind {
    /**
     * After a function signature: {@code inline 24/80} or {@code no inline 163/80}. On by default only
     * where the client shows no code lens (the lens says it).
     */
    INLINE("inline", true),
    /** {@code heap: p} at the end of a line that allocates on the heap. */
    HEAP("heap", true),
    /** {@code stack: &T{...}} for an allocation that stays on the stack (off by default). */
    STACK("stack", false),
    /** {@code inlined: Value} for a call the compiler inlined (off by default: most calls are). */
    INLINED("inlined", false),
    /** {@code devirt: r.Read} for a call the compiler devirtualized. */
    DEVIRT("devirt", true),
    /** {@code bounds check} for an index or slice expression whose check the compiler keeps (off by default: many). */
    BOUNDS("bounds", false);

    private final String key;
    private final boolean defaultOn;

    HintKind(String key, boolean defaultOn) {
        this.key = key;
        this.defaultOn = defaultOn;
    }

    public String key() {
        return key;
    }

    public boolean defaultOn() {
        return defaultOn;
    }

    /** The hint a decision kind gives, if any. */
    public static Optional<HintKind> of(DecisionKind kind) {
        return kind.hint();
    }
}
