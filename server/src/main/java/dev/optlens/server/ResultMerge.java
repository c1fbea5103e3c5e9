package dev.optlens.server;

import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules by which a result joins what a package holds, as pure functions of immutable values.
 * A result older than the one applied is dropped; a partial result never replaces a whole one of
 * the same input; what is kept is moved forward through the edits made since its input was taken.
 */
final class ResultMerge {
    private ResultMerge() {
    }

    /** Whether an outcome computed from sequence {@code seq} may be applied over what {@code pkg} holds. */
    static boolean admits(PackageView pkg, long seq, Outcome o) {
        // Compared after the user's build of the same input: a newer one applied, its own comparison follows.
        if (o instanceof Outcome.Compared) return seq >= pkg.compared().seq() && seq >= pkg.appliedSeq();
        if (o instanceof Outcome.Pgo) return seq >= pkg.pgo().seq() && seq >= pkg.appliedSeq();
        if (o instanceof Outcome.Closure c) {
            return seq > pkg.appliedSeq() && pkg.appliedSeq() == c.baseSeq() && pkg.errors().isEmpty()
                    && (pkg.applied() == PackageView.Applied.FINAL || pkg.applied() == PackageView.Applied.BRIEF);
        }
        if (seq != pkg.appliedSeq()) return seq > pkg.appliedSeq();
        if (o instanceof Outcome.Whole || o instanceof Outcome.Failure) return true;
        if (o instanceof Outcome.Early) return pkg.applied().compareTo(PackageView.Applied.PARTIAL) <= 0;
        return pkg.applied() != PackageView.Applied.FINAL; // a slice adds full detail to a brief compile of the same text
    }

    /** {@code pkg} with the outcome applied; {@code docs} are the package's open documents now. */
    static PackageView merge(PackageView pkg, CompileInput in, Outcome o, List<DocumentSnapshot> docs) {
        if (o instanceof Outcome.Pgo p) return pkg.withPgo(p.marks());
        if (o instanceof Outcome.Compared c) {
            Compared fresh = Compared.of(c.label(), c.toolchain(), in.seq(), c.differences(), c.errors());
            for (DocumentSnapshot d : docs) {
                List<TrackedDecision> at = Compared.tracked(fresh.in(d.path()));
                if (at.isEmpty()) continue;
                for (TextEdits.Edit e : d.editsSince(in.seq())) moveThrough(at, e, d.source(), false);
                fresh = fresh.withFile(d.path(), at);
            }
            return pkg.withCompared(fresh);
        }
        if (o instanceof Outcome.Closure c) return closure(pkg, in, c, docs);
        PackageView.Applied level = in.seq() > pkg.appliedSeq() ? PackageView.Applied.PARTIAL : pkg.applied();
        if (o instanceof Outcome.Whole w) {
            Map<Path, List<TrackedDecision>> next = fresh(w.report().decisions(), w.report().detail() != Detail.FULL);
            moveAll(next, in, docs);
            PackageView whole = new PackageView(pkg.dir(), next, w.report().compiled() ? List.of() : w.report().errors(),
                    w.report().excluded(), w.report().toolchain(), in.seq(),
                    w.report().detail() == Detail.FULL ? PackageView.Applied.FINAL : PackageView.Applied.BRIEF, w.report().testErrors(),
                    pkg.compared(), pkg.pgo());
            for (FunctionSlice f : w.detailed()) whole = slice(whole, in, f, docs);
            return whole;
        }
        if (o instanceof Outcome.Failure f) {
            Map<Path, List<TrackedDecision>> lastGood = new HashMap<>();
            pkg.decisions().forEach((file, list) -> lastGood.put(file, list.stream().map(TrackedDecision::asLastGood).toList()));
            return new PackageView(pkg.dir(), lastGood, f.errors(), pkg.excluded(), pkg.toolchain(), in.seq(), PackageView.Applied.FINAL,
                    List.of(), pkg.compared(), pkg.pgo());
        }
        PackageView p = o instanceof Outcome.Slice s ? slice(pkg, in, s.slice(), docs) : early(pkg, in, (Outcome.Early) o, docs);
        return new PackageView(p.dir(), p.decisions(), p.errors(), p.excluded(), p.toolchain(), in.seq(), level, p.testErrors(),
                p.compared(), p.pgo());
    }

    /**
     * The base with the closure's members' decisions replaced by the slice's: the rest keep their
     * place in the editor and have their printed positions (line, explanation, inline chain) moved
     * through the edits between the base and the closure's input, as the compile of that text prints them.
     */
    private static PackageView closure(PackageView pkg, CompileInput in, Outcome.Closure c, List<DocumentSnapshot> docs) {
        List<Map.Entry<Path, TextEdits.Edit>> between = new ArrayList<>();
        for (DocumentSnapshot d : docs) {
            for (TextEdits.Edit e : d.editsSince(c.baseSeq())) if (e.revision() <= in.seq()) between.add(Map.entry(d.path(), e));
        }
        between.sort(Comparator.comparingLong(e -> e.getValue().revision()));
        Map<Path, List<TrackedDecision>> next = new HashMap<>();
        pkg.decisions().forEach((file, list) -> {
            if (!c.tests() && dev.optlens.analysis.engine.PackageReport.isTestFile(file)) return;
            List<TrackedDecision> kept = new ArrayList<>();
            for (TrackedDecision t : list) {
                if (dev.optlens.analysis.engine.EditClosure.isMember(c.slice(), t.decision())) continue;
                Decision d = t.decision();
                for (Map.Entry<Path, TextEdits.Edit> e : between) d = d.shiftedLines(e.getKey(), e.getValue().range().end().line() + 1, lineDelta(e.getValue()));
                kept.add(d == t.decision() ? t : new TrackedDecision(d, t.range(), t.stale(), t.lastGood(), t.brief()));
            }
            next.put(file, kept);
        });
        Map<Path, List<TrackedDecision>> fresh = fresh(c.slice().decisions(), false);
        moveAll(fresh, in, docs);
        fresh.forEach((file, list) -> next.computeIfAbsent(file, f -> new ArrayList<>()).addAll(list));
        next.replaceAll((file, list) -> list.stream().sorted(Comparator.comparing((TrackedDecision t) -> t.range().start())).toList());
        return new PackageView(pkg.dir(), next, List.of(), pkg.excluded(), pkg.toolchain(), in.seq(), pkg.applied(), pkg.testErrors(),
                pkg.compared(), pkg.pgo());
    }

