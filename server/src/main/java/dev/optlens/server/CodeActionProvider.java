package dev.optlens.server;

import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.gate.Assertion;
import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quick fixes for the gate: on a line whose decisions the compiler keeps (nothing escapes, every call
 * inlined, no bounds check) "assert this stays on the stack / inlines / has no bounds check" writes
 * the assertion; on a function the compiler can inline, "assert it inlines everywhere"; on an
 * assertion, "remove assertion". An assertion is offered only where it holds now: the fix never
 * writes a failing gate.
 */
final class CodeActionProvider {
    private final ServerContext ctx;

    CodeActionProvider(ServerContext ctx) {
        this.ctx = ctx;
    }

    List<CodeAction> actions(CodeActionParams params) {
        WorkspaceState view = ctx.workspace.view();
        Optional<DocumentSnapshot> found = view.document(params.getTextDocument().getUri());
        if (found.isEmpty() || !found.get().source().isParsed()) return List.of();
        DocumentSnapshot doc = found.get();
        GoSource source = doc.source();
        LineIndex lines = source.lines();
        TextRange asked = ctx.codec().fromProtocol(lines, params.getRange());
        List<CodeAction> out = new ArrayList<>();
        GateView.DocumentGate gate = ctx.gate.of(view, doc);

        for (AssertionResult a : gate.assertions()) {
            int line = a.assertion().range().start().line();
            if (line >= asked.start().line() && line <= asked.end().line()) out.add(remove(doc, a.assertion()));
        }
        if (view.pkg(doc.dir()).map(p -> p.applied() == PackageView.Applied.NOTHING).orElse(true)) return out;
        List<TrackedDecision> decisions = view.decisions(doc.path());
        for (int line = asked.start().line(); line <= asked.end().line() && line < lines.lineCount(); line++) {
            final int l = line;
            List<TrackedDecision> on = decisions.stream().filter(t -> t.range().start().line() == l && !t.stale()).toList();
            if (on.isEmpty()) continue;
            Optional<GoFunction> declared = source.functions().stream().filter(f -> f.nameRange().start().line() == l).findFirst();
            if (declared.isPresent() && !asserted(gate, l, Assertion.Kind.INLINE) && on.stream().anyMatch(t -> t.decision().kind() == DecisionKind.INLINE_CANDIDATE
                    && t.range().equals(declared.get().nameRange()))) {
                out.add(insert(doc, "Assert " + declared.get().name() + " inlines wherever it is called (//optlens:inline)",
                        declared.get().range().start().line(), "inline", true));
                continue;
            }
            if (!asserted(gate, l, Assertion.Kind.NOESCAPE) && on.stream().anyMatch(t -> t.decision().kind() == DecisionKind.NO_ESCAPE)
                    && on.stream().noneMatch(t -> t.decision().kind().isHeapAllocation() || t.decision().kind() == DecisionKind.LOOPVAR_HEAP)) {
                out.add(insert(doc, "Assert this stays on the stack (//optlens:noescape)", l, "noescape", false));
            }
            List<GoCalls.Call> calls = GoCalls.onLine(source, l, java.util.Set.of());
            if (!calls.isEmpty() && !asserted(gate, l, Assertion.Kind.INLINE) && calls.stream().allMatch(c -> on.stream().anyMatch(t -> t.decision().kind() == DecisionKind.INLINED_CALL
                    && t.range().equals(c.range())))) {
                out.add(insert(doc, "Assert " + (calls.size() == 1 ? "this call inlines" : "these calls inline") + " (//optlens:inline)",
                        l, "inline", false));
            }
        }
        // A line with an index and no bounds check: no decision marks it, so look at the syntax.
        for (int line = asked.start().line(); line <= asked.end().line() && line < lines.lineCount(); line++) {
            final int l = line;
            if (asserted(gate, l, Assertion.Kind.NOBCE) || !GoCalls.indexesOn(source, l)) continue;
            boolean checked = decisions.stream().anyMatch(t -> t.range().start().line() == l && t.decision().kind() == DecisionKind.BOUNDS_CHECK);
            boolean inFunction = source.functions().stream().anyMatch(f -> f.range().start().line() < l && f.range().end().line() >= l);
            if (!checked && inFunction) out.add(insert(doc, "Assert this line has no bounds check (//optlens:nobce)", l, "nobce", false));
        }
        return out;
    }

    /** Whether the line already carries an assertion of the kind (in either dialect). */
    private static boolean asserted(GateView.DocumentGate gate, int line, Assertion.Kind kind) {
        return gate.assertions().stream().anyMatch(a -> a.assertion().line() == line && a.assertion().kind() == kind);
    }

