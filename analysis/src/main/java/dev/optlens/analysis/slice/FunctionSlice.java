package dev.optlens.analysis.slice;

import dev.optlens.analysis.decision.Decision;

import java.nio.file.Path;
import java.util.List;

/**
 * One function's decisions from a compile of a slice of its package.
 *
 * @param startLine the function declaration's first line (1-based)
 * @param endLine   its last line
 * @param kept      the functions the slice kept (the target, its callees, …)
 * @param members   for an edit's closure: the functions whose decisions are all here (the target first,
 *                  then those that inline it or call it back); otherwise the target alone, or empty
 * @param weighed   the functions as the slice's compile weighed them for inlining, in its order
 */
public record FunctionSlice(Path file, String function, int startLine, int endLine, List<Decision> decisions,
                            List<String> kept, long sliceMillis, long compileMillis, List<SliceMember> members, List<String> weighed) {
    public FunctionSlice {
        decisions = List.copyOf(decisions);
        kept = List.copyOf(kept);
        members = List.copyOf(members);
        weighed = List.copyOf(weighed);
    }

    public FunctionSlice(Path file, String function, int startLine, int endLine, List<Decision> decisions,
                         List<String> kept, long sliceMillis, long compileMillis, List<SliceMember> members) {
        this(file, function, startLine, endLine, decisions, kept, sliceMillis, compileMillis, members, List.of());
    }

    public FunctionSlice(Path file, String function, int startLine, int endLine, List<Decision> decisions,
                         List<String> kept, long sliceMillis, long compileMillis) {
        this(file, function, startLine, endLine, decisions, kept, sliceMillis, compileMillis, List.of());
    }

    /** The target's own decisions (those printed inside it), without the other members'. */
    public FunctionSlice targetOnly() {
        if (members.isEmpty()) return this;
        List<Decision> own = decisions.stream().filter(d -> d.file().equals(file) && startLine <= d.line() && d.line() <= endLine).toList();
        return new FunctionSlice(file, function, startLine, endLine, own, kept, sliceMillis, compileMillis, List.of());
    }
}
