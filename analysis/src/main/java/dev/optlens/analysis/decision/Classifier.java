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

    private static final Pattern CAN_INLINE = Pattern.compile("^can inline (\\S+)(?: with cost (\\d+))?(?: as: .*)?$", Pattern.DOTALL);
    private static final Pattern CANNOT_INLINE = Pattern.compile("^cannot inline (\\S+): (.*)$", Pattern.DOTALL);
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
    private static final Pattern CAN_COST = Pattern.compile("^can inline \\S+ with cost (\\d+)");

    private Classifier() {
    }

    public static Classified classify(String message) {
        // Each pattern is tried only where its fixed text is there: this runs for every line of a log.
        Matcher m;
        if (message.startsWith("can inline ") && (m = CAN_INLINE.matcher(message)).matches()) {
            return new Classified(DecisionKind.INLINE_CANDIDATE, m.group(1));
        }
        if (message.startsWith("cannot inline ") && (m = CANNOT_INLINE.matcher(message)).matches() && !message.contains(" into ")) {
            return new Classified(DecisionKind.INLINE_REFUSED, m.group(1));
        }
        if (message.startsWith("inlining call to ") && (m = INLINING_CALL.matcher(message)).matches()) {
            return new Classified(DecisionKind.INLINED_CALL, m.group(1));
        }
        if (message.startsWith("moved to heap: ") && (m = MOVED.matcher(message)).matches()) {
            return new Classified(DecisionKind.MOVED_TO_HEAP, m.group(1));
        }
        if (message.endsWith(" escapes to heap") && (m = ESCAPES.matcher(message)).matches()) {
            return new Classified(DecisionKind.HEAP_ESCAPE, m.group(1));
        }
        if (message.endsWith(" does not escape") && (m = DOES_NOT_ESCAPE.matcher(message)).matches()) {
            return new Classified(DecisionKind.NO_ESCAPE, m.group(1));
        }
        if (message.startsWith("leaking param") && (m = LEAKING.matcher(message)).matches()) {
            return new Classified(DecisionKind.LEAKING_PARAM, m.group(1));
        }
        if (message.startsWith("parameter ") && (m = PARAM_LEAKS.matcher(message)).matches()) {
            return new Classified(DecisionKind.LEAKING_PARAM, m.group(1));
        }
        if (message.contains("devirtualizing ") && (m = DEVIRT.matcher(message)).matches()) {
            return new Classified(DecisionKind.DEVIRTUALIZED, m.group(1));
        }
        if (message.startsWith("loop variable ") && (m = LOOPVAR_HEAP.matcher(message)).matches()) {
            return new Classified(DecisionKind.LOOPVAR_HEAP, m.group(1));
        }
        if (message.startsWith("Found Is") && BOUNDS.matcher(message).matches()) return new Classified(DecisionKind.BOUNDS_CHECK, "");
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
