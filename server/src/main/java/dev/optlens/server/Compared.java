package dev.optlens.server;

import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a package decides differently when built as {@code optlens.compareWith} says, placed on the
 * current text: each difference with its place moved through the edits made since (as decisions are).
 *
 * @param label     the compared build as the setting names it ({@code go1.27}); empty: nothing compared
 * @param toolchain the Go that compiled the compared build
 * @param seq       the input both builds compiled
 * @param at        per file, each difference's place now (the decision of the compared build, else the user's)
 * @param errors    why the compared build did not compile, when it did not
 */
record Compared(String label, String toolchain, long seq, Map<Path, List<Placed>> at, List<CompileError> errors) {
    static final Compared NONE = new Compared("", "", -1, Map.of(), List.of());

    /** A difference and where it is now. */
    record Placed(Difference difference, TrackedDecision where) {
        TextRange range() {
            return where.range();
        }
    }

    Compared {
        at = Map.copyOf(at);
        errors = List.copyOf(errors);
    }

    /** The differences of one compile, each at its decision's place in the text that compile saw. */
    static Compared of(String label, String toolchain, long seq, List<Difference> differences, List<CompileError> errors) {
        Map<Path, List<Placed>> at = new HashMap<>();
        for (Difference d : differences) {
            var w = d.where();
            at.computeIfAbsent(w.file(), f -> new ArrayList<>()).add(new Placed(d, new TrackedDecision(w, w.range(), false, false, false)));
        }
        at.replaceAll((f, l) -> List.copyOf(l));
        return new Compared(label, toolchain, seq, at, errors);
    }

    /** A package's comparison with the build the settings name now; empty when none is (or it is of another choice). */
    static java.util.Optional<Compared> current(WorkspaceState view, Path dir) {
        java.util.Optional<dev.optlens.analysis.compare.BuildSide> want = view.settings().compareWith();
        if (want.isEmpty()) return java.util.Optional.empty();
        return view.pkg(dir).map(PackageView::compared).filter(c -> c.label().equals(want.get().label()));
    }

    List<Placed> in(Path file) {
        return at.getOrDefault(file, List.of());
    }

    /** Places as tracked decisions (what edits move). */
    static List<TrackedDecision> tracked(List<Placed> placed) {
        return new ArrayList<>(placed.stream().map(Placed::where).toList());
    }

    /** The same differences with one file's places moved ({@code moved} is {@link #tracked} of that file, moved). */
    Compared withFile(Path file, List<TrackedDecision> moved) {
        List<Placed> before = in(file);
        if (before.isEmpty()) return this;
        List<Placed> now = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) now.add(new Placed(before.get(i).difference(), moved.get(i)));
        Map<Path, List<Placed>> next = new HashMap<>(at);
        next.put(file, List.copyOf(now));
        return new Compared(label, toolchain, seq, next, errors);
    }
}
