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
record ChangeHistory(List<Entry> entries) {
    static final ChangeHistory EMPTY = new ChangeHistory(List.of());
    /** How many notifications are kept per document. */
    static final int KEPT = 64;

    /** The text an applied change replaced, and where its own text now is. */
    record Undo(TextRange inserted, String removed) {
    }

    /** One notification: its version, its changes as the client sent them, and their undos in order applied. */
    record Entry(int version, List<TextDocumentContentChangeEvent> changes, List<Undo> undo) {
    }

    ChangeHistory with(Entry e) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(e);
        if (next.size() > KEPT) next.subList(0, next.size() - KEPT).clear();
        return new ChangeHistory(List.copyOf(next));
    }

    /**
     * The notifications newer than {@code version}, oldest first, when all of them are held (the history
     * goes back past it); empty otherwise.
     */
    List<Entry> newerThan(int version) {
        List<Entry> newer = entries.stream().filter(e -> e.version() > version).toList();
        boolean reachesBack = entries.size() < KEPT || entries.get(0).version() < version;
        return reachesBack ? newer : List.of();
    }

    /** Without the notifications newer than {@code version}. */
    ChangeHistory upTo(int version) {
        return new ChangeHistory(entries.stream().filter(e -> e.version() <= version).toList());
    }
}
