package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hover on anything that carries a decision: the compiler's message verbatim, the explanation as a
 * chain of clickable locations, cost against budget and the refusal reason. On a function's name:
 * its heap allocations, whether it inlines, and the call sites where it was inlined. In a large
 * package (summary-level compile) a hover on a decision first asks for its function's full detail
 * (a slice compile) so the explanation and inline chain are there.
 */
final class HoverProvider {
    private final ServerContext ctx;
    private final DetailOnDemand details;

    HoverProvider(ServerContext ctx, DetailOnDemand details) {
        this.ctx = ctx;
        this.details = details;
    }

    /**
     * The hover, read from one state. When detail was added meanwhile, it is read again from the state
     * that holds it, as long as the document is still at the same version (else: content modified).
     */
    Optional<Hover> hover(HoverParams params, CancellationToken token) {
        WorkspaceState view = ctx.workspace.view();
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty()) return Optional.empty();
        LineIndex lines = doc.get().source().lines();
        TextPosition at = ctx.codec().fromProtocol(lines, params.getPosition());
        List<TrackedDecision> here = decisionsAt(view, doc.get(), at);
        Optional<TrackedDecision> brief = here.stream().filter(t -> t.brief() && !t.stale()).findFirst();
        if (brief.isPresent() && details.details(doc.get().path(), brief.get().range().start().line(), token)) {
            view = ctx.workspace.view();
            Optional<DocumentSnapshot> now = view.document(doc.get().uri());
            if (now.isEmpty() || now.get().version() != doc.get().version()) throw Requests.contentModified(doc.get().uri());
            doc = now;
            here = decisionsAt(view, doc.get(), at);
        }
        token.check();
        Optional<GoFunction> fn = doc.get().source().functions().stream()
                .filter(f -> f.nameRange().contains(at)).findFirst();
        if (here.isEmpty() && fn.isEmpty()) return Optional.empty();

        StringBuilder md = new StringBuilder();
        WorkspaceState state = view;
        DocumentSnapshot d = doc.get();
        fn.ifPresent(f -> functionSummary(md, f, state, d));
        for (TrackedDecision t : here) {
            if (md.length() > 0) md.append("\n\n---\n\n");
            decision(md, t);
        }
        Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString()));
        TrackedDecision narrowest = here.stream().min((a, b) -> Integer.compare(width(a), width(b))).orElse(null);
        if (narrowest != null) h.setRange(ctx.codec().toProtocol(lines, narrowest.range()));
        return Optional.of(h);
    }

    private static List<TrackedDecision> decisionsAt(WorkspaceState view, DocumentSnapshot doc, TextPosition at) {
        return view.decisions(doc.path()).stream().filter(t -> t.range().contains(at)).toList();
    }

    private static int width(TrackedDecision t) {
        return (t.range().end().line() - t.range().start().line()) * 10_000 + t.range().end().character() - t.range().start().character();
    }

    private void decision(StringBuilder md, TrackedDecision t) {
        Decision d = t.decision();
        md.append("**optlens** · `").append(d.kind().id()).append("`\n\n```text\n").append(d.message()).append("\n```\n");
        if (t.lastGood()) md.append("\n*From the last version that compiled: the package does not compile now.*\n");
        if (t.stale()) md.append("\n*Stale: this function changed since the last compile; a new one is on its way.*\n");
        if (d.kind().isInlineDecision()) {
            md.append("\n").append(InlineCosts.lens(d)).append('\n');
        }
        if (!d.inlinedFrom().isEmpty()) {
            md.append("\nInside inlined code from ");
            List<String> sites = new ArrayList<>();
            for (InlineSite s : d.inlinedFrom()) sites.add(Markdown.location(Optional.of(s.file()), s.line(), s.column()));
            md.append(String.join(" ← ", sites)).append('\n');
        }
        if (!d.explanation().isEmpty()) {
            md.append("\nWhy (the compiler's explanation):\n\n");
            int i = 1;
            for (ExplanationStep s : d.explanation()) md.append(i++).append(". ").append(Markdown.step(s)).append('\n');
        }
    }

    private void functionSummary(StringBuilder md, GoFunction f, WorkspaceState view, DocumentSnapshot doc) {
        List<TrackedDecision> mine = view.decisions(doc.path()).stream()
                .filter(t -> t.decision().function().equals(f.name())).toList();
        long heap = mine.stream().filter(t -> t.decision().kind().isHeapAllocation()).count();
        md.append("**").append(f.name()).append("** · ").append(heap).append(heap == 1 ? " heap allocation" : " heap allocations");
        mine.stream().filter(t -> t.range().equals(f.nameRange()) && t.decision().kind().isInlineDecision()).findFirst()
                .ifPresent(t -> md.append(" · ").append(InlineCosts.lens(t.decision())));
        List<TrackedDecision> sites = view.packageDecisions(doc.dir()).stream()
                .filter(t -> t.decision().kind() == DecisionKind.INLINED_CALL && callsFunction(t.decision().message(), f.name()))
                .toList();
        if (!sites.isEmpty()) {
            md.append("\n\nInlined at:\n");
            for (TrackedDecision t : sites) {
                Decision d = t.decision();
                md.append("- ").append(Markdown.location(Optional.of(d.file()), d.line(), d.column()))
                        .append(d.function().isEmpty() ? "" : " in `" + d.function() + "`").append('\n');
            }
        }
    }

    /** "inlining call to Sum" names Sum; also generic instantiations (Sum[go.shape.int]) and closures of it. */
    private static boolean callsFunction(String message, String name) {
        String callee = message.substring(message.indexOf(" to ") + 4);
        int bracket = callee.indexOf('[');
        String base = bracket >= 0 ? callee.substring(0, bracket) + callee.substring(callee.indexOf(']', bracket) + 1) : callee;
        return base.equals(name);
    }
}
