package dev.optlens.server;

import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open document: its current text as a parsed snapshot, its version, and the edits applied
 * since a given version (kept so that results computed for an older version can be moved forward).
 * Guarded by the server state's lock.
 */
final class Document {
    private final String uri;
    private final Path path;
    private int version;
    private GoSource source;
    private final List<TextEdits.Edit> log = new ArrayList<>();

    Document(String uri, Path path, int version, String text) {
        this.uri = uri;
        this.path = path;
        this.version = version;
        this.source = GoSource.parse(text);
    }

    String uri() {
        return uri;
    }

    Path path() {
        return path;
    }

    int version() {
        return version;
    }

    GoSource source() {
        return source;
    }

    /** Applies one incremental change (UTF-16 range) and records it in the log. */
    TextEdits.Edit apply(int newVersion, TextRange range, String text) {
        source = source.edit(range, text);
        version = newVersion;
        TextEdits.Edit e = new TextEdits.Edit(newVersion, range, text);
        log.add(e);
        return e;
    }

    /** Replaces the whole text (a change without a range). */
    TextEdits.Edit replace(int newVersion, String text) {
        TextRange all = new TextRange(new dev.optlens.analysis.syntax.TextPosition(0, 0),
                source.lines().positionOf(source.bytes().length));
        return apply(newVersion, all, text);
    }

    /** The edits that produced versions after {@code version}, oldest first. */
    List<TextEdits.Edit> editsSince(int since) {
        List<TextEdits.Edit> out = new ArrayList<>();
        for (TextEdits.Edit e : log) if (e.version() > since) out.add(e);
        return out;
    }

    /** Forgets edits no pending result can need. */
    void trimLog(int oldestNeeded) {
        log.removeIf(e -> e.version() <= oldestNeeded);
    }
}