    /** How many lines an edit adds (negative: removes). */
    private static int lineDelta(TextEdits.Edit e) {
        return (int) e.newText().chars().filter(ch -> ch == '\n').count() - (e.range().end().line() - e.range().start().line());
    }

    private static Map<Path, List<TrackedDecision>> fresh(List<Decision> decisions, boolean brief) {
        Map<Path, List<TrackedDecision>> next = new HashMap<>();
        for (Decision d : decisions) {
            next.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(new TrackedDecision(d, d.range(), false, false, brief));
        }
        return next;
    }

    /** Moves fresh decisions of every open file through the edits made since the input was taken. */
    private static void moveAll(Map<Path, List<TrackedDecision>> next, CompileInput in, List<DocumentSnapshot> docs) {
        for (DocumentSnapshot d : docs) {
            List<TrackedDecision> list = next.get(d.path());
            if (list == null) continue;
            for (TextEdits.Edit e : d.editsSince(in.seq())) moveThrough(list, e, d.source(), false);
        }
    }

    /** One function's full-detail decisions replace those inside it; the rest of its file stays. */
    private static PackageView slice(PackageView pkg, CompileInput in, FunctionSlice f, List<DocumentSnapshot> docs) {
        List<TrackedDecision> fresh = new ArrayList<>();
        for (Decision d : f.decisions()) fresh.add(new TrackedDecision(d, d.range(), false, false, false));
        TextRange function = lines(f);
        Optional<DocumentSnapshot> doc = docs.stream().filter(d -> d.path().equals(f.file())).findFirst();
        if (doc.isEmpty()) return pkg;
        for (TextEdits.Edit e : doc.get().editsSince(in.seq())) {
            moveThrough(fresh, e, doc.get().source(), false);
            function = TextEdits.map(function, e);
        }
        TextRange inside = function;
        List<TrackedDecision> next = new ArrayList<>(pkg.decisionsIn(f.file()).stream().filter(t -> !within(inside, t)).toList());
        next.addAll(fresh);
        next.sort(Comparator.comparing((TrackedDecision t) -> t.range().start()));
        return pkg.withFile(f.file(), next);
    }

    /**
     * The decisions printed before the backend (escapes, inlining, devirtualization) replace those
     * kinds everywhere; bounds checks, nil checks and copies stay until the compile ends.
     */
    private static PackageView early(PackageView pkg, CompileInput in, Outcome.Early e, List<DocumentSnapshot> docs) {
        Map<Path, List<TrackedDecision>> fresh = fresh(e.decisions(), true);
        moveAll(fresh, in, docs);
        Set<Path> files = new HashSet<>(fresh.keySet());
        files.addAll(pkg.decisions().keySet());
        Map<Path, List<TrackedDecision>> next = new HashMap<>(pkg.decisions());
        for (Path file : files) {
            List<TrackedDecision> list = new ArrayList<>();
            for (TrackedDecision t : pkg.decisionsIn(file)) if (t.decision().kind().backend()) list.add(t);
            list.addAll(fresh.getOrDefault(file, List.of()));
            list.sort(Comparator.comparing((TrackedDecision t) -> t.range().start()));
            next.put(file, List.copyOf(list));
        }
        return new PackageView(pkg.dir(), next, pkg.errors(), pkg.excluded(), pkg.toolchain(), pkg.appliedSeq(), pkg.applied(),
                pkg.testErrors(), pkg.compared(), pkg.pgo());
    }

    private static TextRange lines(FunctionSlice f) {
        return TextRange.of(f.startLine() - 1, 0, f.endLine() - 1, Integer.MAX_VALUE);
    }

    private static boolean within(TextRange function, TrackedDecision t) {
        int line = t.range().start().line();
        return function.start().line() <= line && line <= function.end().line();
    }

    /** Moves decisions through one edit; those in a function the edit touched become stale. */
    static void moveThrough(List<TrackedDecision> tracked, TextEdits.Edit e, GoSource now, boolean wholeFile) {
        TextRange edited = TextEdits.inserted(e);
        List<TextRange> touched = wholeFile
                ? List.of(new TextRange(new TextPosition(0, 0), new TextPosition(Integer.MAX_VALUE, 0)))
                : now.functionRangesOverlapping(edited);
        tracked.replaceAll(t -> {
            TextRange r = TextEdits.map(t.range(), e);
            return t.moved(r, touched.stream().anyMatch(f -> overlaps(f, r)));
        });
    }

    private static boolean overlaps(TextRange a, TextRange b) {
        return a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0;
    }
}
