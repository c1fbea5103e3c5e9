package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inlay hints for the requested range: inline cost after each function signature, {@code heap}
 * after heap allocations, {@code stack} after allocations kept local (off by default),
 * {@code inlined} after inlined calls, {@code devirt} after devirtualized calls.
 */
final class InlayHintProvider {
    private final ServerContext ctx;

    InlayHintProvider(ServerContext ctx) {
        this.ctx = ctx;
    }

    /** How many lines a signature may span after its function's name, for skipping far decisions. */
    private static final int SIGNATURE_LINES = 200;

    List<InlayHint> hints(WorkspaceState view, InlayHintParams params) {
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty()) return List.of();
        Settings settings = view.settings();
        LineIndex lines = doc.get().source().lines();
        TextRange requested = view.codec().fromProtocol(lines, params.getRange());
        List<InlayHint> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrackedDecision t : view.decisions(doc.get().path())) {
            Decision d = t.decision();
            Optional<HintKind> kind = HintKind.of(d.kind());
            if (kind.isEmpty() || !settings.hint(kind.get())) continue;
            if (kind.get() == HintKind.STACK && !isAllocation(d)) continue;
            // A hint sits at the decision's end, or for a function at its signature's end a few lines on:
            // decisions far from the range are skipped before any tree is read.
            if (t.range().start().line() > requested.end().line()
                    || t.range().end().line() + (kind.get() == HintKind.INLINE ? SIGNATURE_LINES : 0) < requested.start().line()) {
                continue;
            }
            Optional<TextPosition> at = kind.get() == HintKind.INLINE
                    ? doc.get().source().signatureEnd(t.range().start()) : Optional.of(t.range().end());
            if (at.isEmpty() || !requested.contains(at.get())) continue;
            String label = label(kind.get(), d);
            if (!seen.add(at.get() + label.split(" ")[0])) continue; // one hint per place and kind (generic instantiations)
            InlayHint h = new InlayHint(view.codec().toProtocol(lines, at.get()),
                    org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(label));
            h.setKind(InlayHintKind.Type);
            h.setPaddingLeft(true);
            if (kind.get() == HintKind.INLINE) h.setPaddingRight(true);
            h.setTooltip(new MarkupContent(MarkupKind.MARKDOWN, dev.optlens.analysis.feature.Markdown.code(d.message())
                    + (t.stale() ? "\n\n*stale: this function changed since the last compile*" : "")));
            out.add(h);
        }
        return out;
    }

    private static String label(HintKind kind, Decision d) {
        return switch (kind) {
            case INLINE -> dev.optlens.analysis.feature.InlineCosts.hint(d);
            case HEAP -> "heap";
            case STACK -> "stack";
            case INLINED -> "inlined";
            case DEVIRT -> "devirt";
            case BOUNDS -> "bounds check";
        };
    }

    /** A no-escape decision about an allocation (a literal, make, new, closure, variadic slice), not a parameter. */
    private static boolean isAllocation(Decision d) {
        String subject = Classifier.classify(d.message()).subject();
        return subject.contains("(") || subject.contains("{") || subject.equals("func literal")
                || subject.equals("... argument") || subject.startsWith("&");
    }
}
