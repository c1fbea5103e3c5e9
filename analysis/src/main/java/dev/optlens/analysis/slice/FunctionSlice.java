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
 */
public record FunctionSlice(Path file, String function, int startLine, int endLine, List<Decision> decisions,
                            List<String> kept, long sliceMillis, long compileMillis) {
}
