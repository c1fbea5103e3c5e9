package dev.optlens.analysis.syntax;

import java.util.Optional;

/**
 * A function or method declared at the top level of a Go file.
 *
 * @param name       the name as the compiler prints it: {@code Double}, {@code stdoutLogger.Log}, {@code (*Buffer).Write}
 * @param receiver   the receiver type as written ({@code *Buffer}), empty for plain functions
 * @param range      the whole declaration, doc comment excluded
 * @param nameRange  the function's name identifier
 * @param body       the body block; empty for a declaration without body (assembly-implemented)
 */
public record GoFunction(String name, Optional<String> receiver, TextRange range, TextRange nameRange,
                         Optional<TextRange> body, int startByte, int endByte) {
    public boolean containsByte(int offset) {
        return startByte <= offset && offset < endByte;
    }
}
