package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.PackageMetadata;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Package descriptions from go list, each with a fingerprint of what it depended on: the files'
 * package clauses, imports and build constraints, go.mod and go.work, the user's own dependency
 * packages, the toolchain and target. A description is used only while its fingerprint holds.
 */
final class MetadataCache {
    private final Map<Path, Entry> byDir = new ConcurrentHashMap<>();

    private record Entry(PackageMetadata meta, String fingerprint) {
    }

    /** The package's description, whether or not it still holds (its test errors and file lists are read as they were). */
    Optional<PackageMetadata> last(Path dir) {
        return Optional.ofNullable(byDir.get(dir)).map(Entry::meta);
    }

    /** The package's description while nothing it depended on changed. */
    Optional<PackageMetadata> fresh(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, Function<Path, Optional<GoSource>> sources) {
        Entry e = byDir.get(req.dir());
        if (e == null || !e.fingerprint().equals(fingerprint(toolchain, req, files, e.meta(), sources))) return Optional.empty();
        return Optional.of(e.meta());
    }

    void put(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, PackageMetadata meta, Function<Path, Optional<GoSource>> sources) {
        byDir.put(req.dir(), new Entry(meta, fingerprint(toolchain, req, files, meta, sources)));
    }

    void remove(Path dir) {
        byDir.remove(dir);
    }

    /** Everything a package description depends on, as one string: equal strings, same description. */
    private static String fingerprint(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, PackageMetadata meta,
                                      Function<Path, Optional<GoSource>> sources) {
        StringBuilder b = new StringBuilder();
        b.append(toolchain.go()).append('|').append(req.options().goos()).append(req.options().goarch())
                .append(req.options().tags()).append('\n');
        for (Path f : files) {
            Optional<GoSource> src = sources.apply(f);
            b.append(f.getFileName()).append(':').append(src.map(s -> s.packageName().orElse("") + " "
                    + buildConstraints(s.text()) + " " + s.imports()).orElse("?")).append('\n');
        }
        List<Path> watched = new ArrayList<>(meta.moduleFiles());
        watched.addAll(meta.mainModuleDeps());
        for (Path w : watched) {
            String unsaved = req.overlay().contents().get(w);
            b.append(w).append('=');
            if (unsaved != null) {
                b.append("overlay:").append(unsaved.hashCode()).append('/').append(unsaved.length());
            } else {
                try {
                    b.append(Files.size(w)).append('@').append(Files.getLastModifiedTime(w).toMillis());
                } catch (IOException e) {
                    b.append("missing");
                }
            }
            b.append('\n');
        }
        meta.exports().values().forEach(e -> b.append(Files.exists(e) ? "" : "gone:" + e));
        return b.toString();
    }

    /** The //go:build and // +build lines before the package clause. */
    private static String buildConstraints(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.lines().limit(200).toList()) {
            String t = line.trim();
            if (t.startsWith("package ")) break;
            if (t.startsWith("//go:build") || t.startsWith("// +build")) b.append(t).append(';');
        }
        return b.toString();
    }
}
