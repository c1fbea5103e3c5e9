package dev.optlens.server;

import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's last didChange notifications, in version order, each with how to undo it: a change that
 * arrives after a newer one (Helix sends fast keystrokes' notifications out of order) is put in its
 * place by undoing the newer ones, applying it, and applying them again.
 */
record ChangeHistory(List<Entry> entries, int droppedUpTo) {
    static final ChangeHistory EMPTY = new ChangeHistory(List.of(), Integer.MIN_VALUE);
    /** How many notifications are kept per document, and at most how many characters of text they hold. */
    static final int KEPT = 64;
    static final long KEPT_CHARS = 1 << 20;

    /** The text an applied change replaced, and where its own text now is. */
    record Undo(TextRange inserted, String removed) {
    }

    /** One notification: its version, its changes as the client sent them, and their undos in order applied. */
    record Entry(int version, List<TextDocumentContentChangeEvent> changes, List<Undo> undo) {
        long chars() {
            return changes.stream().mapToLong(c -> c == null || c.getText() == null ? 0 : c.getText().length()).sum()
                    + undo.stream().mapToLong(u -> u.removed().length()).sum();
        }
    }

    /** With {@code e} added; the oldest are dropped past {@link #KEPT} entries or {@link #KEPT_CHARS} characters. */
    ChangeHistory with(Entry e) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(e);
        long chars = next.stream().mapToLong(Entry::chars).sum();
        int dropped = droppedUpTo;
        while (!next.isEmpty() && (next.size() > KEPT || chars > KEPT_CHARS)) {
            Entry old = next.remove(0);
            chars -= old.chars();
            dropped = Math.max(dropped, old.version());
        }
        return new ChangeHistory(List.copyOf(next), dropped);
    }

    /**
     * The notifications newer than {@code version}, oldest first, when all of them are held (the history
     * goes back past it); empty otherwise.
     */
    List<Entry> newerThan(int version) {
        return droppedUpTo < version ? entries.stream().filter(e -> e.version() > version).toList() : List.of();
    }

    /** Without the notifications newer than {@code version}. */
    ChangeHistory upTo(int version) {
        return new ChangeHistory(entries.stream().filter(e -> e.version() <= version).toList(), droppedUpTo);
    }
}
