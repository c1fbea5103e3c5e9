package dev.optlens.analysis.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The import path a package has in its module, for when the go command cannot say it. */
class PackageResolverTest {
    @Test
    void theImportPathComesFromTheNearestGoModAndTheWayDown(@TempDir Path tmp) throws Exception {
        Path mod = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(mod.resolve("go.mod"), "// a comment\nmodule \"example.com/repo\" // trailing\n\ngo 1.21\n");
        Path inner = Files.createDirectories(mod.resolve("a/b"));
        assertEquals("example.com/repo", PackageResolver.importPathOf(mod));
        assertEquals("example.com/repo/a/b", PackageResolver.importPathOf(inner));
        Path loose = Files.createDirectories(tmp.resolve("loose"));
        assertEquals("loose", PackageResolver.importPathOf(loose));
    }
}
