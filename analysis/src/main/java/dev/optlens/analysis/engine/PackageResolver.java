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

    /**
     * The import path a directory's package has in its module (the nearest go.mod's module path and the
     * way down from it), for when the go command could not say (go list failed); the folder's name
     * outside any module or when go.mod cannot be read.
     */
    public static String importPathOf(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        for (Path m = d; m != null; m = m.getParent()) {
            Path mod = m.resolve("go.mod");
            if (!java.nio.file.Files.isRegularFile(mod)) continue;
            try {
                for (String line : java.nio.file.Files.readAllLines(mod)) {
                    String t = line.strip();
                    if (!t.startsWith("module ") && !t.startsWith("module\t")) continue;
                    String module = t.substring(7).strip().replace("\"", "");
                    int comment = module.indexOf("//");
                    if (comment >= 0) module = module.substring(0, comment).strip();
                    String rel = m.relativize(d).toString().replace(java.io.File.separatorChar, '/');
                    return rel.isEmpty() ? module : module + "/" + rel;
                }
            } catch (IOException | RuntimeException e) {
                break;
            }
            break;
        }
        return d.getFileName() == null ? d.toString() : d.getFileName().toString();
    }
}
