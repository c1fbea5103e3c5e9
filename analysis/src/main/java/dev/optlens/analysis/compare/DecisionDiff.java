package dev.optlens.analysis.compare;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.gate.DecisionIdentity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The differences between two builds' decisions on the same package text, by meaning. Decisions are
 * matched at their place by the gate's identity (function, kind, message without costs, inlined
 * bodies and positions), with closures named by the function they are written in and the words
 * go1.25 added to escape lines taken out (releases name the same things differently); a match whose
 * words differ is a change (a cost). What is left on both sides about the same code — the same
 * position and the same family of decision — is a change too (escapes to heap → does not escape; can
 * inline → cannot inline); the rest is one side's only. A difference is told apart from another by
 * its identity alone, so the differences of code that moved are the same differences.
 */
public final class DecisionDiff {
    /**
     * A closure's name: the function it is written in, then its numbers. Releases name a closure copied
     * by inlining differently (go1.23: {@code Scale.Make.func1}, {@code Use.Use.func2.func4}; go1.27:
     * {@code Make.func1}, {@code Use.func2.func1}), so only the innermost named function is kept.
     */
    private static final Pattern CLOSURE = Pattern.compile("\\b(?:[\\p{L}_][\\p{L}\\p{N}_]*\\.)*?([\\p{L}_][\\p{L}\\p{N}_]*)\\.func\\d+(?:\\.func\\d+|\\.\\d+)*\\b");

    /**
     * Words go1.25 added to escape analysis' lines without changing what they say: the function the
     * flow was analysed for ({@code parameter dst leaks to ~r0 for appendString[string] with derefs=0},
     * {@code func literal escapes to heap in Make}).
     */
    private static final Pattern LEAK_FOR = Pattern.compile("^(parameter \\S+ leaks to .+?) for .+? with derefs");
    private static final Pattern ESCAPES_IN = Pattern.compile("escapes to heap in \\S.*$");

    private DecisionDiff() {
    }

    /** Build A's and build B's decisions on one package, compared. */
    public static List<Difference> compare(List<Decision> a, List<Decision> b) {
        List<Difference> out = new ArrayList<>();
        // Both builds compiled the same text: a decision is matched at its place. (Matched by ordinal,
        // a check that appears before an equal one in the function would shift every match after it.)
        List<List<Decision>> left = match(unique(a), unique(b), out);
        // What is left of B by place: a package can differ in thousands of decisions between releases.
        Map<String, List<Decision>> leftB = new LinkedHashMap<>();
        for (Decision y : left.get(1)) leftB.computeIfAbsent(place(y), k -> new ArrayList<>()).add(y);
        for (Decision x : left.get(0)) {
            // About the same code; of several (go1.27 says "make(…) does not escape" and "append does not
            // escape" where go1.23 said "make(…) escapes to heap"), the one about the same thing.
            List<Decision> here = leftB.getOrDefault(place(x), List.of());
            List<Decision> candidates = here.stream().filter(y -> sameCode(x, y)).toList();
            Optional<Decision> same = candidates.stream().filter(y -> !x.subject().isEmpty() && x.subject().equals(y.subject())).findFirst()
                    .or(() -> candidates.stream().findFirst());
            if (same.isPresent()) {
                here.remove(same.get());
                out.add(new Difference(x.function(), Difference.Change.CHANGED, Optional.of(x), same));
            } else {
                out.add(new Difference(x.function(), Difference.Change.ONLY_A, Optional.of(x), Optional.empty()));
            }
        }
        leftB.values().forEach(ys -> ys.forEach(y -> out.add(new Difference(y.function(), Difference.Change.ONLY_B, Optional.empty(),
                Optional.of(y)))));
        out.sort(Comparator.comparing(Difference::function)
                .thenComparing(d -> d.where().file().getFileName().toString())
                .thenComparingInt(d -> d.where().line())
                .thenComparingInt(d -> d.where().column())
                .thenComparing(d -> d.change().ordinal()));
        return out;
    }

