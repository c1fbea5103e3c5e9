package dev.optlens.server;

import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.build.ExcludedFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server holds about one package, immutable: the decisions per file (moved through the
 * edits made since they were computed), the errors of the last compile when it failed, and which
 * result these come from.
 *
 * @param appliedSeq the workspace sequence number of the snapshot the newest applied result was computed from
 * @param applied    what kind of result that was: a newer one always replaces it; one of the same
 *                   sequence only when it says more (see {@link ResultMerge#admits})
 * @param toolchain  which Go compiled the package last, and why that one
 * @param testErrors the errors of the package's tests when only they did not compile (the decisions are
 *                   the package's alone)
 * @param compared   where the build {@code optlens.compareWith} names decides differently
 * @param pgo        the profile guiding the build and the decisions only it makes
 */
record PackageView(Path dir, Map<Path, List<TrackedDecision>> decisions, List<CompileError> errors,
                   List<ExcludedFile> excluded, String toolchain, long appliedSeq, Applied applied,
                   List<CompileError> testErrors, Compared compared, PgoMarks pgo) {
    /** How complete the applied result is. */
    enum Applied {
        /** Nothing compiled yet. */
        NOTHING,
        /** A slice or the early part of a compile: the rest of the package may be older. */
        PARTIAL,
        /** A whole compile below full detail: a slice of the same text may add a function's detail. */
        BRIEF,
        /** A whole compile at full detail, or a failure. */
        FINAL
    }

    PackageView {
        decisions = Map.copyOf(decisions);
        errors = List.copyOf(errors);
        excluded = List.copyOf(excluded);
        testErrors = List.copyOf(testErrors);
    }

    static PackageView empty(Path dir) {
        return new PackageView(dir, Map.of(), List.of(), List.of(), "", -1, Applied.NOTHING, List.of(), Compared.NONE, PgoMarks.NONE);
    }

    List<TrackedDecision> decisionsIn(Path file) {
        return decisions.getOrDefault(file, List.of());
    }

    /** Heap allocations in the package's own files (its tests' are counted apart). */
    long heapAllocations() {
        return heapAllocations(false);
    }

    /** Heap allocations in the package's test files. */
    long testHeapAllocations() {
        return heapAllocations(true);
    }

    private long heapAllocations(boolean inTests) {
        return decisions.entrySet().stream().filter(e -> dev.optlens.analysis.engine.PackageReport.isTestFile(e.getKey()) == inTests)
                .flatMap(e -> e.getValue().stream()).filter(t -> t.decision().allocatesOnHeap()).count();
    }

    /** The same package with one file's decisions replaced. */
    PackageView withFile(Path file, List<TrackedDecision> list) {
        Map<Path, List<TrackedDecision>> next = new HashMap<>(decisions);
        next.put(file, List.copyOf(list));
        return new PackageView(dir, next, errors, excluded, toolchain, appliedSeq, applied, testErrors, compared, pgo);
    }

    /** The same package with other compared differences. */
    PackageView withCompared(Compared c) {
        return new PackageView(dir, decisions, errors, excluded, toolchain, appliedSeq, applied, testErrors, c, pgo);
    }

    /** The same package with other PGO marks. */
    PackageView withPgo(PgoMarks p) {
        return new PackageView(dir, decisions, errors, excluded, toolchain, appliedSeq, applied, testErrors, compared, p);
    }
}
