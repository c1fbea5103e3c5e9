package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;

import java.util.List;

/**
 * Whether an assertion holds, and if not what the compiler decided instead.
 *
 * @param verdict  holds, violated, or invalid (the directive cannot be checked)
 * @param message  one line for people: what was asserted and, when violated, what the compiler decided
 * @param evidence the compiler's decisions that violate it (their explanations say why)
 * @param sites    for a violated inline assertion: the calls that were not inlined
 */
public record AssertionResult(Assertion assertion, Verdict verdict, String message, List<Decision> evidence,
                              List<CallSite> sites) {
    public AssertionResult {
        evidence = List.copyOf(evidence);
        sites = List.copyOf(sites);
    }

    public enum Verdict {
        HOLDS, VIOLATED, INVALID
    }

    /** A call that was not inlined, where it is. */
    public record CallSite(java.nio.file.Path file, dev.optlens.analysis.syntax.TextRange range, String callee) {
    }

    public boolean holds() {
        return verdict == Verdict.HOLDS;
    }

    /** The message with the explanation of each violating decision, as a review comment would read. */
    public String explained() {
        StringBuilder out = new StringBuilder(message);
        for (Decision d : evidence) {
            if (d.explanation().isEmpty()) continue;
            out.append("\n").append(d.message()).append(":");
            d.explanation().forEach(s -> out.append("\n  ").append(s.message().strip()));
        }
        return out.toString();
    }
}
