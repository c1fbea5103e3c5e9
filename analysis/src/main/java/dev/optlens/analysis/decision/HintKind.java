package dev.optlens.analysis.decision;

import java.util.Optional;

/** The inlay hints optlens shows, each toggled by {@code optlens.hints.<key>}; which kinds give which, {@link DecisionKind#hint()} says. */
public enum HintKind {
    /** After a function signature: {@code inline 24/80} or {@code no inline 163/80}. */
    INLINE("inline", true),
    /** After a variable moved to the heap or an expression allocated on the heap. */
    HEAP("heap", true),
    /** After an allocation that stays on the stack. */
    STACK("stack", false),
    /** After a call the compiler inlined. */
    INLINED("inlined", true),
    /** After a call the compiler devirtualized. */
    DEVIRT("devirt", true),
    /** After an index or slice expression whose bounds check the compiler keeps (off by default: many). */
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
