package dev.optlens.analysis.decision;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a heap decision costs at run time, read from the compiler's own output: its flow (-m=2) and its
 * assembly (-S). Said only on positive evidence; the ids are API ({@code check --json}'s
 * {@code allocation}).
 */
public enum Allocation {
    /** Not a heap decision, or nothing was read that tells. */
    UNKNOWN("unknown"),
    /** The assembly makes a call that may allocate where the decision is. */
    ALLOCATES("allocates"),
    /** A zero-size value: the compiler gives it {@code runtime.zerobase}, and nothing is allocated. */
    NO_ALLOCATION_ZERO_SIZE("none-zero-size"),
    /** A literal constant: its interface value points at read-only data, and nothing is allocated. */
    NO_ALLOCATION_CONSTANT("none-constant"),
    /** Every path of its flow ends as the value passed to {@code panic}: it allocates only when panicking. */
    ONLY_WHEN_PANICKING("only-when-panicking");

    private static final Pattern CONSTANT = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)+'|-?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|-?0[xXbBoO][0-9a-fA-F_]+|true|false");

    private final String id;

    Allocation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** In a few words, for what does not count ({@link #counts}); empty for what does. */
    public String note() {
        return switch (this) {
            case NO_ALLOCATION_ZERO_SIZE -> "no allocation at run time: a zero-size value";
            case NO_ALLOCATION_CONSTANT -> "no allocation at run time: a constant";
            case ONLY_WHEN_PANICKING -> "allocates only when panicking";
            case UNKNOWN, ALLOCATES -> "";
        };
    }

    /** Whether it is counted as a heap allocation: all but those known to allocate nothing, or only when panicking. */
    public boolean counts() {
        return this == UNKNOWN || this == ALLOCATES;
    }

    /**
     * @param explanation the decision's -m=2 flow
     * @param sites       the compile's assembly, per line ({@link AllocationSites#NONE} when it printed none)
     */
    public static Allocation of(DecisionKind kind, String subject, List<ExplanationStep> explanation, Path file, int line,
                                AllocationSites sites) {
        if (!kind.isHeapAllocation()) return UNKNOWN;
        boolean read = sites.isRead();
        boolean calls = sites.mayAllocateAt(file, line);
        if (read && !calls && sites.zeroSizeAt(file, line)) return NO_ALLOCATION_ZERO_SIZE;
        // A literal converted to an interface is static read-only data (the compiler's own rule for
        // constants): without assembly that is enough; with it, the assembly must agree.
        if (!(read && calls) && CONSTANT.matcher(subject.strip()).matches()) return NO_ALLOCATION_CONSTANT;
        if (onlyToPanic(explanation)) return ONLY_WHEN_PANICKING;
        return read && calls ? ALLOCATES : UNKNOWN;
    }

    /** Whether the flow has paths and each ends as the value passed to {@code panic}. */
    static boolean onlyToPanic(List<ExplanationStep> explanation) {
        List<EscapeFlow.Path> paths = EscapeFlow.paths(explanation);
        return !paths.isEmpty() && paths.stream().allMatch(EscapeFlow.Path::endsInPanic);
    }
}
