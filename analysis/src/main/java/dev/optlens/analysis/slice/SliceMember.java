package dev.optlens.analysis.slice;

import java.nio.file.Path;

/**
 * A function whose decisions a slice gives in full, one whose decisions may depend on the edited body.
 *
 * @param name      as the compiler prints it ({@code (*Buffer).Write})
 * @param startLine the declaration's first line (1-based), in the text the slice was made of
 * @param endLine   its last line
 * @param role      why it is a member
 * @param cycle     how many other functions are in one cycle of calls with it
 * @param cycleId   which cycle it is in (members of one cycle share it), 0 when in none
 * @param callsInCycle the members (by their names) of its cycle that its declaration calls directly
 */
public record SliceMember(Path file, String name, int startLine, int endLine, Role role, int cycle, int cycleId,
                          java.util.List<String> callsInCycle) {
    public SliceMember {
        callsInCycle = java.util.List.copyOf(callsInCycle);
    }

    /** A member in no cycle of calls. */
    public SliceMember(Path file, String name, int startLine, int endLine, Role role) {
        this(file, name, startLine, endLine, role, 0, 0, java.util.List.of());
    }

    /** Why a function is a member of a closure. */
    public enum Role {
        /** The edited function, or one given with it (one that inlines it). */
        TARGET,
        /** It names a target: a caller, asked for when a target's facts changed. */
        CALLER,
        /** It calls back into a target: in one cycle of calls with it. */
        CYCLE;

        static Role of(String wire) {
            return switch (wire) {
                case "target" -> TARGET;
                case "caller" -> CALLER;
                default -> CYCLE;
            };
        }
    }

    /** The role as the slicer names it. */
    public static Role role(String wire) {
        return Role.of(wire);
    }
}
