package dev.optlens.analysis.slice;

import java.nio.file.Path;

/**
 * A function whose decisions a slice gives in full, one whose decisions may depend on the edited body.
 *
 * @param name      as the compiler prints it ({@code (*Buffer).Write})
 * @param startLine the declaration's first line (1-based), in the text the slice was made of
 * @param endLine   its last line
 */
public record SliceMember(Path file, String name, int startLine, int endLine) {
}
