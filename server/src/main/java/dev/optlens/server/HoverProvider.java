package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.feature.HoverContent;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

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
    private final DetailOnDemand details;
    private final ProfileStore profiles;

    HoverProvider(DetailOnDemand details, ProfileStore profiles) {
        this.details = details;
        this.profiles = profiles;
    }

    /**
     * The hover, read from one state. When detail was added meanwhile, it is read again from the state
     * that holds it, as long as the document is still at the same version (else: content modified).
     */
    Optional<Hover> hover(WorkspaceState asked, HoverParams params, CancellationToken token) {
        WorkspaceState view = asked;
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty()) return Optional.empty();
        LineIndex lines = doc.get().source().lines();
        TextPosition at = view.codec().fromProtocol(lines, params.getPosition());
        List<TrackedDecision> here = decisionsAt(view, doc.get(), at);
        Optional<TrackedDecision> brief = here.stream().filter(t -> t.brief() && !t.stale()).findFirst();
        Optional<WorkspaceState> detailed = brief.isPresent()
                ? details.details(view, doc.get().path(), brief.get().range().start().line(), token) : Optional.empty();
        if (detailed.isPresent()) {
            view = detailed.get();
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
        fn.ifPresent(f -> md.append(HoverContent.function(f, current(state.decisions(d.path())),
                current(state.packageDecisions(d.dir()).stream().filter(t -> t.decision().kind() == DecisionKind.INLINED_CALL).toList()))));
        dev.optlens.analysis.profile.HotReport hot = profiles.hot(state, d.dir());
        List<Decision> all = hot.present() ? state.packageDecisions(d.dir()).stream().map(TrackedDecision::decision).toList() : List.of();
        for (TrackedDecision t : here) {
            if (md.length() > 0) md.append("\n\n---\n\n");
            // What the profiles say comes right after the plain words, before the flow and the compiler's text.
            StringBuilder figures = new StringBuilder();
            hot.heat(t.decision(), all).ifPresent(h -> figures.append("\n\n")
                    .append(HoverContent.profile(h, t.decision().kind(), hot.objects(t.decision()))));
            PgoMarks pgo = state.pkg(d.dir()).map(PackageView::pgo).orElse(PgoMarks.NONE);
            pgo.byProfile(t.decision()).ifPresent(plain -> figures.append("\n\n").append(HoverContent.pgo(pgo.why(), plain)));
            String text = HoverContent.decision(t.decision(), t.lastGood(), t.stale());
            int first = text.indexOf("\n\n");
            md.append(first < 0 ? text + figures : text.substring(0, first) + figures + text.substring(first));
        }
        Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString()));
        TrackedDecision narrowest = here.stream().min((a, b) -> Integer.compare(width(a), width(b))).orElse(null);
        if (narrowest != null) h.setRange(view.codec().toProtocol(lines, narrowest.range()));
        return Optional.of(h);
    }

    private static List<TrackedDecision> decisionsAt(WorkspaceState view, DocumentSnapshot doc, TextPosition at) {
        return view.decisions(doc.path()).stream().filter(t -> t.range().contains(at)).toList();
    }

    /** Decisions with their ranges as the text is now. */
    private static List<Decision> current(List<TrackedDecision> tracked) {
        return tracked.stream().map(t -> t.decision().withRange(t.range())).toList();
    }

    private static int width(TrackedDecision t) {
        return (t.range().end().line() - t.range().start().line()) * 10_000 + t.range().end().character() - t.range().start().character();
    }
}
