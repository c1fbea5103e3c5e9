package dev.optlens.analysis.compare;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.gate.DecisionIdentity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The differences between two builds' decisions on the same package, by meaning. Decisions are
 * matched by the gate's line-independent identity (function, kind, message without costs, inlined
 * bodies and positions, ordinal), with closures named by the function they are written in (releases
 * name and number them differently); a match whose words differ is a change (a cost). What is left
 * on both sides about the same code — the same position and the same family of decision — is a change
 * too (escapes to heap → does not escape; can inline → cannot inline); the rest is one side's only.
 */
public final class DecisionDiff {
    /**
     * A closure's name: the function it is written in, then its numbers. Releases name a closure copied
     * by inlining differently (go1.23: {@code Scale.Make.func1}, {@code Use.Use.func2.func4}; go1.27:
     * {@code Make.func1}, {@code Use.func2.func1}), so only the innermost named function is kept.
     */
    private static final Pattern CLOSURE = Pattern.compile("\\b(?:[\\p{L}_][\\p{L}\\p{N}_]*\\.)*?([\\p{L}_][\\p{L}\\p{N}_]*)\\.func\\d+(?:\\.func\\d+|\\.\\d+)*\\b");

    private DecisionDiff() {
    }

    /** Build A's and build B's decisions on one package, compared. */
    public static List<Difference> compare(List<Decision> a, List<Decision> b) {
        Map<String, Deque<Decision>> byKeyA = keyed(a);
        Map<String, Deque<Decision>> byKeyB = keyed(b);
        List<Difference> out = new ArrayList<>();
        List<Decision> leftA = new ArrayList<>();
        List<Decision> leftB = new ArrayList<>();
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
        byKeyB.values().forEach(leftB::addAll);
        for (Decision x : leftA) {
            Optional<Decision> same = leftB.stream().filter(y -> sameCode(x, y)).findFirst();
            if (same.isPresent()) {
                leftB.remove(same.get());
                out.add(new Difference(x.function(), Difference.Change.CHANGED, Optional.of(x), same));
            } else {
                out.add(new Difference(x.function(), Difference.Change.ONLY_A, Optional.of(x), Optional.empty()));
            }
        }
        for (Decision y : leftB) out.add(new Difference(y.function(), Difference.Change.ONLY_B, Optional.empty(), Optional.of(y)));
        out.sort(Comparator.comparing(Difference::function)
                .thenComparing(d -> d.where().file().getFileName().toString())
                .thenComparingInt(d -> d.where().line())
                .thenComparingInt(d -> d.where().column())
                .thenComparing(d -> d.change().ordinal()));
        return out;
    }

    /** The message as identities compare it, with closure numbers taken out. */
    static String normalized(String message) {
        return CLOSURE.matcher(DecisionIdentity.normalize(message)).replaceAll("$1.func");
    }

    /** The words that tell two matched decisions apart: costs, levels and derefs, not closure numbers. */
    private static String comparable(Decision d) {
        return CLOSURE.matcher(Difference.words(d)).replaceAll("$1.func");
    }

    /**
     * Each decision under its identity (function, kind, normalized message, ordinal among equal ones in
     * source order), in source order; one that says the same of the same place as an earlier one is
     * that one.
     */
    private static Map<String, Deque<Decision>> keyed(List<Decision> decisions) {
        List<Decision> sorted = new ArrayList<>(decisions);
        sorted.sort(Comparator.comparing((Decision d) -> d.file().getFileName().toString())
                .thenComparingInt(Decision::line).thenComparingInt(Decision::column));
        Map<String, Deque<Decision>> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (Decision d : sorted) {
            String base = d.function() + '\u001f' + d.kind().id() + '\u001f' + normalized(d.message());
            // One decision once: go1.23 says "can inline Make.func1" and "can inline Scale.Make.func1" of
            // one closure where go1.27 says the first twice (and optlens keeps it once).
            if (!placed.add(base + '\u001f' + d.file() + ':' + d.line() + ':' + d.column())) continue;
            int ordinal = seen.merge(base, 1, Integer::sum) - 1;
            out.computeIfAbsent(base + '\u001f' + ordinal, k -> new ArrayDeque<>()).add(d);
        }
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
