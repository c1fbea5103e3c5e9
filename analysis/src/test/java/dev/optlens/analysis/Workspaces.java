package dev.optlens.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Locates the repository's test-workspaces and snapshots trees to prove nothing was written. */
public final class Workspaces {
    private Workspaces() {
    }

    public static Path repo() {
        String prop = System.getProperty("optlens.repo");
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    public static Path workspace(String name) {
        return repo().resolve("test-workspaces").resolve(name);
    }

    /** A copy of a test workspace in {@code into}, for a test that edits it; returns the copy's root. */
    public static Path copy(String name, Path into) throws IOException {
        Path from = workspace(name);
        Path root = into.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path to = root.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return root;
    }

    /** Every file below root with its size and modification time. */
    public static Map<Path, String> snapshot(Path root) {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                try {
                    out.put(root.relativize(p), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
