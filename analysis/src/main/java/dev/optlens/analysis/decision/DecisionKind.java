package dev.optlens.analysis.decision;

import dev.optlens.analysis.syntax.Placement.Subject;

import java.util.Arrays;
import java.util.Optional;

/**
 * The registry of decision kinds. The ids are API: they appear in {@code optlens check --json}, in
 * diagnostics' {@code code}, and in settings keys; never rename one.
 */
public enum DecisionKind {
    HEAP_ESCAPE("heap-escape", Subject.EXPRESSION),
    MOVED_TO_HEAP("moved-to-heap", Subject.NAME),
    NO_ESCAPE("no-escape", Subject.EXPRESSION),
    LEAKING_PARAM("leaking-param", Subject.NAME),
    INLINE_CANDIDATE("inline-candidate", Subject.FUNCTION_NAME),
    INLINE_REFUSED("inline-refused", Subject.FUNCTION_NAME),
    INLINED_CALL("inlined-call", Subject.CALL),
    /** A call the compiler would not inline into its caller ({@code cannot inline F into G: reason}), on the call. */
    CALL_NOT_INLINED("call-not-inlined", Subject.CALL),
    DEVIRTUALIZED("devirtualized", Subject.CALL),
    BOUNDS_CHECK("bounds-check", Subject.INDEX),
    NIL_CHECK("nil-check", Subject.DEREFERENCE),
    LARGE_COPY("large-copy", Subject.POINT),
    LOOPVAR_HEAP("loopvar-heap", Subject.NAME),
    OTHER("other", Subject.POINT);

    private final String id;
    private final Subject subject;

    DecisionKind(String id, Subject subject) {
        this.id = id;
        this.subject = subject;
    }

    /** The stable id, e.g. {@code heap-escape}. */
    public String id() {
        return id;
    }

    /** What syntax a decision of this kind is widened to. */
    public Subject subject() {
        return subject;
    }

    /** A heap allocation: an expression escaping or a variable moved to the heap. */
    public boolean isHeapAllocation() {
        return this == HEAP_ESCAPE || this == MOVED_TO_HEAP;
    }

    /** Whether a function can be inlined, either way. */
    public boolean isInlineDecision() {
        return this == INLINE_CANDIDATE || this == INLINE_REFUSED;
    }

    public static Optional<DecisionKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
