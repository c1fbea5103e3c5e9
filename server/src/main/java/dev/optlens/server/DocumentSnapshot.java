package dev.optlens.server;

import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One version of an open document, immutable: its text parsed, the client's version number, and the
 * edits made since the oldest result that may still be applied (so a result computed for an older
 * text can be moved onto this one). An edit makes a new snapshot; readers never see a half-applied one.
 *
 * @param version  the client's version number (what diagnostics carry)
 * @param openedAt the workspace sequence number at which this document was opened: a result computed
 *                 before it knows another text (the file on disk, or the document before a close)
 * @param log      edits newest first, each tagged with the sequence number it produced
 */
record DocumentSnapshot(String uri, Path path, int version, long openedAt, GoSource source, EditLog log) {
    /** @param maxChars above this many characters the text is kept without a syntax tree ({@link GoSource#unparsed}) */
    static DocumentSnapshot open(String uri, Path path, int version, long seq, String text, long maxChars) {
        GoSource source = tooLarge(text, maxChars) ? GoSource.unparsed(text) : GoSource.parse(text);
        return new DocumentSnapshot(uri, path, version, seq, source, EditLog.EMPTY);
    }

    /** A document opened with its text kept unparsed: for what needs only its text (see {@link OptlensLanguageServer#openedAhead}). */
    static DocumentSnapshot unparsed(String uri, Path path, int version, long seq, String text) {
        return new DocumentSnapshot(uri, path, version, seq, GoSource.unparsed(text), EditLog.EMPTY);
    }

    /** The same document with its text parsed (it was kept unparsed, and an edit made it small enough). */
    DocumentSnapshot parsed() {
        return new DocumentSnapshot(uri, path, version, openedAt, GoSource.parse(source.text()), log);
    }

    /** Whether a document opened with this text is kept unparsed, and its package not analysed. */
    static boolean tooLarge(String text, long maxChars) {
        return text.length() > maxChars;
    }

    /** Whether the document is too large to parse and analyse (see {@link Settings#maxFileKB()}). */
    boolean tooLarge() {
        return !source.isParsed();
    }

    Path dir() {
        return path.getParent();
    }

    /** The snapshot after one change: {@code range} (UTF-16) replaced, or the whole text when empty. */
    DocumentSnapshot edited(int newVersion, long seq, java.util.Optional<TextRange> range, String text) {
        TextRange r = range.orElseGet(() -> new TextRange(new TextPosition(0, 0), source.lines().positionOf(source.bytes().length)));
        TextEdits.Edit e = new TextEdits.Edit(seq, r, text);
        return new DocumentSnapshot(uri, path, newVersion, openedAt, source.edit(r, text), log.with(e));
    }

    /** The edits that produced sequence numbers after {@code seq}, oldest first. */
    List<TextEdits.Edit> editsSince(long seq) {
        return log.since(seq);
    }

    /** The same snapshot without the edits no result that can still be applied needs. */
    DocumentSnapshot trimmed(long upTo) {
        EditLog t = log.after(upTo);
        return t == log ? this : new DocumentSnapshot(uri, path, version, openedAt, source, t);
    }

    /** A persistent list of edits, newest first: adding one shares everything before it. */
    record EditLog(TextEdits.Edit newest, EditLog older) {
        static final EditLog EMPTY = new EditLog(null, null);

        EditLog with(TextEdits.Edit e) {
            return new EditLog(e, this);
        }

        List<TextEdits.Edit> since(long seq) {
            List<TextEdits.Edit> out = new ArrayList<>();
            for (EditLog l = this; l.newest != null && l.newest.revision() > seq; l = l.older) out.add(l.newest);
            Collections.reverse(out);
            return out;
        }

        /** Only the edits after {@code seq} (this log itself when nothing older is held). */
        EditLog after(long seq) {
            List<TextEdits.Edit> kept = since(seq);
            EditLog l = this;
            for (int i = 0; i < kept.size(); i++) l = l.older;
            if (l.newest == null) return this;
            EditLog out = EMPTY;
            for (TextEdits.Edit e : kept) out = out.with(e);
            return out;
        }
    }
}
