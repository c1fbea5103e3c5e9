package dev.optlens.analysis.decision;

import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.List;

/**
 * One optimization decision of the compiler, placed on the source.
 *
 * @param file        the source file
 * @param line        1-based line as the compiler printed it
 * @param column      1-based byte column as the compiler printed it
 * @param range       the syntax the decision talks about, in editor coordinates (0-based, UTF-16)
 * @param kind        the decision kind
 * @param message     the compiler's headline, verbatim
 * @param function    the enclosing top-level function ({@code Double}, {@code (*T).M}), empty at package level
 * @param subject     the name or expression the headline is about, as it prints it ({@code p}, {@code &T{...}},
 *                    the callee of an inlined call); empty when it names none (see {@link Classifier})
 * @param explanation the -m=2 explanation lines, each with its location
 * @param inlinedFrom where inside inlined code the decision was made (innermost first), empty when not inlined
 * @param allocation  for a heap decision, what it costs at run time as the compiler's flow and assembly show
 */
public record Decision(Path file, int line, int column, TextRange range, DecisionKind kind, String message,
                       String function, String subject, List<ExplanationStep> explanation, List<InlineSite> inlinedFrom,
                       Allocation allocation) {
    public Decision {
        explanation = List.copyOf(explanation);
        inlinedFrom = List.copyOf(inlinedFrom);
    }

    /** A decision whose run-time cost is not known. */
    public Decision(Path file, int line, int column, TextRange range, DecisionKind kind, String message,
                    String function, String subject, List<ExplanationStep> explanation, List<InlineSite> inlinedFrom) {
        this(file, line, column, range, kind, message, function, subject, explanation, inlinedFrom, Allocation.UNKNOWN);
    }

    public Decision withExplanation(List<ExplanationStep> steps) {
        return new Decision(file, line, column, range, kind, message, function, subject, steps, inlinedFrom, allocation);
    }

    public Decision withRange(TextRange r) {
        return new Decision(file, line, column, r, kind, message, function, subject, explanation, inlinedFrom, allocation);
    }

    /**
     * The same decision with every position in {@code in} after 1-based line {@code afterLine} moved by
     * {@code delta} lines: where it sits, its range, its explanation's steps and its inline chain, as a
     * compile of the text with lines inserted ({@code delta > 0}) or removed there would print them.
     */
    public Decision shiftedLines(Path in, int afterLine, int delta) {
        if (delta == 0) return this;
        boolean here = file.equals(in);
        int shiftedLine = here && line > afterLine ? line + delta : line;
        TextRange r = range;
        if (here && range.start().line() + 1 > afterLine) {
            r = TextRange.of(range.start().line() + delta, range.start().character(), range.end().line() + delta, range.end().character());
        }
        List<ExplanationStep> steps = explanation.stream().map(st -> st.file().equals(java.util.Optional.of(in)) && st.line() > afterLine
                ? new ExplanationStep(st.message(), st.file(), st.line() + delta, st.column()) : st).toList();
        List<InlineSite> sites = inlinedFrom.stream().map(st -> st.file().equals(in) && st.line() > afterLine
                ? new InlineSite(st.file(), st.line() + delta, st.column()) : st).toList();
        return new Decision(file, shiftedLine, column, r, kind, message, function, subject, steps, sites, allocation);
    }

    /** A heap allocation that happens at run time as far as the compiler's output tells (see {@link Allocation#counts}). */
    public boolean allocatesOnHeap() {
        return kind.isHeapAllocation() && allocation.counts();
    }
}
