package dev.optlens.analysis.slice;

import java.nio.file.Path;

/**
 * A function of a package named by a place inside it.
 *
 * @param line a 1-based line inside the function
 */
public record SlicePlace(Path file, int line) {
}
