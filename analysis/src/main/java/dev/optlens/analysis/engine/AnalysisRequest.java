package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to analyse: a package directory, the user's build options, unsaved buffers, and an explicit
 * go binary (empty: locate one).
 *
 * @param files when not empty, exactly these files of {@code dir} form the package, as with
 *              {@code go build a.go b.go} (files outside any module); when empty, the directory's package
 */
public record AnalysisRequest(Path dir, BuildOptions options, Overlay overlay, Optional<String> goPath, List<Path> files) {
    public AnalysisRequest {
        dir = dir.toAbsolutePath().normalize();
        files = files.stream().map(f -> f.toAbsolutePath().normalize()).sorted().toList();
    }

    public AnalysisRequest(Path dir, BuildOptions options, Overlay overlay, Optional<String> goPath) {
        this(dir, options, overlay, goPath, List.of());
    }

    public static AnalysisRequest of(Path dir) {
        return new AnalysisRequest(dir, BuildOptions.DEFAULT, Overlay.NONE, Optional.empty());
    }

    /** Whether a directory is inside a module or workspace (a go.mod or go.work in it or above). */
    public static boolean inModule(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("go.mod")) || Files.exists(d.resolve("go.work"))) return true;
        }
        return false;
    }
}
