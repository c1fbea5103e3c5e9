package dev.optlens.analysis.decision;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of the compiler's {@code -m=2} explanation ("flow: ..." or "from ... at pos"), with the
 * source location it names. {@code file} is empty for compiler-generated code.
 */
public record ExplanationStep(String message, Optional<Path> file, int line, int column) {
}
