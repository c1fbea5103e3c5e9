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
    private final ProfileStore profiles;

    InlayHintProvider(ProfileStore profiles) {
        this.profiles = profiles;
    }

    List<InlayHint> hints(WorkspaceState view, InlayHintParams params) {
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty() || !doc.get().source().isParsed()) return List.of();
        Settings settings = view.settings();
        boolean lenses = view.config().caps().showsCodeLenses();
        LineIndex lines = doc.get().source().lines();
        TextRange requested = view.codec().fromProtocol(lines, params.getRange());
        List<LineHints.Item> items = view.decisions(doc.get().path()).stream()
                .map(t -> new LineHints.Item(t.decision().withRange(t.range()), t.stale())).toList();
        // A memory profile's share in each heap hint (heap 31% of bytes: p); a decision only the
        // profile guiding the build makes says so (inlined: Mix (PGO)).
        dev.optlens.analysis.profile.HotReport hot = profiles.hot(view, doc.get().dir());
        PgoMarks pgo = view.pkg(doc.get().dir()).map(PackageView::pgo).orElse(PgoMarks.NONE);
        java.util.function.Function<dev.optlens.analysis.decision.Decision, Optional<String>> share = d -> d.kind().isHeapAllocation()
                ? hot.heat(d, List.of(d)).filter(h -> h.value() > 0).map(dev.optlens.analysis.profile.Heat::words) : Optional.empty();
        List<InlayHint> out = new java.util.ArrayList<>(LineHints.of(doc.get().source(), items, k -> settings.hint(k, lenses),
                requested.start().line(), requested.end().line(), share, d -> pgo.byProfile(d).isPresent()).stream().map(h -> {
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
                }).toList());
        // One hint per line end, the comparison first: VS Code cuts a line's hints after 43 characters
        // (editor.inlayHints.maximumLength), and while comparing, the comparison is what was asked for.
        for (InlayHint c : compared(view, doc.get(), requested)) {
            Optional<InlayHint> same = out.stream().filter(h -> h.getPosition().equals(c.getPosition()) && h.getKind() == null).findFirst();
            if (same.isEmpty()) {
                out.add(c);
                continue;
            }
            List<InlayHintLabelPart> parts = new java.util.ArrayList<>(c.getLabel().getRight());
            List<InlayHintLabelPart> own = same.get().getLabel().getRight();
            own.get(0).setValue("  " + own.get(0).getValue());
            parts.addAll(own);
            same.get().setLabel(Either.forRight(parts));
        }
        return out;
    }

    /**
     * Where the build {@code optlens.compareWith} names decides differently, at the end of the line:
     * {@code ≠ go1.27: stack}, the two builds' words as the tooltip.
     */
    private static List<InlayHint> compared(WorkspaceState view, DocumentSnapshot doc, TextRange requested) {
        Optional<Compared> c = Compared.current(view, doc.dir());
        if (c.isEmpty()) return List.of();
        LineIndex lines = doc.source().lines();
        String mine = view.pkg(doc.dir()).map(p -> p.toolchain().split(" ")[0]).filter(t -> !t.isEmpty()).orElse("this build");
        java.util.Map<Integer, List<InlayHintLabelPart>> byLine = new java.util.TreeMap<>();
        for (Compared.Placed p : c.get().in(doc.path())) {
            int line = p.range().start().line();
            if (!p.difference().matters() || line < requested.start().line() || line > requested.end().line() || line >= lines.lineCount()) continue;
            List<InlayHintLabelPart> parts = byLine.computeIfAbsent(line, l -> new java.util.ArrayList<>());
            InlayHintLabelPart part = new InlayHintLabelPart((parts.isEmpty() ? "" : " · ")
                    + dev.optlens.analysis.feature.CompareHints.hint(c.get().label(), p.difference()));
            part.setTooltip(new MarkupContent(MarkupKind.MARKDOWN, dev.optlens.analysis.feature.CompareHints.tooltip(mine, c.get().label(),
                    p.difference())));
            parts.add(part);
        }
        List<InlayHint> out = new java.util.ArrayList<>();
        byLine.forEach((line, parts) -> {
            InlayHint hint = new InlayHint(view.codec().toProtocol(lines, lines.positionOf(lines.lineContentEnd(line))), Either.forRight(parts));
            hint.setPaddingLeft(true);
            out.add(hint);
        });
        return out;
    }
}
