package dev.optlens.server;

import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one compile of a package sees, taken from one {@link WorkspaceState}: its unsaved buffers,
 * each of its open documents' version, and the sequence number that orders its result against others.
 *
 * @param seq      the sequence number of the package's input in the state it was taken from
 *                 ({@link WorkspaceState#inputSeq}): equal for two inputs of the same texts and settings
 * @param versions the client's version of each open document of the package, by URI
 * @param files    outside any module, exactly the files that form the package (as {@code go build a.go b.go})
 * @param lastEdit the package's newest edit: a fast slice compile targets its function
 * @param settings the settings of the state the input was taken from (a settings change that alters
 *                 the build makes a newer input)
 */
record CompileInput(long seq, Path dir, Overlay overlay, Map<String, Integer> versions, java.util.List<Path> files,
                    Map<Path, GoSource> sources, Optional<WorkspaceState.EditPoint> lastEdit, Settings settings) {
    /**
     * What a compile of the package sees in a state: its own open documents (the engine compiles a
     * package with its own unsaved buffers only, see {@code AnalysisRequest.ownOverlay}).
     */
    static CompileInput of(WorkspaceState s, Path dir) {
        return of(s.inputSeq(dir), dir, s.documentsIn(dir), Optional.ofNullable(s.lastEdits().get(dir)), s.settings());
    }

    /** What the first compile of a package with one open document, and no other, sees under these settings. */
    static CompileInput opening(DocumentSnapshot d, Settings settings) {
        return of(d.openedAt(), d.dir(), java.util.List.of(d), Optional.empty(), settings);
    }

    private static CompileInput of(long seq, Path dir, java.util.List<DocumentSnapshot> documents, Optional<WorkspaceState.EditPoint> lastEdit,
                                   Settings settings) {
        Map<Path, String> overlay = new java.util.HashMap<>();
        Map<String, Integer> versions = new java.util.HashMap<>();
        Map<Path, GoSource> sources = new java.util.HashMap<>();
        for (DocumentSnapshot d : documents) {
            overlay.put(d.path(), d.source().text());
            sources.put(d.path(), d.source());
            versions.put(d.uri(), d.version());
        }
        // Outside any module a file is analysed as 'go build file.go' would: the open files of the folder.
        java.util.List<Path> files = dev.optlens.analysis.build.ModuleRoot.looseFiles(dir, sources.keySet());
        return new CompileInput(seq, dir, new Overlay(overlay), Map.copyOf(versions), files, Map.copyOf(sources), lastEdit, settings);
    }

    /** The package's open files: only their decisions need exact ranges now (opening a file recompiles). */
    Set<Path> openFiles() {
        return sources.keySet();
    }

    /** Why the package is not analysed: one of its open files is too large to parse (see {@link DocumentSnapshot#tooLarge()}). */
    Optional<String> tooLarge() {
        return sources.entrySet().stream().filter(e -> !e.getValue().isParsed())
                .findFirst().map(e -> tooLargeMessage(e.getKey(), e.getValue().bytes().length));
    }

    static String tooLargeMessage(Path file, long bytes) {
        return file.getFileName() + " is " + (bytes >> 20) + " MB, above optlens.maxFileKB: its package is not analysed while it"
                + " is open (raise the setting, or run 'optlens check' on it)";
    }

    /** Whether the newest edit is inside a function (only then has a slice a target). */
    boolean editInsideFunction() {
        return editedFunction().isPresent();
    }

    /** The function the newest edit is inside, as {@code file#name}. */
    Optional<String> editedFunction() {
        if (lastEdit.isEmpty()) return Optional.empty();
        GoSource src = sources.get(lastEdit.get().file());
        if (src == null) return Optional.empty();
        return src.functionAt(src.lines().lineStart(lastEdit.get().line())).map(f -> lastEdit.get().file() + "#" + f.name());
    }
}