    /** Pairs decisions with the same identity at the same place; a pair whose words differ is a change. Returns what is left of A and of B. */
    private static List<List<Decision>> match(List<Decision> a, List<Decision> b, List<Difference> out) {
        Map<String, Deque<Decision>> byKeyA = keyed(a);
        Map<String, Deque<Decision>> byKeyB = keyed(b);
        List<Decision> leftA = new ArrayList<>();
        byKeyA.forEach((key, as) -> {
            Deque<Decision> bs = byKeyB.getOrDefault(key, new ArrayDeque<>());
            while (!as.isEmpty() && !bs.isEmpty()) {
                Decision x = as.poll();
                Decision y = bs.poll();
                if (!comparable(x).equals(comparable(y))) {
                    out.add(new Difference(y.function(), Difference.Change.CHANGED, Optional.of(x), Optional.of(y)));
                }
            }
            leftA.addAll(as);
        });
        List<Decision> leftB = new ArrayList<>();
        byKeyB.values().forEach(leftB::addAll);
        return List.of(leftA, leftB);
    }

    /** The message as identities compare it, with closure numbers and release wording taken out. */
    static String normalized(String message) {
        return normalizedWords(DecisionIdentity.normalize(message));
    }

    /** The words that tell two matched decisions apart: costs, levels and derefs, not closure numbers. */
    private static String comparable(Decision d) {
        return normalizedWords(Difference.words(d));
    }

    /** Words without an inlined body, closures named by where they are written: what a change in costs shows in. */
    static String normalizedWords(String words) {
        String w = CLOSURE.matcher(words).replaceAll("$1.func");
        w = LEAK_FOR.matcher(w).replaceFirst("$1 with derefs");
        return ESCAPES_IN.matcher(w).replaceFirst("escapes to heap");
    }

    /** A decision's identity: function, kind, normalized message. */
    private static String base(Decision d) {
        return d.function() + '\u001f' + d.kind().id() + '\u001f' + normalized(d.message());
    }

    private static String place(Decision d) {
        return d.file() + ":" + d.line() + ":" + d.column();
    }

    /**
     * The decisions in source order, one that says the same of the same place as an earlier one left
     * out: go1.23 says "can inline Make.func1" and "can inline Scale.Make.func1" of one closure where
     * go1.27 says the first twice (and optlens keeps it once).
     */
    private static List<Decision> unique(List<Decision> decisions) {
        List<Decision> sorted = new ArrayList<>(decisions);
        sorted.sort(Comparator.comparing((Decision d) -> d.file().getFileName().toString())
                .thenComparingInt(Decision::line).thenComparingInt(Decision::column));
        java.util.Set<String> seen = new java.util.HashSet<>();
        return sorted.stream().filter(d -> seen.add(base(d) + '\u001f' + place(d))).toList();
    }

    /** The decisions by identity and place, in source order. */
    private static Map<String, Deque<Decision>> keyed(List<Decision> decisions) {
        Map<String, Deque<Decision>> out = new LinkedHashMap<>();
        for (Decision d : decisions) out.computeIfAbsent(base(d) + '\u001f' + place(d), k -> new ArrayDeque<>()).add(d);
        return out;
    }

    /** Two decisions about the same code: same function, file and position, same family of decision. */
    private static boolean sameCode(Decision x, Decision y) {
        return x.function().equals(y.function()) && x.file().equals(y.file()) && x.line() == y.line()
                && x.column() == y.column() && family(x.kind()) == family(y.kind());
    }

    private enum Family { ESCAPE, INLINE, CALL, OTHER }

    private static Family family(DecisionKind kind) {
        return switch (kind) {
            case HEAP_ESCAPE, NO_ESCAPE, MOVED_TO_HEAP, LOOPVAR_HEAP, LEAKING_PARAM -> Family.ESCAPE;
            case INLINE_CANDIDATE, INLINE_REFUSED -> Family.INLINE;
            case INLINED_CALL, CALL_NOT_INLINED, DEVIRTUALIZED -> Family.CALL;
            default -> Family.OTHER;
        };
    }
}
