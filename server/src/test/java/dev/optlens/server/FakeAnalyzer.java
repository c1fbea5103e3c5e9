package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.Analyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextRange;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An engine that answers in milliseconds without a compiler, for testing the server's orderings: each
 * {@code new(} in a package's text is one heap escape, placed on {@code new}. It reads the same inputs
 * the real engine does (the request's buffers, else the files on disk), takes a random time to answer
 * (so answers finish out of order), mostly stops when cancelled, and can be held at a gate by a test.
 */
final class FakeAnalyzer implements Analyzer {
    /** Where a test holds an analysis ({@code what}: analyze, early, slice) until it lets it go. */
    interface Gate {
        /** @return true to finish even when cancelled meanwhile (a compile that ends as it is cancelled) */
        boolean pass(String what, AnalysisRequest req, CancellationToken cancel) throws InterruptedException;
    }

    /** The message of an early decision: different from the whole compile's, so a test sees which one is shown. */
    static final String EARLY = "new(int) escapes to heap (early)";

    private final Random random;
    private final int maxDelayMs;
    private final SourceCache sources = new SourceCache();
    final AtomicInteger analyses = new AtomicInteger();
    final AtomicInteger slices = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    volatile Gate gate = (what, req, cancel) -> false;
    private final boolean late;

    /** @param late whether a third of the cancelled analyses finish anyway, late */
    FakeAnalyzer(long seed, int maxDelayMs, boolean late) {
        this.random = new Random(seed);
        this.maxDelayMs = maxDelayMs;
        this.late = late;
    }

    /** The decisions a fresh analysis of these texts gives: one heap escape per {@code new(}. */
    static List<Decision> decisionsOf(Path file, String text) {
        GoSource src = GoSource.parse(text);
        List<Decision> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            for (int c = lines[l].indexOf("new("); c >= 0; c = lines[l].indexOf("new(", c + 1)) {
                int offset = src.lines().lineStart(l) + c;
                String fn = src.functionAt(offset).map(GoFunction::name).orElse("");
                out.add(new Decision(file, l + 1, c + 1, TextRange.of(l, c, l, c + 3), DecisionKind.HEAP_ESCAPE,
                        "new(int) escapes to heap", fn, "new(int)", List.of(), List.of()));
            }
        }
        return out;
    }

    @Override
    public PackageReport analyze(AnalysisRequest req, CancellationToken cancel, Consumer<List<Decision>> early)
            throws ToolchainException, IOException {
        analyses.incrementAndGet();
        busy(1);
        try {
            return report(req, cancel, early);
        } finally {
            busy(-1);
        }
    }

    private int inFlight;

    private synchronized void busy(int delta) {
        inFlight += delta;
        notifyAll();
    }

    /** Waits until no analysis is running (late ones included), so a test sees the state after the last. */
    synchronized void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inFlight > 0 && System.nanoTime() < deadline) TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
    }

    private PackageReport report(AnalysisRequest req, CancellationToken cancel, Consumer<List<Decision>> early) throws IOException {
        List<Decision> all = new ArrayList<>();
        for (Path f : goFiles(req.dir())) all.addAll(decisionsOf(f, text(req, f)));
        if (early != null) {
            List<Decision> now = all.stream().map(d -> new Decision(d.file(), d.line(), d.column(), d.range(), d.kind(), EARLY,
                    d.function(), d.subject(), d.explanation(), d.inlinedFrom())).toList();
            busy(1);
            Thread t = new Thread(() -> {
                try {
                    hold("early", req, cancel);
                    early.accept(now);
                } catch (CancellationException e) {
                    // superseded
                } finally {
                    busy(-1);
                }
            }, "fake-early");
            t.setDaemon(true);
            t.start();
        }
        hold("analyze", req, cancel);
        return new PackageReport(req.dir(), "fake/" + req.dir().getFileName(), "go1.99", "go1.99 (fake)", List.of(), all,
                List.of(), List.of(), 1, false, req.options().detail(), List.of());
    }

    @Override
    public Optional<FunctionSlice> analyzeFunction(AnalysisRequest req, Path file, int line1, CancellationToken cancel,
                                                   Runnable compiled) {
        slices.incrementAndGet();
        busy(1);
        try {
            String text = text(req, file);
            GoSource src = GoSource.parse(text);
            Optional<GoFunction> fn = src.functionAt(src.lines().lineStart(Math.min(line1 - 1, src.lines().lineCount() - 1)));
            hold("slice", req, cancel);
            if (fn.isEmpty()) return Optional.empty();
            int start = fn.get().range().start().line() + 1;
            int end = fn.get().range().end().line() + 1;
            List<Decision> inside = decisionsOf(file, text).stream().filter(d -> start <= d.line() && d.line() <= end).toList();
            return Optional.of(new FunctionSlice(file, fn.get().name(), start, end, inside, List.of(fn.get().name()), 0, 0));
        } finally {
            compiled.run();
            busy(-1);
        }
    }

    private void hold(String what, AnalysisRequest req, CancellationToken cancel) {
        try {
            if (gate.pass(what, req, cancel)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        sleep(random().nextInt(maxDelayMs + 1), cancel);
    }

    /**
     * Sleeps, or ends at once with a CancellationException when the token is cancelled; a third of
     * the time it finishes anyway, as a compile does that ends just as it is cancelled: its answer
     * arrives late, after newer ones.
     */
    private void sleep(int ms, CancellationToken cancel) {
        if (late && random().nextInt(3) == 0) {
            cancel = new CancellationToken();
            ms += 10 + random().nextInt(15);
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (AutoCloseable ignored = cancel.onCancel(stop::countDown)) {
            if (stop.await(ms, TimeUnit.MILLISECONDS) || cancel.isCancelled()) {
                cancelled.incrementAndGet();
                throw new CancellationException("cancelled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (CancellationException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Random random() {
        return random;
    }

    private static String text(AnalysisRequest req, Path f) {
        String unsaved = req.overlay().contents().get(f);
        if (unsaved != null) return unsaved;
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> goFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".go")).sorted().toList();
        }
    }

    @Override
    public GoToolchain toolchain(Optional<String> goPath, Path dir) throws ToolchainException {
        throw new ToolchainException("the fake analyzer has no Go toolchain");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public SourceCache sources() {
        return sources;
    }
}
