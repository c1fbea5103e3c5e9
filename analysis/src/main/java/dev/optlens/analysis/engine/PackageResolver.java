package dev.optlens.analysis.engine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns command-line paths into package directories: a directory is its package, a .go file
 * names its directory's package, and {@code dir/...} every package below dir, skipping what the
 * go command skips (testdata, vendor, names starting with '.' or '_') and nested modules.
 */
public final class PackageResolver {
    private PackageResolver() {
    }

    public static List<Path> resolve(String arg) throws IOException {
        if (arg.endsWith("/...") || arg.equals("...")) {
            Path root = Path.of(arg.equals("...") ? "." : arg.substring(0, arg.length() - 4)).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) throw new IOException("no such directory: " + root);
            return walk(root);
        }
        Path p = Path.of(arg).toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            if (!p.toString().endsWith(".go")) throw new IOException("not a Go file: " + p);
            return List.of(p.getParent());
        }
        if (Files.isDirectory(p)) return List.of(p);
        throw new IOException("no such file or directory: " + p);
    }

    private static List<Path> walk(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || name.startsWith("_") || name.equals("testdata")
                        || name.equals("vendor") || Files.exists(dir.resolve("go.mod")))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (hasGoFiles(dir)) out.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * The bytes of Go source on disk in a package directory: what decides whether a package is large
     * (the server's fast path, check's detail level).
     */
    public static long goSourceBytes(Path dir) throws IOException {
        long bytes = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".go")).toList()) bytes += Files.size(f);
        }
        return bytes;
    }

    /** Whether a directory holds .go files (the go command's notion of a package directory). */
    public static boolean hasGoFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".go") && Files.isRegularFile(p));
        }
    }
}
