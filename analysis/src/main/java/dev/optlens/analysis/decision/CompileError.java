package dev.optlens.analysis.decision;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An error from the go command or the compiler. Position fields are 1-based as printed; a message
 * without a position (e.g. "no Go files in ...") has an empty file and zero line and column.
 */
public record CompileError(Optional<Path> file, int line, int column, String message) {
    public static CompileError unplaced(String message) {
        return new CompileError(Optional.empty(), 0, 0, message);
    }

    @Override
    public String toString() {
        return file.map(f -> f + ":" + line + ":" + column + ": ").orElse("") + message;
    }
}
