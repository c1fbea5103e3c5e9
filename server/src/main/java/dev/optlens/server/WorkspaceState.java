package dev.optlens.server;

import dev.optlens.analysis.build.ExcludedFile;
import dev.optlens.analysis.syntax.LineIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server knows at one moment, immutable: open documents by URI, packages by
 * directory, and a sequence number that grows with every change of what a compile would see. A
 * request reads one state throughout, so the text, version and decisions it uses always belong together.
 *
 * @param lastEdits where each package's newest edit was made
 * @param inputs    per package, the sequence number of the last change of what its compile sees (its
 *                  documents, the settings): an edit elsewhere does not make a package's results older
 * @param config    the settings, position encoding and client capabilities this state is read with
 */
record WorkspaceState(long seq, Map<String, DocumentSnapshot> documents, Map<Path, PackageView> packages,
                      Map<Path, EditPoint> lastEdits, Map<Path, Long> inputs, ServerConfig config) {
    static final WorkspaceState EMPTY = new WorkspaceState(0, Map.of(), Map.of(), Map.of(), Map.of(), ServerConfig.DEFAULT);

    /** Where the newest edit of a package was made (0-based line in the text after it), and when ({@link System#nanoTime}). */
    record EditPoint(Path file, int line, long nanos) {
    }

    WorkspaceState {
        documents = Map.copyOf(documents);
        packages = Map.copyOf(packages);
        lastEdits = Map.copyOf(lastEdits);
        inputs = Map.copyOf(inputs);
    }

    Settings settings() {
        return config.settings();
    }

    PositionCodec codec() {
        return config.codec();
    }

    /** The sequence number of what a compile of the package sees now (see {@link #inputs}). */
    long inputSeq(Path dir) {
        return inputs.getOrDefault(dir, seq);
    }

    /** {@link #inputs} with the package's input changed at {@code at}. */
    Map<Path, Long> inputsWith(Path dir, long at) {
        Map<Path, Long> next = new java.util.HashMap<>(inputs);
        next.put(dir, at);
        return next;
    }

    /** The open document of a URI, also when the URI spells its path another way ({@code ..}, {@code %2F}). */
    Optional<DocumentSnapshot> document(String uri) {
        if (uri == null) return Optional.empty();
        DocumentSnapshot d = documents.get(uri);
        if (d != null) return Optional.of(d);
        return Workspace.pathOf(uri).flatMap(p -> documents.values().stream().filter(doc -> doc.path().equals(p)).findFirst());
    }

    List<DocumentSnapshot> documentsIn(Path dir) {
        return documents.values().stream().filter(d -> dir.equals(d.dir())).toList();
    }

    Collection<Path> openPackages() {
        return documents.values().stream().map(DocumentSnapshot::dir).distinct().toList();
    }

    Optional<PackageView> pkg(Path dir) {
        return Optional.ofNullable(packages.get(dir));
    }

    /** The current decisions of a file. */
    List<TrackedDecision> decisions(Path file) {
        PackageView p = packages.get(file.getParent());
        return p == null ? List.of() : p.decisionsIn(file);
    }

    /** Every current decision of a package. */
    List<TrackedDecision> packageDecisions(Path dir) {
        return pkg(dir).map(p -> p.decisions().values().stream().flatMap(List::stream).toList()).orElse(List.of());
    }

    /** Why the last compile of its package left this file out, when it did. */
    Optional<ExcludedFile> excluded(Path file) {
        return pkg(file.getParent()).flatMap(p -> p.excluded().stream().filter(x -> x.file().equals(file)).findFirst());
    }

    /** A line index for any file: the open document's text in this state, else the file on disk. */
    Optional<LineIndex> lines(Path file) {
        for (DocumentSnapshot d : documents.values()) if (d.path().equals(file)) return Optional.of(d.source().lines());
        try {
            return Optional.of(new LineIndex(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
