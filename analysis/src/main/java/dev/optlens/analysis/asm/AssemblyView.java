package dev.optlens.analysis.asm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A readable listing of one function (with its closures and generic instantiations), or of every
 * function of a file, mapped both ways to the source file.
 *
 * @param sourceLines for each 0-based line of the file, the indices of the listing lines compiled from it
 */
public record AssemblyView(String function, String goarch, String goos, List<Line> lines, Map<Integer, List<Integer>> sourceLines) {
    /**
     * One line of the listing.
     *
     * @param line    the 0-based line of the requested file it was compiled from, if any
     * @param file    the source file it was compiled from (another file for inlined code), if any
     * @param inlined the inlined function it comes from, when it is not the listed function's own code
     */
    public record Line(String text, Optional<Integer> line, Optional<Path> file, Optional<String> inlined) {
    }
}
