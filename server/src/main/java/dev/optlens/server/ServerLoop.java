package dev.optlens.server;

import dev.optlens.analysis.process.DaemonThreads;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's one loop, the thread {@code optlens-loop}: it alone changes the workspace (edits,
 * settings, results), decides when packages compile, and talks to the client about the state
 * (diagnostics, status, refreshes). The message thread and the workers (compiles, slices, requests)
 * hand it work with {@link #post} and return at once; requests read the state the loop gives them.
 * Ordering follows from the one queue: a request sent after an edit sees that edit.
 */
final class ServerLoop {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("optlens-loop"));
    private volatile Thread owner;
    /** Answers workers wait for: cancelled when the loop stops before giving them. */
    private final java.util.Set<CompletableFuture<?>> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** For tests: what ran where, when set ({@code "apply@optlens-loop"}). */
    private volatile List<String> trace;

    ServerLoop() {
        post(() -> owner = Thread.currentThread());
    }

    /** Runs on the loop, after everything posted before; dropped once the loop is shut down. */
    void post(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    // The loop outlives whatever one task did wrong.
                    java.util.logging.Logger.getLogger(ServerLoop.class.getName())
                            .log(java.util.logging.Level.SEVERE, "optlens: a step of the server's loop failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // shut down: nothing more is done
        }
    }

    /** Computes on the loop; a worker waits for the answer when it needs one (never the message thread). */
    <T> CompletableFuture<T> ask(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        waiting.add(f);
        f.whenComplete((v, e) -> waiting.remove(f));
        post(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        if (thread.isShutdown()) f.cancel(false); // not run: nobody waits forever
        return f;
    }

    /** Runs on the loop after a delay (debounce, progress); empty when the loop is shut down. */
    java.util.Optional<ScheduledFuture<?>> later(Runnable r, long delayMs) {
        try {
            return java.util.Optional.of(thread.schedule(r, delayMs, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            return java.util.Optional.empty();
        }
    }

    boolean onLoop() {
        return Thread.currentThread() == owner;
    }

    /**
     * Fails when the caller is not the loop: what changes the state or tells the client about it runs
     * there and nowhere else.
     */
    void confined(String what) {
        List<String> t = trace;
        if (t != null) t.add(what + "@" + Thread.currentThread().getName());
        if (!onLoop()) throw new IllegalStateException(what + " off the server's loop, on " + Thread.currentThread().getName());
    }

    /** Records every {@link #confined} step from now on (tests). */
    List<String> trace() {
        List<String> t = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        trace = t;
        return t;
    }

    void shutdown() {
        thread.shutdownNow();
        waiting.forEach(f -> f.cancel(false));
    }

    boolean isShutdown() {
        return thread.isShutdown();
    }
}
