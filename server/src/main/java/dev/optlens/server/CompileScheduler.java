package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.DaemonThreads;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides when each package compiles. Its state lives on one thread, {@code optlens-scheduler}:
 * requests from the message thread are handed over and return at once; cancelling (which kills the
 * go process tree) happens there too. An isolated edit after a quiet moment compiles at once; a
 * burst is coalesced with {@code debounceMs}; a newer request cancels the package's pending or
 * running compile. Compiles run on {@code optlens-compile} threads, slices on {@code optlens-slice}.
 */
final class CompileScheduler {
    private static final long PROGRESS_AFTER_MS = 500;

    private final ServerContext ctx;
    private final PackageCompile compile;
    private final ClientNotifier notifier;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("optlens-scheduler"));
    private final ExecutorService compiles = Executors.newFixedThreadPool(2, DaemonThreads.named("optlens-compile"));
    /** Scheduling state per package; touched only on {@link #thread}. */
    private final Map<Path, Job> jobs = new HashMap<>();

    private static final class Job {
        final LargePackagePolicy.Profile profile = new LargePackagePolicy.Profile();
        ScheduledFuture<?> pending;
        CancellationToken running;
        long lastRequestNanos;
        int generation;
    }

    CompileScheduler(ServerContext ctx, PackageCompile compile, ClientNotifier notifier) {
        this.ctx = ctx;
        this.compile = compile;
        this.notifier = notifier;
    }

    /** Schedules a compile of the package; {@code immediate} skips the debounce (open, refresh, settings). */
    void request(Path dir, boolean immediate) {
        long now = System.nanoTime();
        onThread(() -> schedule(dir, immediate, now));
    }

    /** Stops everything about a package (its last document closed). */
    void forget(Path dir) {
        onThread(() -> {
            Job job = jobs.remove(dir);
            if (job != null) cancel(job);
        });
    }

    /** Cancels every compile (killing its processes); completes when that is done. */
    CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onThread(() -> {
            jobs.values().forEach(CompileScheduler::cancel);
            jobs.clear();
            compiles.shutdownNow();
            thread.shutdown();
            done.complete(null);
        });
        if (thread.isShutdown()) done.complete(null);
        return done;
    }

    private void schedule(Path dir, boolean immediate, long requestedAt) {
        Job job = jobs.computeIfAbsent(dir, d -> new Job());
        long debounceMs = ctx.settings().debounceMs();
        boolean quiet = requestedAt - job.lastRequestNanos > TimeUnit.MILLISECONDS.toNanos(debounceMs);
        job.lastRequestNanos = requestedAt;
        cancel(job);
        int generation = ++job.generation;
        long delay = immediate || quiet ? 0 : debounceMs;
        job.pending = thread.schedule(() -> start(dir, job, generation), delay, TimeUnit.MILLISECONDS);
    }

    private static void cancel(Job job) {
        job.generation++;
        if (job.pending != null) job.pending.cancel(false);
        if (job.running != null) job.running.cancel();
        job.pending = null;
        job.running = null;
    }

    private void start(Path dir, Job job, int generation) {
        if (job.generation != generation || jobs.get(dir) != job) return;
        CancellationToken token = new CancellationToken();
        job.running = token;
        CompileInput in = ctx.workspace.input(dir);
        notifier.status(dir, ServerApi.Status.ANALYSING, in, "");
        ScheduledFuture<?> progress = thread.schedule(() -> {
            if (!token.isCancelled()) notifier.beginProgress(token, dir);
        }, PROGRESS_AFTER_MS, TimeUnit.MILLISECONDS);
        try {
            compiles.execute(() -> {
                try {
                    compile.run(in, token, job.profile);
                } finally {
                    progress.cancel(false);
                    notifier.endProgress(token);
                    onThread(() -> {
                        if (job.running == token) job.running = null;
                    });
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void onThread(Runnable r) {
        try {
            thread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down: nothing more is scheduled
        }
    }
}
