package dev.optlens.analysis.decision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Standard-library paths as the toolchain names its GOROOT ({@code go env GOROOT}), whatever path
 * the compile that wrote them used. Debian's {@code /usr/lib/go-1.23/src} is a link to
 * {@code /usr/share/go-1.23/src}; a standard package compiled once through the real path (a package
 * opened there) keeps that path in its export data in the go command's cache, and every later compile
 * that inlines from it prints it: the same decision would cite another file name depending on what
 * the cache saw first.
 */
public final class GorootNames {
    private static final Map<Path, GorootNames> KNOWN = new ConcurrentHashMap<>();
    private static final GorootNames NONE = new GorootNames(List.of());

    /** Real prefix → the prefix as GOROOT names it, longest real prefix first. */
    private final List<Map.Entry<Path, Path>> links;

    private GorootNames(List<Map.Entry<Path, Path>> links) {
        this.links = links;
    }

    public static GorootNames of(Optional<Path> goroot) {
        return goroot.map(g -> KNOWN.computeIfAbsent(g.toAbsolutePath().normalize(), GorootNames::read)).orElse(NONE);
    }

    private static GorootNames read(Path goroot) {
        List<Map.Entry<Path, Path>> links = new ArrayList<>();
        for (Path named : List.of(goroot.resolve("src"), goroot)) {
            try {
                Path real = named.toRealPath();
                if (!real.equals(named)) links.add(Map.entry(real, named));
            } catch (IOException | RuntimeException e) {
                // no such directory: nothing to name differently
            }
        }
        return links.isEmpty() ? NONE : new GorootNames(List.copyOf(links));
    }

    /** {@code path} under GOROOT as GOROOT names it; any other path as it is. */
    public Path named(Path path) {
        for (Map.Entry<Path, Path> l : links) {
            if (path.startsWith(l.getValue())) return path;
            if (path.startsWith(l.getKey())) return l.getValue().resolve(l.getKey().relativize(path));
        }
        return path;
    }
}
