package dev.optlens.analysis.decision;

import java.nio.file.Path;

/**
 * One frame of the inline chain of a decision that sits inside inlined code: the position in the
 * inlined function's source (innermost first), as the compiler's {@code -json} log reports it.
 */
public record InlineSite(Path file, int line, int column) {
}
