package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import dev.optlens.analysis.feature.LineHints;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.InlayHintLabelPart;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.List;
import java.util.Optional;

/**
 * Inlay hints for the requested range ({@link LineHints}): a line's decisions gathered after its end,
 * each part with the compiler's message as its tooltip; a function's inline cost after its signature
 * where the client shows no code lens (the lens says it already).
 */
final class InlayHintProvider {
    List<InlayHint> hints(WorkspaceState view, InlayHintParams params) {
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty() || !doc.get().source().isParsed()) return List.of();
        Settings settings = view.settings();
        boolean lenses = view.config().caps().showsCodeLenses();
        LineIndex lines = doc.get().source().lines();
        TextRange requested = view.codec().fromProtocol(lines, params.getRange());
        List<LineHints.Item> items = view.decisions(doc.get().path()).stream()
                .map(t -> new LineHints.Item(t.decision().withRange(t.range()), t.stale())).toList();
        return LineHints.of(doc.get().source(), items, k -> settings.hint(k, lenses), requested.start().line(), requested.end().line())
                .stream().map(h -> {
                    List<InlayHintLabelPart> parts = h.parts().stream().map(p -> {
                        InlayHintLabelPart part = new InlayHintLabelPart(p.label());
                        part.setTooltip(new MarkupContent(MarkupKind.MARKDOWN, p.tooltip()));
                        return part;
                    }).toList();
                    InlayHint hint = new InlayHint(view.codec().toProtocol(lines, h.at()), Either.forRight(parts));
                    hint.setKind(h.signature() ? InlayHintKind.Type : null);
                    hint.setPaddingLeft(true);
                    if (h.signature()) hint.setPaddingRight(true);
                    return hint;
                }).toList();
    }
}
