package dev.optlens.server;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.gate.AssertionFixes;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gate's fixes ({@link AssertionFixes}) as quick fixes on the requested lines. */
final class CodeActionProvider {
    private final ServerContext ctx;

    CodeActionProvider(ServerContext ctx) {
        this.ctx = ctx;
    }

    List<CodeAction> actions(WorkspaceState view, CodeActionParams params) {
        Optional<DocumentSnapshot> found = view.document(params.getTextDocument().getUri());
        if (found.isEmpty() || !found.get().source().isParsed()) return List.of();
        DocumentSnapshot doc = found.get();
        LineIndex lines = doc.source().lines();
        TextRange asked = view.codec().fromProtocol(lines, params.getRange());
        GateView.DocumentGate gate = ctx.gate.of(view, doc);
        boolean compiled = view.pkg(doc.dir()).map(p -> p.applied() != PackageView.Applied.NOTHING).orElse(false);
        List<Decision> now = view.decisions(doc.path()).stream().filter(t -> !t.stale()).map(t -> t.decision().withRange(t.range())).toList();
        return AssertionFixes.fixes(doc.source(), gate.assertions(), now, compiled, asked.start().line(), asked.end().line()).stream()
                .map(f -> {
                    CodeAction action = new CodeAction(f.title());
                    action.setKind(CodeActionKind.QuickFix);
                    TextEdit edit = new TextEdit(view.codec().toProtocol(lines, f.edit().range()), f.edit().text());
                    action.setEdit(new WorkspaceEdit(Map.of(doc.uri(), List.of(edit))));
                    return action;
                }).toList();
    }
}
