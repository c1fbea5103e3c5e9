package dev.optlens.analysis.gate;

import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One assertion about the compiler's decisions, written in a comment: {@code //optlens:noescape},
 * {@code //optlens:inline}, {@code //optlens:nobce}, {@code //optlens:stack x}, or gcassert's
 * {@code //gcassert:inline,bce,noescape}.
 *
 * @param file     the file it is written in
 * @param range    the directive's text in the comment (where a violation is reported)
 * @param line     the 0-based line it is about: the comment's own, or for a comment alone on its line
 *                 the next line of code
 * @param kind     what it asserts
 * @param dialect  whose meaning applies
 * @param written  the directive as written, e.g. {@code optlens:stack count}: a diagnostic's code
 * @param variable for {@code stack}: the variable that must stay on the stack
 * @param function when the line declares a function: its name as the compiler prints it
 *                 ({@code Scale}, {@code (*T).Get}); {@code inline} then asserts about the function
 * @param problem  why the directive cannot be checked (unknown word, missing variable); empty when it can
 */
public record Assertion(Path file, TextRange range, int line, Kind kind, Dialect dialect, String written,
                        Optional<String> variable, Optional<String> function, Optional<String> problem) {
    /** What an assertion asserts. */
    public enum Kind {
        /** Nothing allocated on the line escapes or moves to the heap. */
        NOESCAPE,
        /** On a line: its calls are inlined. Above a function: it is inlined where it is called. */
        INLINE,
        /** No bounds check remains on the line. */
        NOBCE,
        /** The named variable is not moved to the heap. */
        STACK,
        /** Not an assertion optlens knows. */
        UNKNOWN
    }

    /** Whose directive it is, which decides its exact meaning. */
    public enum Dialect {
        /** {@code //optlens:}: the strict meaning (every call inlined; an inlinable function). */
        OPTLENS,
        /**
         * {@code //gcassert:}: gcassert's meaning (a line's inline holds when a call on it is inlined; on
         * a function, when every call site is; noescape also forbids a parameter leaking).
         */
        GCASSERT
    }

    /** Whether it asserts about a function rather than a line. */
    public boolean aboutFunction() {
        return kind == Kind.INLINE && function.isPresent();
    }
}
