package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.SourceEdit;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fixes for the gate, as source edits: on a line whose decisions the compiler keeps (nothing escapes,
 * every call inlined, no bounds check) "assert this stays on the stack / inlines / has no bounds
 * check" writes the assertion; on a function the compiler can inline, "assert it inlines everywhere";
 * on an assertion, "remove assertion". An assertion is offered only where it holds now: a fix never
 * writes a failing gate.
 */
public final class AssertionFixes {
    /** One fix: its title and the edit of the file it makes. */
    public record Fix(String title, SourceEdit edit) {
    }

    private AssertionFixes() {
    }

    /**
     * The fixes for lines {@code from..to} (0-based) of a parsed file.
     *
     * @param assertions the file's assertions with their verdicts
     * @param decisions  the file's current decisions (ranges as the text is now; none that an edit made stale)
     * @param compiled   whether the package has decisions yet: before, only removals are offered
     */
    public static List<Fix> fixes(GoSource source, List<AssertionResult> assertions, List<Decision> decisions, boolean compiled,
                                  int from, int to) {
        LineIndex lines = source.lines();
        List<Fix> out = new ArrayList<>();
        for (AssertionResult a : assertions) {
            int line = a.assertion().range().start().line();
            if (line >= from && line <= to) out.add(remove(source, a.assertion()));
        }
        if (!compiled) return out;
        for (int line = from; line <= to && line < lines.lineCount(); line++) {
            final int l = line;
            List<Decision> on = decisions.stream().filter(d -> d.range().start().line() == l).toList();
            if (on.isEmpty()) continue;
            Optional<GoFunction> declared = source.functions().stream().filter(f -> f.nameRange().start().line() == l).findFirst();
            if (declared.isPresent() && !asserted(assertions, l, Assertion.Kind.INLINE)
                    && on.stream().anyMatch(d -> d.kind() == DecisionKind.INLINE_CANDIDATE && d.range().equals(declared.get().nameRange()))) {
                out.add(insert(source, "Assert " + declared.get().name() + " inlines wherever it is called (//optlens:inline)",
                        declared.get().range().start().line(), "inline", true));
                continue;
            }
            if (!asserted(assertions, l, Assertion.Kind.NOESCAPE) && on.stream().anyMatch(d -> d.kind() == DecisionKind.NO_ESCAPE)
                    && on.stream().noneMatch(d -> d.kind().isHeapAllocation() || d.kind() == DecisionKind.LOOPVAR_HEAP)) {
                out.add(insert(source, "Assert this stays on the stack (//optlens:noescape)", l, "noescape", false));
            }
            List<GoCalls.Call> calls = GoCalls.onLine(source, l, java.util.Set.of());
            if (!calls.isEmpty() && !asserted(assertions, l, Assertion.Kind.INLINE) && calls.stream().allMatch(c -> on.stream()
                    .anyMatch(d -> d.kind() == DecisionKind.INLINED_CALL && d.range().equals(c.range())))) {
                out.add(insert(source, "Assert " + (calls.size() == 1 ? "this call inlines" : "these calls inline") + " (//optlens:inline)",
                        l, "inline", false));
            }
        }
        // A line with an index and no bounds check: no decision marks it, so look at the syntax.
        for (int line = from; line <= to && line < lines.lineCount(); line++) {
            final int l = line;
            if (asserted(assertions, l, Assertion.Kind.NOBCE) || !GoCalls.indexesOn(source, l)) continue;
            boolean checked = decisions.stream().anyMatch(d -> d.range().start().line() == l && d.kind() == DecisionKind.BOUNDS_CHECK);
            boolean inFunction = source.functions().stream().anyMatch(f -> f.range().start().line() < l && f.range().end().line() >= l);
            if (!checked && inFunction) out.add(insert(source, "Assert this line has no bounds check (//optlens:nobce)", l, "nobce", false));
        }
        return out;
    }

