package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What to analyse: a package directory, the user's build options, unsaved buffers, and an explicit
 * go binary (empty: locate one).
 *
 * @param files     when not empty, exactly these files of {@code dir} form the package, as with
 *                  {@code go build a.go b.go} (files outside any module); when empty, the directory's package
 * @param placeOnly when present, only decisions in these files are widened to their syntax; the others
 *                  keep the compiler's point (an editor needs exact ranges only in open files, and
 *                  widening costs tree-sitter work per decision)
 */
public record AnalysisRequest(Path dir, BuildOptions options, Overlay overlay, Optional<String> goPath, List<Path> files,
                              Optional<Set<Path>> placeOnly) {
    public AnalysisRequest {
        dir = dir.toAbsolutePath().normalize();
        files = files.stream().map(f -> f.toAbsolutePath().normalize()).sorted().toList();
        placeOnly = placeOnly.map(Set::copyOf);
    }

    public AnalysisRequest(Path dir, BuildOptions options, Overlay overlay, Optional<String> goPath) {
        this(dir, options, overlay, goPath, List.of(), Optional.empty());
    }

    /** The same request with only the unsaved buffers of its own package (see {@link Overlay#onlyIn}). */
    public AnalysisRequest ownOverlay() {
        Overlay own = overlay.onlyIn(dir);
        return own == overlay ? this : new AnalysisRequest(dir, options, own, goPath, files, placeOnly);
    }

    /** The same request built with other options. */
    public AnalysisRequest withOptions(BuildOptions o) {
        return new AnalysisRequest(dir, o, overlay, goPath, files, placeOnly);
    }

    public static AnalysisRequest of(Path dir) {
        return new AnalysisRequest(dir, BuildOptions.DEFAULT, Overlay.NONE, Optional.empty());
    }
}
