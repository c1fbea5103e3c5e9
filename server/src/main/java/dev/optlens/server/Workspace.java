package dev.optlens.server;

import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's memory: open documents and per-package decisions. Every method is synchronized and
 * short; nothing here runs the compiler or waits on I/O other than reading a closed file.
 */
final class Workspace {
    private final Map<String, Document> documents = new HashMap<>();
    private final Map<Path, PackageState> packages = new HashMap<>();
    private final Map<Path, EditPoint> lastEdits = new HashMap<>();

    /** A compile's input: the unsaved buffers and the version of each open document of the package. */
    /** Where the newest edit of a package was made (0-based line in the text after it). */
    record EditPoint(Path file, int line) {
    }

    /**
     * @param lastEdit the package's newest edit: a fast slice compile targets its function (it stays
     *                 after the snapshot: a compile superseded by the next keystroke must not lose it)
     */
    record Snapshot(Path dir, Overlay overlay, Map<String, Integer> versions, List<Path> files, Map<Path, GoSource> sources,
                    Optional<EditPoint> lastEdit) {
        /** The package's open files: only their decisions need exact ranges now (opening a file recompiles). */
        Set<Path> openFiles() {
            return sources.keySet().stream().filter(p -> dir.equals(p.getParent())).collect(java.util.stream.Collectors.toSet());
        }
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

    /** The open document of a URI, also when the URI spells its path another way ({@code ..}, {@code %2F}). */
    synchronized Optional<Document> document(String uri) {
        Document d = documents.get(uri);
        if (d != null || uri == null) return Optional.ofNullable(d);
        Optional<Path> path = pathOf(uri);
        return path.flatMap(p -> documents.values().stream().filter(doc -> doc.path().equals(p)).findFirst());
    }

    synchronized List<Document> documentsIn(Path dir) {
        return documents.values().stream().filter(d -> dir.equals(d.path().getParent())).toList();
    }

    synchronized Collection<Path> openPackages() {
        return documents.values().stream().map(d -> d.path().getParent()).distinct().toList();
    }

    synchronized PackageState packageOf(Path dir) {
        return packages.computeIfAbsent(dir, PackageState::new);
    }

    synchronized Document open(String uri, Path path, int version, String text) {
        Document d = new Document(uri, path, version, text);
        documents.put(uri, d);
        packageOf(path.getParent());
        return d;
    }

    /** Forgets a document; returns its package when no other document of it is open (to be dropped). */
    synchronized Optional<Path> close(String uri) {
        Document d = documents.remove(uri);
        if (d == null) return Optional.empty();
        Path dir = d.path().getParent();
        if (lastEdits.containsKey(dir) && lastEdits.get(dir).file().equals(d.path())) lastEdits.remove(dir);
        if (documentsIn(dir).isEmpty()) {
            packages.remove(dir);
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /**
     * Applies edits and moves the file's decisions through them at once: decisions outside the edit keep
     * their place, shifted; decisions in a function that was edited are kept and marked stale.
     */
    synchronized void change(Document d, int version, List<ChangeEvent> changes) {
        PackageState pkg = packageOf(d.path().getParent());
        List<TrackedDecision> tracked = new ArrayList<>(pkg.decisionsIn(d.path()));
        for (ChangeEvent c : changes) {
            TextEdits.Edit applied = c.range().isPresent()
                    ? d.apply(version, c.range().get(), c.text()) : d.replace(version, c.text());
            moveThrough(tracked, applied, d.source(), c.range().isEmpty());
            lastEdits.put(d.path().getParent(), new EditPoint(d.path(), TextEdits.inserted(applied).end().line()));
        }
        pkg.decisions.put(d.path(), List.copyOf(tracked));
    }

    /** Moves decisions through one edit; those in a function the edit touched become stale. */
    private static void moveThrough(List<TrackedDecision> tracked, TextEdits.Edit e, GoSource now, boolean wholeFile) {
        List<TextRange> touched = touchedFunctions(now, TextEdits.inserted(e), wholeFile);
        tracked.replaceAll(t -> {
            TextRange r = TextEdits.map(t.range(), e);
            return t.moved(r, touched.stream().anyMatch(f -> overlaps(f, r)));
        });
    }

    /** One content change from the client, in internal (UTF-16) coordinates. */
    record ChangeEvent(Optional<TextRange> range, String text) {
    }

    /** The functions (in the new text) that contain an edit; the whole file when it was replaced. */
    private static List<TextRange> touchedFunctions(GoSource src, TextRange edited, boolean wholeFile) {
        if (wholeFile) return List.of(new TextRange(new TextPosition(0, 0), new TextPosition(Integer.MAX_VALUE, 0)));
        return src.functionRangesOverlapping(edited);
    }

    private static boolean overlaps(TextRange a, TextRange b) {
        return a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0;
    }

    synchronized Snapshot snapshot(Path dir) {
        Map<Path, String> overlay = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        Map<Path, GoSource> sources = new HashMap<>();
        for (Document d : documents.values()) {
            overlay.put(d.path(), d.source().text());
            sources.put(d.path(), d.source());
            if (dir.equals(d.path().getParent())) versions.put(d.uri(), d.version());
        }
        // Outside any module a file is analysed as 'go build file.go' would: the open files of the folder.
        List<Path> files = dev.optlens.analysis.engine.AnalysisRequest.inModule(dir) ? List.of()
                : documentsIn(dir).stream().map(Document::path).filter(p -> !p.toString().endsWith("_test.go")).toList();
        return new Snapshot(dir, new Overlay(overlay), Map.copyOf(versions), files, Map.copyOf(sources),
                Optional.ofNullable(lastEdits.get(dir)));
    }

    /**
     * Takes a successful compile: its decisions replace the package's, each moved forward through the
     * edits made since the snapshot it was computed from (stale where its function was edited since).
     */
    synchronized void applyReport(Snapshot snap, PackageReport report) {
        applyReport(snap, report, List.of());
    }

    /**
     * {@link #applyReport(Snapshot, PackageReport)}, then, at once, slices of the same snapshot: a
     * summary-level compile keeps the full detail a slice found for the functions it covered.
     */
    synchronized void applyReport(Snapshot snap, PackageReport report, List<FunctionSlice> detailed) {
        applyFullReport(snap, report);
        for (FunctionSlice f : detailed) applySlice(snap, f.file(), f.startLine(), f.endLine(), f.decisions());
    }

    private void applyFullReport(Snapshot snap, PackageReport report) {
        PackageState pkg = packages.get(snap.dir());
        if (pkg == null) return; // every document of the package was closed meanwhile
        Map<Path, List<TrackedDecision>> next = new HashMap<>();
        boolean brief = report.detail() != Detail.FULL;
        for (Decision dec : report.decisions()) {
            next.computeIfAbsent(dec.file(), f -> new ArrayList<>()).add(new TrackedDecision(dec, dec.range(), false, false, brief));
        }
        for (Document d : documentsIn(snap.dir())) {
            Integer since = snap.versions().get(d.uri());
            List<TrackedDecision> list = next.get(d.path());
            if (since == null || list == null || since == d.version()) continue;
            for (TextEdits.Edit e : d.editsSince(since)) moveThrough(list, e, d.source(), false);
        }
        pkg.decisions.clear();
        next.forEach((k, v) -> pkg.decisions.put(k, List.copyOf(v)));
        pkg.errors = report.compiled() ? List.of() : report.errors();
        pkg.lastGood = Optional.of(report);
        trimLogs(snap);
    }

    /**
     * Takes one function's decisions from a slice compile (full detail): they replace the decisions
     * inside that function (moved forward through the edits since the snapshot); the rest of the file
     * is untouched until the next package compile replaces everything.
     */
    synchronized void applySlice(Snapshot snap, Path file, int startLine1, int endLine1, List<Decision> decisions) {
        PackageState pkg = packages.get(snap.dir());
        Document d = null;
        for (Document doc : documentsIn(snap.dir())) if (doc.path().equals(file)) d = doc;
        if (pkg == null || d == null) return;
        Integer since = snap.versions().get(d.uri());
        List<TrackedDecision> fresh = new ArrayList<>();
        for (Decision dec : decisions) fresh.add(new TrackedDecision(dec, dec.range(), false, false, false));
        TextRange function = TextRange.of(startLine1 - 1, 0, endLine1 - 1, Integer.MAX_VALUE);
        if (since != null) {
            for (TextEdits.Edit e : d.editsSince(since)) {
                moveThrough(fresh, e, d.source(), false);
                function = TextEdits.map(function, e);
            }
        }
        TextRange inside = function;
        List<TrackedDecision> next = new ArrayList<>(pkg.decisionsIn(file).stream()
                .filter(t -> !(inside.start().line() <= t.range().start().line() && t.range().start().line() <= inside.end().line()))
                .toList());
        next.addAll(fresh);
        next.sort(java.util.Comparator.comparing((TrackedDecision t) -> t.range().start()));
        pkg.decisions.put(file, List.copyOf(next));
    }

    /**
     * Takes the decisions a compile printed before its backend began (escapes, inlining,
     * devirtualization): they replace those kinds everywhere, except inside the function a slice
     * already answered for ({@code keep}); bounds checks, nil checks and copies stay until the
     * compile ends. Moved forward through the edits since the snapshot, as a report is.
     */
    synchronized void applyEarly(Snapshot snap, List<Decision> decisions, Optional<FunctionSlice> keep) {
        PackageState pkg = packages.get(snap.dir());
        if (pkg == null) return;
        Map<Path, List<TrackedDecision>> fresh = new HashMap<>();
        for (Decision dec : decisions) {
            fresh.computeIfAbsent(dec.file(), f -> new ArrayList<>()).add(new TrackedDecision(dec, dec.range(), false, false, true));
        }
        Optional<TextRange> kept = Optional.empty();
        for (Document d : documentsIn(snap.dir())) {
            Integer since = snap.versions().get(d.uri());
            if (since == null || since == d.version()) continue;
            List<TrackedDecision> list = fresh.get(d.path());
            TextRange function = keep.filter(k -> k.file().equals(d.path()))
                    .map(k -> TextRange.of(k.startLine() - 1, 0, k.endLine() - 1, Integer.MAX_VALUE)).orElse(null);
            for (TextEdits.Edit e : d.editsSince(since)) {
                if (list != null) moveThrough(list, e, d.source(), false);
                if (function != null) function = TextEdits.map(function, e);
            }
            if (function != null) kept = Optional.of(function);
        }
        if (kept.isEmpty()) {
            kept = keep.map(k -> TextRange.of(k.startLine() - 1, 0, k.endLine() - 1, Integer.MAX_VALUE));
        }
        Set<Path> files = new java.util.HashSet<>(fresh.keySet());
        files.addAll(pkg.decisions.keySet());
        for (Path file : files) {
            Optional<TextRange> inside = kept.filter(r -> keep.get().file().equals(file));
            java.util.function.Predicate<TrackedDecision> inKept = t -> inside.isPresent()
                    && inside.get().start().line() <= t.range().start().line() && t.range().start().line() <= inside.get().end().line();
            List<TrackedDecision> next = new ArrayList<>();
            for (TrackedDecision t : pkg.decisionsIn(file)) if (isBackendKind(t.decision().kind()) || inKept.test(t)) next.add(t);
            for (TrackedDecision t : fresh.getOrDefault(file, List.of())) if (!inKept.test(t)) next.add(t);
            next.sort(java.util.Comparator.comparing((TrackedDecision t) -> t.range().start()));
            pkg.decisions.put(file, List.copyOf(next));
        }
    }

    /** Kinds the compiler decides in its backend, after the -m text of escapes and inlining. */
    private static boolean isBackendKind(dev.optlens.analysis.decision.DecisionKind k) {
        return k == dev.optlens.analysis.decision.DecisionKind.BOUNDS_CHECK || k == dev.optlens.analysis.decision.DecisionKind.NIL_CHECK
                || k == dev.optlens.analysis.decision.DecisionKind.LARGE_COPY;
    }

    /** Takes a failed compile: the last good decisions stay, marked as such, with the errors. */
    synchronized void applyFailure(Snapshot snap, List<CompileError> errors) {
        PackageState pkg = packages.get(snap.dir());
        if (pkg == null) return;
        pkg.decisions.replaceAll((f, list) -> list.stream().map(TrackedDecision::asLastGood).toList());
        pkg.errors = List.copyOf(errors);
        trimLogs(snap);
    }

    synchronized void setStatus(Path dir, PackageState.Status status, String message) {
        PackageState pkg = packages.get(dir);
        if (pkg == null) return;
        pkg.status = status;
        pkg.statusMessage = message;
    }

    /** The current decisions of a file. */
    synchronized List<TrackedDecision> decisions(Path file) {
        PackageState pkg = packages.get(file.getParent());
        return pkg == null ? List.of() : pkg.decisionsIn(file);
    }

    /** Every current decision of the package of a file. */
    synchronized List<TrackedDecision> packageDecisions(Path dir) {
        PackageState pkg = packages.get(dir);
        return pkg == null ? List.of() : pkg.decisions.values().stream().flatMap(List::stream).toList();
    }

    /** Why the last compile of its package left this file out, when it did. */
    synchronized Optional<dev.optlens.analysis.engine.ExcludedFile> excluded(Path file) {
        PackageState pkg = packages.get(file.getParent());
        if (pkg == null || pkg.lastGood.isEmpty()) return Optional.empty();
        return pkg.lastGood.get().excluded().stream().filter(x -> x.file().equals(file)).findFirst();
    }

    synchronized List<CompileError> errors(Path dir) {
        PackageState pkg = packages.get(dir);
        return pkg == null ? List.of() : pkg.errors;
    }

    synchronized Optional<PackageState.Status> status(Path dir) {
        return Optional.ofNullable(packages.get(dir)).map(p -> p.status);
    }

    synchronized long heapAllocations(Path dir) {
        PackageState pkg = packages.get(dir);
        return pkg == null ? 0 : pkg.heapAllocations();
    }

    /** A line index for any file: the open document's current text, else the file on disk. */
    synchronized Optional<LineIndex> lines(Path file) {
        for (Document d : documents.values()) if (d.path().equals(file)) return Optional.of(d.source().lines());
        try {
            return Optional.of(new LineIndex(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Once a snapshot's result is applied, no result for an older version can still arrive: forget older edits. */
    private void trimLogs(Snapshot snap) {
        for (Document d : documentsIn(snap.dir())) {
            Integer v = snap.versions().get(d.uri());
            if (v != null) d.trimLog(v);
        }
    }
}