    /** Whether the line already carries an assertion of the kind (in either dialect). */
    private static boolean asserted(List<AssertionResult> assertions, int line, Assertion.Kind kind) {
        return assertions.stream().anyMatch(a -> a.assertion().line() == line && a.assertion().kind() == kind);
    }

    /**
     * Writes {@code //optlens:WORD} for a line: appended to the line's own {@code //optlens:} comment, else
     * as a comment at its end, else (the line ends in another comment, or the assertion is about a
     * function) on a line of its own above, indented like it.
     */
    private static Fix insert(GoSource source, String title, int line, String word, boolean above) {
        LineIndex lines = source.lines();
        String text = source.lineText(line);
        int directive = text.indexOf(AssertionParser.OPTLENS);
        int end = lines.lineContentEnd(line) - (text.length() - text.stripTrailing().length());
        TextPosition lineEnd = lines.positionOf(end);
        SourceEdit edit;
        if (!above && directive >= 0) {
            String list = text.stripTrailing();
            edit = new SourceEdit(new TextRange(lineEnd, lineEnd), list.endsWith(":") ? word : "," + word);
        } else if (above || text.contains("//") || text.contains("/*")) {
            String indent = text.substring(0, text.length() - text.stripLeading().length());
            TextPosition start = new TextPosition(line, 0);
            edit = new SourceEdit(new TextRange(start, start), indent + AssertionParser.OPTLENS + word + "\n");
        } else {
            edit = new SourceEdit(new TextRange(lineEnd, lineEnd), " " + AssertionParser.OPTLENS + word);
        }
        return new Fix(title, edit);
    }

    /**
     * Removes an assertion: its item from a list, or its directive (the whole comment when that is all
     * it holds, and the line when it stands alone; words after a gcassert directive stay).
     */
    private static Fix remove(GoSource source, Assertion a) {
        LineIndex lines = source.lines();
        String title = "Remove assertion " + a.written();
        int line = a.range().start().line();
        String text = source.lineText(line);
        int commentAt;
        int end;
        if (a.dialect() == Assertion.Dialect.GCASSERT) {
            java.util.regex.Matcher m = AssertionParser.GCASSERT.matcher(text);
            if (!m.find()) return new Fix(title, new SourceEdit(a.range(), ""));
            commentAt = m.start();
            end = m.end();
        } else {
            commentAt = Math.max(0, text.lastIndexOf(AssertionParser.OPTLENS));
            end = text.stripTrailing().length(); // an optlens directive's items run to the end of its comment
        }
        String directive = text.substring(commentAt, end);
        String head = directive.substring(0, directive.indexOf(':') + 1);
        String items = directive.substring(head.length()).strip();
        String item = a.written().substring(a.written().indexOf(':') + 1); // as written: gcassert's "bce" stays "bce"
        boolean more = !text.substring(end).isBlank();
        SourceEdit edit;
        if (items.contains(",")) {
            // Drop the item and one comma beside it.
            String kept = java.util.Arrays.stream(items.split(",")).map(String::strip).filter(x -> !x.equals(item))
                    .reduce((x, y) -> x + "," + y).orElse("");
            edit = new SourceEdit(span(lines, line, text, commentAt, end), head + kept);
        } else if (more) {
            edit = new SourceEdit(span(lines, line, text, commentAt, end), "//");
        } else if (text.substring(0, commentAt).isBlank()) {
            edit = new SourceEdit(new TextRange(new TextPosition(line, 0), new TextPosition(line + 1, 0)), "");
        } else {
            int from = text.substring(0, commentAt).stripTrailing().length();
            edit = new SourceEdit(span(lines, line, text, from, text.length()), "");
        }
        return new Fix(title, edit);
    }

    private static TextRange span(LineIndex lines, int line, String text, int from, int to) {
        return new TextRange(position(lines, line, text, from), position(lines, line, text, to));
    }

    /** The position of a character index of a line's text (UTF-16, as the line was read). */
    private static TextPosition position(LineIndex lines, int line, String text, int index) {
        int bytes = text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
        return lines.positionOf(lines.lineStart(line) + bytes);
    }
}
