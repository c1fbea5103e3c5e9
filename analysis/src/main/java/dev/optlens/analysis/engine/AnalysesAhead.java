package dev.optlens.analysis.engine;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyses started before anyone asks for them: a server still being built has read a document's
 * opening and knows the request its first compile will make. At most one per package. The first
 * request for the package takes it when it is the same request (it waits for it, and a cancellation
 * of the wait stops it), and stops it otherwise; one nobody asks for within
 * {@value #UNCLAIMED_SECONDS} s is stopped. Stopping kills its go processes.
 */
final class AnalysesAhead {
    static final long UNCLAIMED_SECONDS = 60;

    /** The analysis itself, as the engine runs it when asked. */
    interface Run {
        PackageReport run(AnalysisRequest req, CancellationToken cancel) throws ToolchainException, IOException;
    }

    private record Ahead(AnalysisRequest req, CancellationToken token, CompletableFuture<PackageReport> report, long startedNanos,
                         Slow slow) {
    }

    /**
     * What a quick go command of the analysis says when it is slow ({@link GoProcess#whileSlow}), told
     * to whoever takes the analysis, once it does (the last thing said before is told then).
     */
    private static final class Slow implements java.util.function.Consumer<String> {
        private java.util.function.Consumer<String> listener;
        private String said;

        @Override
        public synchronized void accept(String message) {
            if (listener != null) {
                listener.accept(message);
            } else {
                said = message;
            }
        }

        synchronized void listen(java.util.function.Consumer<String> l) {
            listener = l;
            if (said != null) l.accept(said);
            said = null;
        }
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AnalysesAhead.class.getName());

    private final Map<Path, Ahead> byDir = new ConcurrentHashMap<>();
    private final AtomicLong taken = new AtomicLong();

    /** Starts {@code req} now, on a thread of its own; one started earlier for its package is stopped. */
    void start(AnalysisRequest req, Run run) {
        Ahead a = new Ahead(req, new CancellationToken(), new CompletableFuture<>(), System.nanoTime(), new Slow());
        Ahead before = byDir.put(req.dir(), a);
        if (before != null) before.token().cancel();
        Thread t = new Thread(() -> {
            try {
                a.report().complete(GoProcess.whileSlow(a.slow(), () -> run.run(req, a.token())));
            } catch (Throwable e) {
                a.report().completeExceptionally(e);
            }
        }, "optlens-ahead");
        t.setDaemon(true);
        t.start();
        CompletableFuture.delayedExecutor(UNCLAIMED_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (byDir.remove(req.dir(), a)) a.token().cancel();
        });
    }

    /**
     * The report of the analysis started ahead for this very request, once it ends; empty when there
     * is none (one started for another request of the package is stopped: it would only compete).
     */
    Optional<PackageReport> take(AnalysisRequest req, CancellationToken cancel) throws ToolchainException, IOException {
        Ahead a = byDir.remove(req.dir());
        if (a == null) return Optional.empty();
        if (!a.req().equals(req)) {
            a.token().cancel();
            return Optional.empty();
        }
        taken.incrementAndGet();
        LOG.fine(() -> req.dir() + ": its compile was started " + (System.nanoTime() - a.startedNanos()) / 1_000_000
                + " ms before it was asked for, as the document was opened");
        GoProcess.slowListener().ifPresent(a.slow()::listen);
        AutoCloseable stop = cancel.onCancel(a.token()::cancel);
        try {
            PackageReport r = a.report().join();
            cancel.check(); // a request cancelled meanwhile gets nothing, as when it compiles itself
            return Optional.of(r);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ToolchainException t) throw t;
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new UncheckedIOException(new IOException(cause));
        } finally {
            try {
                stop.close();
            } catch (Exception ignored) {
                // removing a listener cannot fail
            }
        }
    }

    /** How many requests found their analysis started ahead (tests and logs). */
    long taken() {
        return taken.get();
    }
}
