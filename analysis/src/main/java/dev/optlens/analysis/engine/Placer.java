package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.Allocation;
import dev.optlens.analysis.decision.AllocationSites;
import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.Placement;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Places compiler messages on the syntax they name (see {@link Placement}): each becomes a
 * {@link Decision} with its range, enclosing function and subject. Outside {@code placeOnly} a
 * message keeps the compiler's point.
 */
final class Placer {
    static final int PLACE_IN_PARTS_FROM = 5_000;
    private static final int PLACE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Places the parts of a big package on the free cores. */
    private static final ExecutorService PLACE = java.util.concurrent.Executors.newFixedThreadPool(PLACE_THREADS,
            dev.optlens.analysis.process.DaemonThreads.named("optlens-place"));

    private Placer() {
    }

    /** Every message as a decision on its syntax (or at its point, outside {@code placeOnly}), in source order. */
    static List<Decision> placeAll(AnalysisRequest req, Collection<CompilerMessage> messages, Function<Path, Optional<GoSource>> sources,
                                  AllocationSites sites) {
        return placeAll(req, messages, sources, sites, Placed.NONE);
    }

    /**
     * Decisions already placed on the same text, by message: what the compiler printed before its backend,
     * placed while the backend ran. A message placed there keeps its range, function and subject (they
     * depend only on the text and on the message's position, kind and words); its explanation, inline chain
     * and allocation are taken from the final message and assembly.
     */
    record Placed(Map<String, Decision> byMessage) {
        static final Placed NONE = new Placed(Map.of());

        static Placed of(List<Decision> decisions) {
            Map<String, Decision> by = new HashMap<>(decisions.size() * 2);
            for (Decision d : decisions) by.putIfAbsent(key(d.file(), d.line(), d.column(), d.kind(), d.message()), d);
            return new Placed(by);
        }

        static String key(Path file, int line, int column, dev.optlens.analysis.decision.DecisionKind kind, String message) {
            return file + ":" + line + ":" + column + ":" + kind + ":" + message;
        }

        Decision get(CompilerMessage m) {
            return byMessage.isEmpty() ? null : byMessage.get(key(m.file().orElseThrow(), m.line(), m.column(), m.kind(), m.message()));
        }
    }

    /** {@link #placeAll(AnalysisRequest, Collection, Function, AllocationSites)}, reusing what {@code placed} holds. */
    static List<Decision> placeAll(AnalysisRequest req, Collection<CompilerMessage> messages, Function<Path, Optional<GoSource>> sources,
                                  AllocationSites sites, Placed placed) {
        Map<Path, Optional<GoSource>> parsed = new HashMap<>();
        Map<Path, Optional<LineIndex>> unplaced = new HashMap<>();
        List<CompilerMessage> all = new ArrayList<>(messages);
        // Each message's earlier placement, looked up once (by index): the parts below read it.
        Decision[] before = new Decision[all.size()];
        for (int i = 0; i < all.size(); i++) {
            CompilerMessage m = all.get(i);
            before[i] = placed.get(m);
            if (before[i] != null) continue;
            Path f = m.file().orElseThrow();
            if (req.placeOnly().isPresent() && !req.placeOnly().get().contains(f)) unplaced.computeIfAbsent(f, p -> lines(req, p));
            else parsed.computeIfAbsent(f, sources);
        }
        // Placement walks the tree for every decision (a generated 5 MB file: 328k decisions, 10 s on one
        // core): a big package is placed in parts on the free cores, each part with its own tree copies
        // (a tree-sitter tree is not safe to walk from two threads).
        int parts = all.size() < PLACE_IN_PARTS_FROM ? 1 : PLACE_THREADS;
        boolean single = parts == 1; // placed on this thread, on the trees as parsed
        List<CompletableFuture<List<Decision>>> work = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int from = all.size() * i / parts;
            int to = all.size() * (i + 1) / parts;
            work.add(CompletableFuture.supplyAsync(() -> {
                Map<Path, Optional<GoSource>> own = new HashMap<>();
                List<Decision> out = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    CompilerMessage m = all.get(k);
                    Decision b = before[k];
                    if (b != null) {
                        out.add(new Decision(b.file(), m.line(), m.column(), b.range(), m.kind(), m.message(), b.function(),
                                b.subject(), m.explanation(), m.inlinedFrom(), allocation(m, b.subject(), sites)));
                        continue;
                    }
                    Path f = m.file().orElseThrow();
                    Optional<LineIndex> atPoint = unplaced.get(f);
                    if (atPoint != null) out.add(atPoint(m, atPoint, sites));
                    else out.add(place(m, own.computeIfAbsent(f, p -> single ? parsed.get(p) : parsed.get(p).map(GoSource::withOwnTree)), sites));
                }
                return out;
            }, single ? Runnable::run : PLACE));
        }
        List<Decision> decisions = new ArrayList<>(all.size());
        for (CompletableFuture<List<Decision>> w : work) decisions.addAll(w.join());
        decisions.sort(Comparator.comparing((Decision d) -> d.file().toString()).thenComparingInt(Decision::line)
                .thenComparingInt(Decision::column).thenComparing(d -> d.kind().ordinal()).thenComparing(Decision::message));
        return List.copyOf(decisions);
    }

    /** A decision left at the compiler's point: zero-width, no function name (see AnalysisRequest#placeOnly). */
    private static Decision atPoint(CompilerMessage m, Optional<LineIndex> lines, AllocationSites sites) {
        TextPosition p = lines.map(l -> l.positionOf(l.offsetOfCompilerPosition(m.line(), m.column())))
                .orElse(new TextPosition(Math.max(0, m.line() - 1), Math.max(0, m.column() - 1)));
        String subject = Classifier.classify(m.message()).subject();
        return new Decision(m.file().orElseThrow(), m.line(), m.column(), new TextRange(p, p), m.kind(), m.message(), "",
                subject, m.explanation(), m.inlinedFrom(), allocation(m, subject, sites));
    }

    private static Optional<LineIndex> lines(AnalysisRequest req, Path file) {
        String unsaved = req.overlay().contents().get(file);
        if (unsaved != null) return Optional.of(LineIndex.of(unsaved));
        try {
            return Optional.of(new LineIndex(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Allocation allocation(CompilerMessage m, String subject, AllocationSites sites) {
        return Allocation.of(m.kind(), subject, m.explanation(), m.file().orElseThrow(), m.line(), sites);
    }

    private static Decision place(CompilerMessage m, Optional<GoSource> src, AllocationSites sites) {
        Path file = m.file().orElseThrow();
        String subject = Classifier.classify(m.message()).subject();
        TextRange range;
        String function = "";
        if (src.isPresent()) {
            range = Placement.place(src.get(), m.line(), m.column(), m.kind().subject(), subject);
            int offset = src.get().lines().offsetOfCompilerPosition(m.line(), m.column());
            function = src.get().functionAt(offset).map(f -> f.name()).orElse("");
        } else {
            range = TextRange.of(m.line() - 1, Math.max(0, m.column() - 1), m.line() - 1, Math.max(0, m.column() - 1));
        }
        return new Decision(file, m.line(), m.column(), range, m.kind(), m.message(), function, subject, m.explanation(),
                m.inlinedFrom(), allocation(m, subject, sites));
    }
}
