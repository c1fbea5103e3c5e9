package dev.optlens.analysis.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiler's escape explanation read as paths: each block ({@code X escapes to heap:} and the
 * {@code flow:} and {@code from … (reason)} lines under it) is one path from the value to where it
 * goes; the last hop names the sink (a result, the heap, a closure). Only the compiler's own lines are
 * read: nothing is inferred that it did not print.
 */
public final class EscapeFlow {
    /** {@code flow: DEST = SRC:}; from go1.26 the compiler writes {@code flow: DEST ← SRC:}. */
    public static final Pattern FLOW = Pattern.compile("^flow: (.*?) (?:=|←) (.*?):?$");
    private static final Pattern FROM = Pattern.compile("^from (.*) \\(([^()]*)\\)$");
    private static final Pattern RESULT = Pattern.compile("~r(\\d+)");
    private static final Pattern TEMP = Pattern.compile("\\.autotmp_\\d+");
    private static final Pattern STORAGE = Pattern.compile("&?\\{storage for ([^{}]*(?:\\{[^{}]*}[^{}]*)*)}");

    /** One hop: {@code from TEXT (REASON)} at a place. */
    public record Hop(String text, String reason, ExplanationStep step) {
    }

    /** One path: its header (empty when the block had none), its flows' destinations in order, and its hops. */
    public record Path(Optional<ExplanationStep> header, List<String> destinations, List<ExplanationStep> steps, List<Hop> hops) {
        /** Where the value ends up: the last flow's destination ({@code {heap}}, {@code ~r0}, …). */
        public String sink() {
            return destinations.isEmpty() ? "" : destinations.get(destinations.size() - 1);
        }

        /** The hop that takes it there: the last one. */
        public Optional<Hop> last() {
            return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
        }

        public boolean has(String reason) {
            return hops.stream().anyMatch(h -> h.reason().equals(reason));
        }

        /** Whether it ends as the value passed to {@code panic}. */
        public boolean endsInPanic() {
            return last().map(h -> h.reason().equals("call parameter") && callee(h.text()).equals("panic")).orElse(false);
        }
    }

    private EscapeFlow() {
    }

    /** The paths of an explanation; empty when it has no flow lines. */
    public static List<Path> paths(List<ExplanationStep> explanation) {
        List<Path> out = new ArrayList<>();
        Optional<ExplanationStep> header = Optional.empty();
        List<String> dests = new ArrayList<>();
        List<ExplanationStep> steps = new ArrayList<>();
        List<Hop> hops = new ArrayList<>();
        for (ExplanationStep s : explanation) {
            String m = s.message().strip();
            Matcher flow = FLOW.matcher(m);
            Matcher from = FROM.matcher(m);
            if (flow.matches()) {
                dests.add(flow.group(1));
                steps.add(s);
            } else if (from.matches()) {
                hops.add(new Hop(from.group(1), from.group(2), s));
                steps.add(s);
            } else {
                // A header starts the next path.
                if (!steps.isEmpty()) out.add(new Path(header, List.copyOf(dests), List.copyOf(steps), List.copyOf(hops)));
                header = Optional.of(s);
                dests.clear();
                steps.clear();
                hops.clear();
            }
        }
        if (!steps.isEmpty()) out.add(new Path(header, List.copyOf(dests), List.copyOf(steps), List.copyOf(hops)));
        return out;
    }

    /**
     * The compiler's notation in words: {@code ~r0} the result, {@code .autotmp_4} a temporary,
     * {@code {storage for X}} X's backing store, {@code {heap}} the heap.
     */
    public static String inWords(String s) {
        String out = STORAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'s backing store"));
        out = RESULT.matcher(out).replaceAll(m -> m.group(1).equals("0") ? "the result" : "result " + (Integer.parseInt(m.group(1)) + 1));
        out = TEMP.matcher(out).replaceAll("a temporary");
        return out.replace("{heap}", "the heap");
    }

    /** The called function of a call's text ({@code fmt.Sprint(... argument...)} is {@code fmt.Sprint}). */
    public static String callee(String callText) {
        int paren = callText.indexOf('(');
        return paren > 0 ? callText.substring(0, paren) : callText;
    }
}
