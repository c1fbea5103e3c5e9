package dev.optlens.analysis.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A private temporary directory for one build's overlay files and -json log, inside this process's
 * {@link ProcessRoot} (mode 0700). Closing it removes everything below it; the process root goes
 * at exit, or at the next start after a crash. Nothing optlens writes ever goes into the user's workspace.
 */
public final class TempRoot implements AutoCloseable {
    private final Path dir;

    public TempRoot(String prefix) {
        try {
            this.dir = Files.createTempDirectory(ProcessRoot.dir(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a file still open elsewhere is left for the OS's temp cleaner.
        }
    }
}
