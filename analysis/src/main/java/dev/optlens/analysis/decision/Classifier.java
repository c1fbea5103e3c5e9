package dev.optlens.analysis.decision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a compiler headline (the text after {@code file:line:col: }) to a decision kind and the
 * subject text it names. Patterns follow the messages of cmd/compile's inline, escape, devirtualize
 * and loopvar passes and of check_bce's debug output; anything unrecognized is {@link DecisionKind#OTHER}, never dropped.
 */
public final class Classifier {
    /** A classified headline: its kind and the name or expression the message is about. */
    public record Classified(DecisionKind kind, String subject) {
    }

    private static final Pattern CAN_INLINE = Pattern.compile("^can inline (.+?)(?: with cost (\\d+))?(?: as: .*)?$", Pattern.DOTALL);
    private static final Pattern CANNOT_INLINE = Pattern.compile("^cannot inline (.+?): (.*)$", Pattern.DOTALL);
    /** A call site's refusal: {@code cannot inline F into G: reason} (recursion, a big caller's smaller budget, ...). */
    private static final Pattern CANNOT_INLINE_INTO = Pattern.compile("^cannot inline (.+?) into (.+?): (.*)$", Pattern.DOTALL);
    private static final Pattern INLINING_CALL = Pattern.compile("^inlining call to (.*)$");
    private static final Pattern ESCAPES = Pattern.compile("^(.*) escapes to heap$");
    private static final Pattern DOES_NOT_ESCAPE = Pattern.compile("^(.*) does not escape$");
    private static final Pattern MOVED = Pattern.compile("^moved to heap: (.*)$");
    private static final Pattern LEAKING = Pattern.compile("^leaking param(?: content)?: (\\S+)(?: to result .*)?$");
    private static final Pattern PARAM_LEAKS = Pattern.compile("^parameter (\\S+) leaks to .*$");
    private static final Pattern DEVIRT = Pattern.compile("^(?:partially )?devirtualizing (.*) to .*$");
    private static final Pattern LOOPVAR_HEAP = Pattern.compile("^loop variable (\\S+) now per-iteration, heap-allocated.*$");
    private static final Pattern BOUNDS = Pattern.compile("^Found Is(?:Slice)?InBounds$");
    private static final Pattern COST = Pattern.compile("cost (\\d+) exceeds budget (\\d+)");
    private static final Pattern CAN_COST = Pattern.compile("^can inline .+? with cost (\\d+)");

    private Classifier() {
    }

    /**
     * One pattern: tried only when the message has the pattern's fixed text (the guard), since this
     * runs for every line of a log. {@code group} is the subject's group, 0 for none.
     */
    private record Rule(java.util.function.Predicate<String> guard, Pattern pattern, DecisionKind kind, int group) {
    }

    /** In order: the first rule whose guard and pattern match decides. */
    private static final java.util.List<Rule> RULES = java.util.List.of(
            new Rule(m -> m.startsWith("can inline "), CAN_INLINE, DecisionKind.INLINE_CANDIDATE, 1),
            new Rule(m -> m.startsWith("cannot inline ") && !m.contains(" into "), CANNOT_INLINE, DecisionKind.INLINE_REFUSED, 1),
            new Rule(m -> m.startsWith("cannot inline ") && m.contains(" into "), CANNOT_INLINE_INTO, DecisionKind.CALL_NOT_INLINED, 1),
            new Rule(m -> m.startsWith("inlining call to "), INLINING_CALL, DecisionKind.INLINED_CALL, 1),
            new Rule(m -> m.startsWith("moved to heap: "), MOVED, DecisionKind.MOVED_TO_HEAP, 1),
            new Rule(m -> m.endsWith(" escapes to heap"), ESCAPES, DecisionKind.HEAP_ESCAPE, 1),
            new Rule(m -> m.endsWith(" does not escape"), DOES_NOT_ESCAPE, DecisionKind.NO_ESCAPE, 1),
            new Rule(m -> m.startsWith("leaking param"), LEAKING, DecisionKind.LEAKING_PARAM, 1),
            new Rule(m -> m.startsWith("parameter "), PARAM_LEAKS, DecisionKind.LEAKING_PARAM, 1),
            new Rule(m -> m.contains("devirtualizing "), DEVIRT, DecisionKind.DEVIRTUALIZED, 1),
            new Rule(m -> m.startsWith("loop variable "), LOOPVAR_HEAP, DecisionKind.LOOPVAR_HEAP, 1),
            new Rule(m -> m.startsWith("Found Is"), BOUNDS, DecisionKind.BOUNDS_CHECK, 0));

    public static Classified classify(String message) {
        for (Rule r : RULES) {
            if (!r.guard().test(message)) continue;
            Matcher m = r.pattern().matcher(message);
            if (m.matches()) return new Classified(r.kind(), r.group() == 0 ? "" : m.group(r.group()));
        }
        return new Classified(DecisionKind.OTHER, "");
    }

    /** The inline cost stated in an inline decision's message, if any. */
    public static java.util.OptionalInt cost(String message) {
        Matcher m = CAN_COST.matcher(message);
        if (m.find()) return java.util.OptionalInt.of(Integer.parseInt(m.group(1)));
        m = COST.matcher(message);
        if (m.find()) return java.util.OptionalInt.of(Integer.parseInt(m.group(1)));
        return java.util.OptionalInt.empty();
    }

    /** The inline budget stated in a refusal ("cost 81 exceeds budget 80"), if any. */
    public static java.util.OptionalInt budget(String message) {
        Matcher m = COST.matcher(message);
        return m.find() ? java.util.OptionalInt.of(Integer.parseInt(m.group(2))) : java.util.OptionalInt.empty();
    }
}
