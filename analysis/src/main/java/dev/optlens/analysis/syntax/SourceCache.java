package dev.optlens.analysis.syntax;

import dev.optlens.analysis.syntax.GoSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed sources by path and content, so that placement and import checks do not reparse a file
 * whose text has not changed (a full tree-sitter parse of a 4,000-line file costs ~100 ms). The
 * server offers the snapshots it already parsed incrementally.
 */
public final class SourceCache {
    private static final int MAX_ENTRIES = 4096;
    private final Map<Path, GoSource> byPath = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, GoSource> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Records an already parsed snapshot of a file's (unsaved) text; the cache keeps its own tree copy. */
    public void offer(Path file, GoSource source) {
        if (!source.isParsed()) return; // too large to parse: placement parses it if it ever needs to
        GoSource own = source.withOwnTree();
        synchronized (this) {
            byPath.put(file, own);
        }
    }

    /** The parsed file: the given unsaved text, else the file on disk; reused when the text is unchanged. */
    public Optional<GoSource> get(Path file, Optional<String> unsaved) {
        String text;
        if (unsaved.isPresent()) {
            text = unsaved.get();
        } else {
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        synchronized (this) {
            GoSource cached = byPath.get(file);
            if (cached != null && cached.text().equals(text)) return Optional.of(cached);
        }
        GoSource parsed = GoSource.parse(text);
        synchronized (this) {
            byPath.put(file, parsed);
        }
        return Optional.of(parsed);
    }
}
