package dev.optlens.analysis.decision;

import dev.optlens.analysis.syntax.Placement.Subject;

import java.util.Arrays;
import java.util.Optional;

/**
 * The registry of decision kinds: one row per kind says everything optlens does with it (placement,
 * hint, baseline category, SARIF rule, default severity, which compile phase prints it); adding a kind
 * is one row here plus its tests. The ids are API: they appear in {@code optlens check --json}, in
 * diagnostics' {@code code}, in settings keys and as SARIF rule ids; never rename one.
 */
public enum DecisionKind {
    HEAP_ESCAPE("heap-escape", Subject.EXPRESSION, HintKind.HEAP, GateCategory.HEAP,
            "A value escapes to the heap: the compiler allocates it there", "information", false),
    MOVED_TO_HEAP("moved-to-heap", Subject.NAME, HintKind.HEAP, GateCategory.HEAP, "A variable is moved to the heap", "information", false),
    NO_ESCAPE("no-escape", Subject.EXPRESSION, HintKind.STACK, null, null, "off", false),
    LEAKING_PARAM("leaking-param", Subject.NAME, null, null, null, "off", false),
    INLINE_CANDIDATE("inline-candidate", Subject.FUNCTION_NAME, HintKind.INLINE, GateCategory.INLINE, null, "off", false),
    INLINE_REFUSED("inline-refused", Subject.FUNCTION_NAME, HintKind.INLINE, GateCategory.INLINE,
            "A function is no longer inlinable", "off", false),
    INLINED_CALL("inlined-call", Subject.CALL, HintKind.INLINED, GateCategory.INLINE, "A call is no longer inlined", "off", false),
    /** A call the compiler would not inline into its caller ({@code cannot inline F into G: reason}), on the call. */
    CALL_NOT_INLINED("call-not-inlined", Subject.CALL, null, GateCategory.INLINE,
            "A call the compiler would not inline into its caller", "off", false),
    DEVIRTUALIZED("devirtualized", Subject.CALL, HintKind.DEVIRT, GateCategory.INLINE, "A call is no longer devirtualized", "off", false),
    BOUNDS_CHECK("bounds-check", Subject.INDEX, HintKind.BOUNDS, GateCategory.BOUNDS, "A bounds check remains", "off", true),
    NIL_CHECK("nil-check", Subject.DEREFERENCE, null, GateCategory.NIL, "A nil check remains", "off", true),
    LARGE_COPY("large-copy", Subject.POINT, null, null, null, "off", true),
    LOOPVAR_HEAP("loopvar-heap", Subject.NAME, null, GateCategory.HEAP, "A loop variable is allocated on the heap per iteration", "off", false),
    OTHER("other", Subject.POINT, null, null, null, "off", false);

    private final String id;
    private final Subject subject;
    private final HintKind hint;
    private final GateCategory gate;
    private final String rule;
    private final String severity;
    private final boolean backend;

    /**
     * One row of the registry: everything optlens knows about a kind, asked of it everywhere.
     *
     * @param id       the stable id (JSON, diagnostics' code, settings keys, SARIF rule id)
     * @param subject  what syntax a decision of this kind is widened to
     * @param hint     the inlay hint it gives (null: none)
     * @param gate     the baseline category whose changes it counts in (null: not tracked)
     * @param rule     the SARIF rule's description when a regression of it is reported (null: never reported)
     * @param severity the diagnostic severity by default ({@code optlens.severity}): {@code information} or {@code off}
     * @param backend  printed by the compiler's backend (after SSA): never among a compile's early
     *                 decisions, so an early result keeps the last ones of this kind
     */
    DecisionKind(String id, Subject subject, HintKind hint, GateCategory gate, String rule, String severity, boolean backend) {
        this.id = id;
        this.subject = subject;
        this.hint = hint;
        this.gate = gate;
        this.rule = rule;
        this.severity = severity;
        this.backend = backend;
    }

    /** The stable id, e.g. {@code heap-escape}. */
    public String id() {
        return id;
    }

    /** What syntax a decision of this kind is widened to. */
    public Subject subject() {
        return subject;
    }

    /** The inlay hint a decision of this kind gives, if any. */
    public Optional<HintKind> hint() {
        return Optional.ofNullable(hint);
    }

    /** The baseline category whose changes it counts in, if any. */
    public Optional<GateCategory> gate() {
        return Optional.ofNullable(gate);
    }

    /** What a SARIF rule of this kind (its id is the kind's) says; empty for a kind the gate never reports as itself. */
    public Optional<String> ruleDescription() {
        return Optional.ofNullable(rule);
    }

    /** The default diagnostic severity's word: {@code information}, or {@code off} for no diagnostic. */
    public String defaultSeverity() {
        return severity;
    }

    /** Whether only the compiler's backend prints it (see the constructor). */
    public boolean backend() {
        return backend;
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
