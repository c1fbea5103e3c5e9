package dev.optlens.server;

import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's state as the loop changes it. It holds the current {@link WorkspaceState}; every change
 * (an edit, an open or close, settings, a result) makes a new state and swaps it in, on the loop only
 * (see {@link ServerLoop}), so readers take {@link #view()} without locking and always see one
 * consistent state.
 */
final class Workspace {
    private final ServerLoop loop;
    private volatile WorkspaceState state = WorkspaceState.EMPTY;

    Workspace(ServerLoop loop) {
        this.loop = loop;
    }

    /** The current state: read everything a request needs from this one value. */
    WorkspaceState view() {
        return state;
    }

    static Optional<Path> pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            if (!"file".equals(u.getScheme())) return Optional.empty();
            return Optional.of(Path.of(u).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The newest sequence number of a change of what compiles see that was not an edit of a document's
     * text (an open, a close, settings, files on disk): a result older than it is no base for a
     * closure (see {@link ClosureRoute}).
     */
    private volatile long lastNonEdit;

    long lastNonEdit() {
        return lastNonEdit;
    }

    /** Opens a document; above {@code optlens.maxFileKB} it is kept unparsed (see {@link DocumentSnapshot#tooLarge()}). */
    DocumentSnapshot open(String uri, Path path, int version, String text) {
        loop.confined("open");
        WorkspaceState s = state;
        long maxChars = s.settings().maxFileKB() * 1024L;
        long seq = s.seq() + 1;
        DocumentSnapshot d = DocumentSnapshot.open(uri, path, version, seq, text, maxChars);
        histories.remove(uri);
        Map<String, DocumentSnapshot> docs = new HashMap<>(s.documents());
        docs.put(uri, d);
        Map<Path, PackageView> pkgs = new HashMap<>(s.packages());
        pkgs.putIfAbsent(d.dir(), PackageView.empty(d.dir()));
        state = new WorkspaceState(seq, docs, pkgs, s.lastEdits(), s.inputsWith(d.dir(), seq), s.config());
        lastNonEdit = seq;
        return d;
    }

    /**
     * Applies one didChange: each change's range is read against the text after the previous one,
     * and the file's decisions move through each edit (those in a function it touched become stale).
     * A notification older than one applied already is put in version order ({@link ChangeHistory}).
     *
     * A document kept unparsed (too large) is parsed once an edit brings it below {@code optlens.maxFileKB}.
     */
    Optional<DocumentSnapshot> change(String uri, Integer version, List<TextDocumentContentChangeEvent> changes) {
        loop.confined("change");
        WorkspaceState s = state;
        long maxChars = s.settings().maxFileKB() * 1024L;
        Optional<DocumentSnapshot> found = s.document(uri);
        if (found.isEmpty()) return Optional.empty();
        DocumentSnapshot d = found.get();
        long seq = s.seq() + 1;
        int v = version == null ? d.version() + 1 : version;
        ChangeHistory history = histories.getOrDefault(uri, ChangeHistory.EMPTY);
        List<ChangeHistory.Entry> newer = version != null && v < d.version() ? history.newerThan(v) : List.of();
        PackageView pkg = s.pkg(d.dir()).orElse(PackageView.empty(d.dir()));
        Editing e = new Editing(d, newer.isEmpty() ? v : d.version(), seq, new ArrayList<>(pkg.decisionsIn(d.path())),
                Compared.tracked(pkg.compared().in(d.path())), s.codec());
        for (int i = newer.size() - 1; i >= 0; i--) {
            List<ChangeHistory.Undo> undo = newer.get(i).undo();
            for (int j = undo.size() - 1; j >= 0; j--) e.apply(Optional.of(undo.get(j).inserted()), undo.get(j).removed());
        }
        if (!newer.isEmpty()) history = history.upTo(v);
        history = history.with(e.applyAll(v, changes));
        for (ChangeHistory.Entry late : newer) history = history.with(e.applyAll(late.version(), late.changes()));
        if (e.at.isEmpty()) return Optional.empty();
        histories.put(uri, history);
        d = e.doc;
        if (d.tooLarge() && d.source().bytes().length <= maxChars) d = d.parsed(); // edited down below the limit: analysed again
        Map<String, DocumentSnapshot> docs = new HashMap<>(s.documents());
        docs.put(d.uri(), d);
        Map<Path, PackageView> pkgs = new HashMap<>(s.packages());
        pkgs.put(d.dir(), pkg.withFile(d.path(), e.tracked).withCompared(pkg.compared().withFile(d.path(), e.compared)));
        Map<Path, WorkspaceState.EditPoint> edits = new HashMap<>(s.lastEdits());
        edits.put(d.dir(), e.at.get());
        state = new WorkspaceState(seq, docs, pkgs, edits, s.inputsWith(d.dir(), seq), s.config());
        return Optional.of(d);
    }

    /** Per open document, its last notifications (loop only). */
    private final Map<String, ChangeHistory> histories = new HashMap<>();

    /** One notification's edits applied in turn, moving the file's decisions through each. */
    private static final class Editing {
        DocumentSnapshot doc;
        /** The version the document has after this notification (the newest one applied). */
        final int docVersion;
        final long seq;
        final List<TrackedDecision> tracked;
        /** The places of the file's compared differences (see {@link Compared}), moved the same way. */
        final List<TrackedDecision> compared;
        final PositionCodec codec;
        Optional<WorkspaceState.EditPoint> at = Optional.empty();

        Editing(DocumentSnapshot doc, int docVersion, long seq, List<TrackedDecision> tracked, List<TrackedDecision> compared,
                PositionCodec codec) {
            this.doc = doc;
            this.docVersion = docVersion;
            this.seq = seq;
            this.tracked = tracked;
            this.compared = compared;
            this.codec = codec;
        }

        ChangeHistory.Entry applyAll(int version, List<TextDocumentContentChangeEvent> changes) {
            List<ChangeHistory.Undo> undo = new ArrayList<>();
            for (TextDocumentContentChangeEvent c : changes) {
                if (c == null || c.getText() == null) continue;
                LineIndex lines = doc.source().lines();
                undo.add(apply(Optional.ofNullable(c.getRange()).map(r -> codec.fromProtocol(lines, r)), c.getText()));
            }
            return new ChangeHistory.Entry(version, changes, List.copyOf(undo));
        }

        ChangeHistory.Undo apply(Optional<TextRange> range, String text) {
            TextRange replaced = range.orElseGet(() -> new TextRange(new dev.optlens.analysis.syntax.TextPosition(0, 0),
                    doc.source().lines().positionOf(doc.source().bytes().length)));
            String removed = doc.source().textOf(replaced);
            doc = doc.edited(docVersion, seq, range, text);
            TextEdits.Edit applied = doc.log().newest();
            ResultMerge.moveThrough(tracked, applied, doc.source(), range.isEmpty());
            if (!compared.isEmpty()) ResultMerge.moveThrough(compared, applied, doc.source(), range.isEmpty());
            at = Optional.of(new WorkspaceState.EditPoint(doc.path(), TextEdits.inserted(applied).end().line(), System.nanoTime()));
            return new ChangeHistory.Undo(TextEdits.inserted(applied), removed);
        }
    }

    /** Forgets a document; returns its package when no other document of it is open (to be dropped). */
    Optional<Path> close(String uri) {
        loop.confined("close");
        WorkspaceState s = state;
        Optional<DocumentSnapshot> found = s.document(uri);
        if (found.isEmpty()) return Optional.empty();
        DocumentSnapshot d = found.get();
        histories.remove(uri);
        Map<String, DocumentSnapshot> docs = new HashMap<>(s.documents());
        docs.remove(d.uri());
        Map<Path, PackageView> pkgs = new HashMap<>(s.packages());
        Map<Path, WorkspaceState.EditPoint> edits = new HashMap<>(s.lastEdits());
        WorkspaceState.EditPoint last = edits.get(d.dir());
        if (last != null && last.file().equals(d.path())) edits.remove(d.dir());
        boolean lastOfPackage = docs.values().stream().noneMatch(o -> o.dir().equals(d.dir()));
        if (lastOfPackage) pkgs.remove(d.dir());
        Map<Path, Long> inputs = s.inputsWith(d.dir(), s.seq() + 1);
        if (lastOfPackage) inputs.remove(d.dir());
        state = new WorkspaceState(s.seq() + 1, docs, pkgs, edits, inputs, s.config());
        lastNonEdit = s.seq() + 1;
        return lastOfPackage ? Optional.of(d.dir()) : Optional.empty();
    }

    /** Something a compile sees changed outside the documents (settings, files on disk): older inputs are older. */
    void bump() {
        loop.confined("bump");
        WorkspaceState s = state;
        Map<Path, Long> inputs = new HashMap<>();
        for (Path dir : s.inputs().keySet()) inputs.put(dir, s.seq() + 1);
        state = new WorkspaceState(s.seq() + 1, s.documents(), s.packages(), s.lastEdits(), inputs, s.config());
        lastNonEdit = s.seq() + 1;
    }

    /** What a compile of the package sees now. */
    CompileInput input(Path dir) {
        return CompileInput.of(state, dir);
    }

    /**
     * The one place results are applied: the state they made when the outcome joined the package's
     * state (see {@link ResultMerge#admits}), empty when something newer or more complete is there. A result whose input predates the opening of one of the
     * package's documents cannot be moved onto its text and is dropped; once a result is applied no
     * older one can be, so the edits before its input are forgotten.
     */
    Optional<WorkspaceState> apply(CompileInput in, Outcome outcome) {
        loop.confined("apply");
        WorkspaceState s = state;
        Optional<PackageView> pkg = s.pkg(in.dir());
        if (pkg.isEmpty() || !ResultMerge.admits(pkg.get(), in.seq(), outcome)) return Optional.empty();
        List<DocumentSnapshot> docs = s.documentsIn(in.dir());
        if (docs.stream().anyMatch(d -> d.openedAt() > in.seq())) return Optional.empty();
        PackageView next = ResultMerge.merge(pkg.get(), in, outcome, docs);
        Map<String, DocumentSnapshot> trimmed = new HashMap<>(s.documents());
        for (DocumentSnapshot d : docs) trimmed.put(d.uri(), d.trimmed(next.appliedSeq()));
        Map<Path, PackageView> pkgs = new HashMap<>(s.packages());
        pkgs.put(in.dir(), next);
        state = new WorkspaceState(s.seq(), trimmed, pkgs, s.lastEdits(), s.inputs(), s.config());
        return Optional.of(state);
    }

    /**
     * New settings or client facts; when they change what a compile sees, every package's input is
     * newer (see {@link #bump()}).
     */
    void configure(ServerConfig config, boolean changesBuild) {
        loop.confined("configure");
        WorkspaceState s = state;
        state = new WorkspaceState(s.seq(), s.documents(), s.packages(), s.lastEdits(), s.inputs(), config);
        if (changesBuild) bump();
    }
}