    /**
     * Writes {@code //optlens:WORD} for a line: appended to the line's own {@code //optlens:} comment, else
     * as a comment at its end, else (the line ends in another comment, or the assertion is about a
     * function) on a line of its own above, indented like it.
     */
    private CodeAction insert(DocumentSnapshot doc, String title, int line, String word, boolean above) {
        GoSource source = doc.source();
        LineIndex lines = source.lines();
        String text = source.lineText(line);
        TextEdit edit;
        int directive = text.indexOf("//optlens:");
        int end = lines.lineContentEnd(line) - (text.length() - text.stripTrailing().length());
        TextPosition lineEnd = lines.positionOf(end);
        if (!above && directive >= 0) {
            String list = text.stripTrailing();
            edit = new TextEdit(ctx.codec().toProtocol(lines, new TextRange(lineEnd, lineEnd)), list.endsWith(":") ? word : "," + word);
        } else if (above || text.contains("//") || text.contains("/*")) {
            String indent = text.substring(0, text.length() - text.stripLeading().length());
            TextPosition start = new TextPosition(line, 0);
            edit = new TextEdit(ctx.codec().toProtocol(lines, new TextRange(start, start)), indent + "//optlens:" + word + "\n");
        } else {
            edit = new TextEdit(ctx.codec().toProtocol(lines, new TextRange(lineEnd, lineEnd)), " //optlens:" + word);
        }
        return action(doc, title, edit);
    }

    private static final java.util.regex.Pattern GCASSERT = java.util.regex.Pattern.compile("// ?gcassert:[\\w,]+");

    /**
     * Removes an assertion: its item from a list, or its directive (the whole comment when that is all
     * it holds, and the line when it stands alone; words after a gcassert directive stay).
     */
    private CodeAction remove(DocumentSnapshot doc, Assertion a) {
        GoSource source = doc.source();
        LineIndex lines = source.lines();
        int line = a.range().start().line();
        String text = source.lineText(line);
        int commentAt;
        int end;
        if (a.dialect() == Assertion.Dialect.GCASSERT) {
            java.util.regex.Matcher m = GCASSERT.matcher(text);
            if (!m.find()) return action(doc, "Remove assertion " + a.written(), new TextEdit(ctx.codec().toProtocol(lines, a.range()), ""));
            commentAt = m.start();
            end = m.end();
        } else {
            commentAt = Math.max(0, text.lastIndexOf("//optlens:"));
            end = text.stripTrailing().length(); // an optlens directive's items run to the end of its comment
        }
        String directive = text.substring(commentAt, end);
        String head = directive.substring(0, directive.indexOf(':') + 1);
        String items = directive.substring(head.length()).strip();
        String item = a.written().substring(a.written().indexOf(':') + 1); // as written: gcassert's "bce" stays "bce"
        boolean more = !text.substring(end).isBlank();
        TextEdit edit;
        if (items.contains(",")) {
            // Drop the item and one comma beside it.
            String kept = java.util.Arrays.stream(items.split(",")).map(String::strip).filter(x -> !x.equals(item))
                    .reduce((x, y) -> x + "," + y).orElse("");
            edit = new TextEdit(ctx.codec().toProtocol(lines, span(lines, line, text, commentAt, end)), head + kept);
        } else if (more) {
            edit = new TextEdit(ctx.codec().toProtocol(lines, span(lines, line, text, commentAt, end)), "//");
        } else if (text.substring(0, commentAt).isBlank()) {
            TextRange whole = new TextRange(new TextPosition(line, 0), new TextPosition(line + 1, 0));
            edit = new TextEdit(ctx.codec().toProtocol(lines, whole), "");
        } else {
            int from = text.substring(0, commentAt).stripTrailing().length();
            edit = new TextEdit(ctx.codec().toProtocol(lines, span(lines, line, text, from, text.length())), "");
        }
        return action(doc, "Remove assertion " + a.written(), edit);
    }

    private static TextRange span(LineIndex lines, int line, String text, int from, int to) {
        return new TextRange(position(lines, line, text, from), position(lines, line, text, to));
    }

    /** The position of a character index of a line's text (UTF-16, as the line was read). */
    private static TextPosition position(LineIndex lines, int line, String text, int index) {
        int bytes = text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
        return lines.positionOf(lines.lineStart(line) + bytes);
    }


    private static CodeAction action(DocumentSnapshot doc, String title, TextEdit edit) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setEdit(new WorkspaceEdit(Map.of(doc.uri(), List.of(edit))));
        return action;
    }
}
