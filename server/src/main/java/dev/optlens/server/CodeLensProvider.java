package dev.optlens.server;

import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.LineIndex;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lens above each function: whether its assertions hold, whether it inlines and at what cost, its heap
 * allocations, and its assembly.
 */
final class CodeLensProvider {
    private final ServerContext ctx;

    CodeLensProvider(ServerContext ctx) {
        this.ctx = ctx;
    }

    List<CodeLens> lenses(WorkspaceState view, CodeLensParams params) {
        Optional<DocumentSnapshot> doc = view.document(params.getTextDocument().getUri());
        if (doc.isEmpty()) return List.of();
        LineIndex lines = doc.get().source().lines();
        List<TrackedDecision> decisions = view.decisions(doc.get().path());
        if (decisions.isEmpty()) return List.of();
        // One pass over the decisions, not one per function: a generated file has tens of thousands of each.
        java.util.Map<dev.optlens.analysis.syntax.TextRange, TrackedDecision> inlineAt = new java.util.HashMap<>();
        java.util.Map<String, Long> heapIn = new java.util.HashMap<>();
        java.util.Map<String, Long> bytesIn = new java.util.HashMap<>();
        dev.optlens.analysis.profile.HotReport hot = ctx.profiles.hot(view, doc.get().dir());
        long totalBytes = 0;
        for (TrackedDecision t : decisions) {
            if (t.decision().kind().isInlineDecision()) inlineAt.putIfAbsent(t.range(), t);
            if (t.decision().allocatesOnHeap()) heapIn.merge(t.decision().function(), 1L, Long::sum);
            if (t.decision().kind().isHeapAllocation() && hot.hasMemory()) {
                var h = hot.heat(t.decision(), List.of(t.decision()));
                if (h.isPresent()) {
                    bytesIn.merge(t.decision().function(), h.get().value(), Long::sum);
                    totalBytes = h.get().total();
                }
            }
        }
        java.util.Map<String, Long> differ = new java.util.HashMap<>();
        Optional<Compared> compared = Compared.current(view, doc.get().dir());
        compared.ifPresent(c -> c.in(doc.get().path()).stream().filter(p -> p.difference().matters())
                .forEach(p -> differ.merge(p.difference().function(), 1L, Long::sum)));
        List<CodeLens> out = new ArrayList<>();
        List<AssertionResult> assertions = ctx.gate.of(view, doc.get()).assertions();
        for (GoFunction f : doc.get().source().functions()) {
            var range = view.codec().toProtocol(lines, new dev.optlens.analysis.syntax.TextRange(f.range().start(), f.range().start()));
            List<AssertionResult> own = GateView.within(assertions, f);
            if (!own.isEmpty()) out.add(new CodeLens(range, new Command(assertionLens(own), ""), null));
            TrackedDecision inline = inlineAt.get(f.nameRange());
            if (inline != null) {
                boolean byProfile = view.pkg(doc.get().dir()).map(p -> p.pgo().byProfile(inline.decision()).isPresent()).orElse(false);
                String lens = dev.optlens.analysis.feature.InlineCosts.lens(inline.decision());
                // Over the budget and inlinable: the profile raised it (PGO's hot-function budget).
                if (byProfile) lens = lens.startsWith("inlinable") ? "inlinable by PGO" + lens.substring("inlinable".length()) : lens + " (PGO)";
                out.add(new CodeLens(range, new Command(lens, ""), null));
            }
            long differs = differ.getOrDefault(f.name(), 0L);
            if (differs > 0) {
                // The differences command (VS Code's lens opens its list).
                com.google.gson.JsonObject uri = new com.google.gson.JsonObject();
                uri.addProperty("uri", doc.get().uri());
                out.add(new CodeLens(range, new Command(dev.optlens.analysis.feature.CompareHints.lens(compared.get().label(), differs),
                        ServerApi.COMMAND_DIFFERENCES, List.of(uri)), null));
            }
            long heap = heapIn.getOrDefault(f.name(), 0L);
            long bytes = bytesIn.getOrDefault(f.name(), 0L);
            // With a memory profile: what the function's own allocations took of all allocated bytes.
            String share = bytes > 0 ? " · " + new dev.optlens.analysis.profile.Heat("bytes", bytes, totalBytes, 1).words() : "";
            out.add(new CodeLens(range, new Command(heap + (heap == 1 ? " heap alloc" : " heap allocs") + share, ""), null));
            hot.function(f.name()).filter(c -> c.cum().value() > 0)
                    .ifPresent(c -> out.add(new CodeLens(range, new Command(c.cum().percent() + " CPU with callees, " + c.flat().percent()
                            + " own", ""), null)));
            com.google.gson.JsonObject arg = new com.google.gson.JsonObject();
            arg.addProperty("uri", doc.get().uri());
            var at = view.codec().toProtocol(lines, f.nameRange().start());
            com.google.gson.JsonObject pos = new com.google.gson.JsonObject();
            pos.addProperty("line", at.getLine());
            pos.addProperty("character", at.getCharacter());
            arg.add("position", pos);
            out.add(new CodeLens(range, new Command("Show assembly", ServerApi.COMMAND_SHOW_ASSEMBLY, List.of(arg)), null));
        }
        return out;
    }

    /** "✓ 3 assertions hold" or "✗ 1 of 3 assertions violated". */
    static String assertionLens(List<AssertionResult> own) {
        long failing = own.stream().filter(a -> !a.holds()).count();
        if (failing == 0) return "✓ " + (own.size() == 1 ? "assertion holds" : own.size() + " assertions hold");
        return "✗ " + failing + " of " + own.size() + (own.size() == 1 ? " assertion" : " assertions") + " violated";
    }
}
