package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to analyse: a package directory, the user's build options, unsaved buffers, and an explicit
 * go binary (empty: locate one).
 */
public record AnalysisRequest(Path dir, BuildOptions options, Overlay overlay, Optional<String> goPath) {
    public AnalysisRequest {
        dir = dir.toAbsolutePath().normalize();
    }

    public static AnalysisRequest of(Path dir) {
        return new AnalysisRequest(dir, BuildOptions.DEFAULT, Overlay.NONE, Optional.empty());
    }
}
