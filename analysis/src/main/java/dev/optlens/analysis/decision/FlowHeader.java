package dev.optlens.analysis.decision;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of an escape explanation block in {@code -m=2} text: what the {@code flow:} /
 * {@code from ... at} lines under it explain. The escape pass prints two forms, and go1.25 added the
 * enclosing function to both (cmd/compile/internal/escape/solve.go):
 * <ul>
 * <li>{@code X escapes to heap:} / {@code X escapes to heap in F:} explains the headline
 *     {@code X escapes to heap} or {@code moved to heap: X} (or a loop variable made per-iteration
 *     on the heap) at the same position;</li>
 * <li>{@code parameter p leaks to SINK with derefs=N:} / {@code parameter p leaks to SINK for F with derefs=N:}
 *     explains {@code leaking param[ content]: p ...} at the same position.</li>
 * </ul>
 * A header is never a decision of its own: it is matched to its headline by position and subject,
 * whichever comes first in the text and however many blocks share the position.
 *
 * @param explains the kind of headline it explains ({@link DecisionKind#OTHER} for a form we do not know)
 * @param subject  the expression, variable or parameter it is about, as the compiler printed it
 * @param text     the header without its trailing colon, verbatim
 * @param sink     where a parameter leaks ({@code {heap}} or a result's name); empty for escapes
 * @param derefs   how many dereferences the leak takes, -1 for escapes
 */
public record FlowHeader(DecisionKind explains, String subject, String text, String sink, int derefs) {
    private static final String ESCAPES = " escapes to heap";
    private static final String ESCAPES_IN = ESCAPES + " in ";
    private static final Pattern PARAMETER = Pattern.compile("^parameter (\\S+) leaks to (\\S+)(?: for .*)? with derefs=(-?\\d+)$", Pattern.DOTALL);
    private static final String HEAP = "{heap}";

    /**
     * The header a line of text is, if it is one.
     *
     * @param message        the text after {@code file:line:col: }
     * @param followedBySteps whether indented explanation lines at its position follow it; an unknown
     *                        form ending in ':' counts as a header only then
     */
    public static Optional<FlowHeader> parse(String message, boolean followedBySteps) {
        if (!message.endsWith(":")) return Optional.empty();
        String text = message.substring(0, message.length() - 1);
        if (text.endsWith(ESCAPES)) {
            return Optional.of(escape(text.substring(0, text.length() - ESCAPES.length()), text));
        }
        // The function name never holds the phrase; the subject (a string literal) might, so take the last one.
        int in = text.lastIndexOf(ESCAPES_IN);
        if (in > 0) return Optional.of(escape(text.substring(0, in), text));
        if (text.startsWith("parameter ")) {
            Matcher m = PARAMETER.matcher(text);
            if (m.matches()) {
                return Optional.of(new FlowHeader(DecisionKind.LEAKING_PARAM, m.group(1), text, m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return followedBySteps ? Optional.of(new FlowHeader(DecisionKind.OTHER, "", text, "", -1)) : Optional.empty();
    }

    private static FlowHeader escape(String subject, String text) {
        return new FlowHeader(DecisionKind.HEAP_ESCAPE, subject, text, "", -1);
    }

    /**
     * Among several headlines about the same parameter, whether this is the one this leak explains
     * (cmd/compile/internal/escape reportLeaks): a leak to the heap with no dereference is
     * {@code leaking param: p}, with some {@code leaking param content: p}; a leak to result r is
     * {@code leaking param: p to result r level=N}. Escapes have one headline per subject.
     */
    public boolean fits(String headline) {
        if (explains != DecisionKind.LEAKING_PARAM) return true;
        if (sink.equals(HEAP)) {
            return derefs == 0 ? headline.equals("leaking param: " + subject) : headline.startsWith("leaking param content: ");
        }
        return headline.contains(" to result " + sink + " level=");
    }

    /** Whether this block can explain a headline of this kind. */
    public boolean explainsKind(DecisionKind headline) {
        return switch (explains) {
            case HEAP_ESCAPE -> headline == DecisionKind.HEAP_ESCAPE || headline == DecisionKind.MOVED_TO_HEAP
                    || headline == DecisionKind.LOOPVAR_HEAP;
            case LEAKING_PARAM -> headline == DecisionKind.LEAKING_PARAM;
            default -> false;
        };
    }

    /** Whether this block explains a headline of this kind about exactly this subject. */
    public boolean explains(DecisionKind headline, String headlineSubject) {
        return explainsKind(headline) && subject.equals(headlineSubject);
    }

    /**
     * Whether the headline's subject names the call this header's subject spells out: since go1.25 the
     * backing store of an {@code append} is headed {@code append(dst, x...) escapes to heap in F} and
     * headlined {@code append escapes to heap}.
     */
    public boolean explainsCallee(DecisionKind headline, String headlineSubject) {
        return explainsKind(headline) && !headlineSubject.isEmpty() && subject.startsWith(headlineSubject + "(");
    }
}
