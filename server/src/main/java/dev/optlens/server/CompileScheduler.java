package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.DaemonThreads;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides when each package compiles. It is part of the server's loop (see {@link ServerLoop}): its
 * state is touched there only, and cancelling (which kills the go process tree) happens there too. An isolated edit after a quiet moment compiles at once; a
 * burst is coalesced with {@code debounceMs}; a newer request cancels the package's pending or
 * running compile. Compiles run on {@code optlens-compile} threads, slices on {@code optlens-slice};
 * they send what they find back to the loop.
 */
final class CompileScheduler {
    private static final long PROGRESS_AFTER_MS = 500;

    private final ServerContext ctx;
    private final ServerLoop loop;
    private final PackageCompile compile;
    private final ClientNotifier notifier;
    private final ExecutorService compiles = Executors.newFixedThreadPool(2, DaemonThreads.named("optlens-compile"));
    /** Scheduling state per package; touched only on the loop. */
    private final Map<Path, Job> jobs = new HashMap<>();

    private static final class Job {
        final LargePackagePolicy.Profile profile = new LargePackagePolicy.Profile();
        ScheduledFuture<?> pending;
        CancellationToken running;
        long lastRequestNanos;
        int generation;
    }

    /** Runs on the loop after each compile ends (requests waiting for it look again). */
    private final Runnable afterCompile;

    CompileScheduler(ServerContext ctx, PackageCompile compile, ClientNotifier notifier, Runnable afterCompile) {
        this.ctx = ctx;
        this.loop = ctx.loop;
        this.compile = compile;
        this.notifier = notifier;
        this.afterCompile = afterCompile;
    }

    /** Schedules a compile of the package; {@code immediate} skips the debounce (open, refresh, settings). On the loop. */
    void request(Path dir, boolean immediate) {
        loop.confined("schedule");
        schedule(dir, immediate, System.nanoTime());
    }

    /** Whether a compile of the package is waiting for typing to pause or running. On the loop. */
    boolean busy(Path dir) {
        loop.confined("busy");
        Job job = jobs.get(dir);
        return job != null && (job.running != null || (job.pending != null && !job.pending.isDone()));
    }

    /** Stops everything about a package (its last document closed). On the loop. */
    void forget(Path dir) {
        loop.confined("forget");
        Job job = jobs.remove(dir);
        if (job != null) cancel(job);
    }

    /** Cancels every compile (killing its processes) and stops the loop; completes when that is done. */
    CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.post(() -> {
            jobs.values().forEach(CompileScheduler::cancel);
            jobs.clear();
            compiles.shutdownNow();
            loop.shutdown();
            done.complete(null);
        });
        if (loop.isShutdown()) done.complete(null);
        return done;
    }

    private void schedule(Path dir, boolean immediate, long requestedAt) {
        Job job = jobs.computeIfAbsent(dir, d -> new Job());
        long debounceMs = ctx.config().settings().debounceMs();
        boolean quiet = requestedAt - job.lastRequestNanos > TimeUnit.MILLISECONDS.toNanos(debounceMs);
        job.lastRequestNanos = requestedAt;
        cancel(job);
        int generation = ++job.generation;
        long delay = immediate || quiet ? 0 : debounceMs;
        job.pending = loop.later(() -> start(dir, job, generation), delay).orElse(null);
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
        notifier.status(ctx.workspace.view(), dir, ServerApi.Status.ANALYSING, in, "");
        java.util.Optional<ScheduledFuture<?>> progress = loop.later(() -> {
            if (!token.isCancelled()) notifier.beginProgress(token, dir);
        }, PROGRESS_AFTER_MS);
        try {
            compiles.execute(() -> {
                try {
                    compile.run(in, token, job.profile);
                } finally {
                    loop.post(() -> {
                        progress.ifPresent(p -> p.cancel(false));
                        notifier.endProgress(token);
                        if (job.running == token) job.running = null;
                        afterCompile.run();
                    });
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }
}
