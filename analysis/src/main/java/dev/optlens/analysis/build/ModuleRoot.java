package dev.optlens.analysis.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a directory stands: inside a module (or a go.work workspace), or outside any, where a file
 * compiles as {@code go build a.go b.go} would, with the files named.
 */
public final class ModuleRoot {
    private ModuleRoot() {
    }

    /** The nearest directory at or above {@code dir} that holds a go.mod. */
    public static Optional<Path> of(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("go.mod"))) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** Whether a directory is inside a module or workspace (a go.mod or go.work in it or above). */
    public static boolean inModule(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("go.mod")) || Files.exists(d.resolve("go.work"))) return true;
        }
        return false;
    }

    /**
     * The files that form a package outside any module: those of {@code candidates} in {@code dir}
     * (the open or named ones) without tests, sorted; empty inside a module, where the directory is the package.
     */
    public static List<Path> looseFiles(Path dir, Collection<Path> candidates) {
        if (inModule(dir)) return List.of();
        return candidates.stream().filter(p -> dir.equals(p.getParent()))
                .filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).sorted().toList();
    }
}
