package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.build.CancellationToken;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.toolchain.ToolchainException;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides when each package compiles. An isolated edit after a quiet moment compiles at once; a
 * burst of edits is coalesced with {@code debounceMs}. A newer request cancels the pending or
 * running compile of that package (the go process tree is killed). A result is applied only when
 * it is the newest for its package; it is then moved forward through the edits made since.
 */
final class AnalysisScheduler {
    private static final Logger LOG = Logger.getLogger(AnalysisScheduler.class.getName());
    private static final long PROGRESS_AFTER_MS = 500;

    private final ServerContext ctx;
    private final PackageAnalyzer analyzer;
    private final DiagnosticsPublisher publisher;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("optlens-timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("optlens-compile"));
    private final ExecutorService fast = Executors.newSingleThreadExecutor(daemon("optlens-fast-path"));
    private final Map<Path, Job> jobs = new HashMap<>();
    private final AtomicBoolean toldAboutGo = new AtomicBoolean();
    private final AtomicInteger progressIds = new AtomicInteger();

    /** The scheduling state of one package. */
    private static final class Job {
        ScheduledFuture<?> pending;
        CancellationToken running;
        long lastRequestNanos;
        int generation;
        /** A compile at -m=2 showed explosive escape explanations: compile at -m from then on. */
        volatile boolean costlyExplanations;
        /** How long the package's last compile took. */
        volatile long lastCompileMillis;
    }

    AnalysisScheduler(ServerContext ctx, PackageAnalyzer analyzer, DiagnosticsPublisher publisher) {
        this.ctx = ctx;
        this.analyzer = analyzer;
        this.publisher = publisher;
    }

    /** Schedules a compile of the package; {@code immediate} skips the debounce (open, refresh, settings). */
    synchronized void request(Path dir, boolean immediate) {
        Job job = jobs.computeIfAbsent(dir, d -> new Job());
        long now = System.nanoTime();
        long debounceMs = ctx.settings().debounceMs();
        boolean quiet = now - job.lastRequestNanos > TimeUnit.MILLISECONDS.toNanos(debounceMs);
        job.lastRequestNanos = now;
        cancel(job);
        int generation = ++job.generation;
        long delay = immediate || quiet ? 0 : debounceMs;
        job.pending = timer.schedule(() -> start(dir, job, generation), delay, TimeUnit.MILLISECONDS);
    }

    /** Stops everything about a package (its last document closed). */
    synchronized void forget(Path dir) {
        Job job = jobs.remove(dir);
        if (job != null) {
            job.generation++;
            cancel(job);
        }
    }

    private static void cancel(Job job) {
        if (job.pending != null) job.pending.cancel(false);
        if (job.running != null) job.running.cancel();
        job.pending = null;
        job.running = null;
    }

    private void start(Path dir, Job job, int generation) {
        CancellationToken token = new CancellationToken();
        Workspace.Snapshot snap;
        synchronized (this) {
            if (job.generation != generation) return;
            job.running = token;
            snap = ctx.workspace.snapshot(dir);
        }
        ctx.workspace.setStatus(dir, PackageState.Status.ANALYSING, "");
        status(dir, "analysing", snap, "");
        workers.submit(() -> compile(dir, job, generation, token, snap));
    }

    private void compile(Path dir, Job job, int generation, CancellationToken token, Workspace.Snapshot snap) {
        ScheduledFuture<?> progress = timer.schedule(() -> beginProgress(dir, token), PROGRESS_AFTER_MS, TimeUnit.MILLISECONDS);
        try {
            Settings s = ctx.settings();
            snap.sources().forEach(analyzer.sources()::offer); // already parsed incrementally: no reparse for placement
            boolean large = isLarge(dir, s);
            Detail detail = !large ? Detail.FULL : job.costlyExplanations ? Detail.SUMMARY : Detail.EXPLAINED;
            // A large package's test files compile only while one of them is open: they can double
            // the compile (net/http: 28 files, 33 test files), and nobody looks at their decisions.
            boolean tests = !large || snap.openFiles().stream()
                    .anyMatch(p -> dir.equals(p.getParent()) && p.getFileName().toString().endsWith("_test.go"));
            AnalysisRequest req = new AnalysisRequest(dir, s.buildOptions().withDetail(detail).withTests(tests),
                    snap.overlay(), s.goPath(), snap.files(), Optional.of(snap.openFiles()));
            AtomicBoolean fullDone = new AtomicBoolean();
            CompletableFuture<Optional<FunctionSlice>> slice = CompletableFuture.completedFuture(Optional.empty());
            if (s.fastPath() && large && editInsideFunction(snap)) {
                // The slice first, then the package compile. On two cores, compiling both side by side
                // slowed the package compile by more than the slice takes (encoding/json: 570 ms alone,
                // 740 ms beside a 125 ms slice) and the slice too; one after the other, the slice's
                // answer comes sooner and the package's no later. A slow slice gets a budget, not a veto.
                java.util.concurrent.CountDownLatch sliceCompiled = new java.util.concurrent.CountDownLatch(1);
                slice = CompletableFuture.supplyAsync(() -> fastPath(dir, job, generation, token, snap, req, fullDone,
                        sliceCompiled::countDown), fast);
                try {
                    // the package compile starts anyway after the budget; a late slice is still published until it ends
                    sliceCompiled.await(sliceBudgetMs(job), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // shutting down
                    return;
                }
                if (!isCurrent(job, generation, token)) return;
            }
            // A large package's escapes and inlining are all printed a third of the way into its compile:
            // they are shown then, the rest when the compile ends.
            CompletableFuture<Optional<FunctionSlice>> sliced = slice;
            java.util.function.Consumer<List<Decision>> early = detail == Detail.FULL ? null : decisions -> {
                synchronized (this) {
                    if (fullDone.get() || !isCurrent(job, generation, token)) return;
                    ctx.workspace.applyEarly(snap, decisions, sliced.getNow(Optional.empty()));
                }
                publisher.publishPackage(dir);
                OptlensClient client = ctx.client();
                if (client != null && ctx.clientRefreshesInlayHints) client.refreshInlayHints();
            };
            long t0 = System.nanoTime();
            PackageReport report = analyzer.analyze(req, token, early);
            long compiledMillis = (System.nanoTime() - t0) / 1_000_000;
            LOG.fine(() -> dir + ": " + report.detail() + " analysis " + compiledMillis + " ms, compile " + report.compileMillis() + " ms");
            job.lastCompileMillis = report.compileMillis();
            toolchains.put(dir, report.toolchain());
            if (large && report.explanationSteps() > COSTLY_EXPLANATION_STEPS) job.costlyExplanations = true;
            // Below full detail, the slice's full detail for the edited function is kept: wait for it
            // (it nearly always finished long before), but never long.
            List<FunctionSlice> detailed = report.detail() != Detail.FULL ? awaitSlice(slice) : List.of();
            synchronized (this) {
                fullDone.set(true); // from here the full answer wins: a late slice is not applied
            }
            if (!isCurrent(job, generation, token)) return;
            // A failed build may still have compiled part of the package (say, all but a broken _test.go):
            // those decisions are fresh. Only a build with no decisions at all keeps the last good ones.
            if (report.compiled() || !report.decisions().isEmpty()) ctx.workspace.applyReport(snap, report, detailed);
            else ctx.workspace.applyFailure(snap, report.errors());
            finish(dir, snap, report.compiled() ? PackageState.Status.READY : PackageState.Status.FAILED,
                    report.compiled() ? "" : report.errors().get(0).toString());
        } catch (CancellationException e) {
            // superseded by a newer edit: its compile will publish
        } catch (ToolchainException e) {
            if (!isCurrent(job, generation, token)) return;
            ctx.workspace.applyFailure(snap, List.of(CompileError.unplaced(e.getMessage())));
            if (toldAboutGo.compareAndSet(false, true) && ctx.client() != null) {
                ctx.client().showMessage(new MessageParams(MessageType.Error, "optlens: " + e.getMessage()
                        + " Then reload the window or run 'optlens.refresh'."));
            }
            finish(dir, snap, PackageState.Status.NO_GO, e.getMessage());
        } catch (Exception e) {
            if (token.isCancelled() || !isCurrent(job, generation, token)) return;
            LOG.log(Level.WARNING, "analysis of " + dir + " failed", e);
            ctx.workspace.applyFailure(snap, List.of(CompileError.unplaced("optlens could not analyse the package: " + e)));
            finish(dir, snap, PackageState.Status.FAILED, e.toString());
        } finally {
            progress.cancel(false);
            endProgress(token);
            synchronized (this) {
                if (job.running == token) job.running = null;
            }
        }
    }

    private static final long SLICE_WAIT_MS = 2_000;

    /** How long the package compile waits for a slice: half the last compile (a slice is a quarter of it), 0.3–3 s. */
    private static long sliceBudgetMs(Job job) {
        return Math.max(300, Math.min(3_000, job.lastCompileMillis / 2));
    }
    /**
     * Explanation steps per decision above which a large package compiles at -m: most packages have
     * 1–3 (encoding/json 2, net/http 3), go/types 268, where -m=2 takes 4× the time of -m.
     */
    static final double COSTLY_EXPLANATION_STEPS = 20;

    private static List<FunctionSlice> awaitSlice(CompletableFuture<Optional<FunctionSlice>> slice) {
        try {
            return slice.get(SLICE_WAIT_MS, TimeUnit.MILLISECONDS).map(List::of).orElse(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        }
    }

    /**
     * The fast path: the edited function's decisions from a compile of a slice of the package,
     * published before the full compile (which then replaces everything but, below full detail, keeps
     * this function's). Any failure is silent: the full compile follows anyway.
     */
    private Optional<FunctionSlice> fastPath(Path dir, Job job, int generation, CancellationToken token,
                                             Workspace.Snapshot snap, AnalysisRequest req, AtomicBoolean fullDone,
                                             Runnable compiled) {
        Workspace.EditPoint at = snap.lastEdit().orElseThrow();
        try {
            long t0 = System.nanoTime();
            Optional<FunctionSlice> slice = analyzer.analyzeFunction(req, at.file(), at.line() + 1, token, compiled);
            long sliceTotal = (System.nanoTime() - t0) / 1_000_000;
            LOG.fine(() -> dir + ": slice " + sliceTotal + " ms, slicer " + slice.map(FunctionSlice::sliceMillis).orElse(-1L)
                    + " ms, compile " + slice.map(FunctionSlice::compileMillis).orElse(-1L) + " ms");
            if (slice.isEmpty() || !isCurrent(job, generation, token)) return slice;
            FunctionSlice f = slice.get();
            synchronized (this) {
                if (fullDone.get() || !isCurrent(job, generation, token)) return slice; // the full answer is already there
                ctx.workspace.applySlice(snap, f.file(), f.startLine(), f.endLine(), f.decisions());
            }
            publisher.publishPackage(dir);
            status(dir, "partial", snap, f.function());
            OptlensClient client = ctx.client();
            if (client != null && ctx.clientRefreshesInlayHints) client.refreshInlayHints();
            return slice;
        } catch (CancellationException e) {
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.FINE, "fast path for " + dir + " failed; the full compile follows", e);
            return Optional.empty();
        } finally {
            compiled.run();
        }
    }

    /**
     * Full detail on demand (a hover on a decision of a large package): compiles a slice around the
     * function at {@code line0} of {@code file} and applies its decisions, which then stay until
     * the package's next compile. Blocks the calling thread (never the dispatch thread) for the
     * slice; false when there is nothing to add or the slice failed.
     */
    boolean details(Path file, int line0) {
        Path dir = file.getParent();
        try {
            Settings s = ctx.settings();
            Workspace.Snapshot snap = ctx.workspace.snapshot(dir);
            // A slice that could not be made is not tried again for the same text (every hover would pay it).
            String attempt = file + ":" + line0 + "@" + snap.versions();
            if (noDetails.contains(attempt)) return false;
            AnalysisRequest req = new AnalysisRequest(dir, s.buildOptions().withTests(false), snap.overlay(), s.goPath(),
                    snap.files(), Optional.of(snap.openFiles()));
            Optional<FunctionSlice> slice = analyzer.analyzeFunction(req, file, line0 + 1, new CancellationToken());
            if (slice.isEmpty()) {
                if (noDetails.size() > 1024) noDetails.clear();
                noDetails.add(attempt);
                return false;
            }
            FunctionSlice f = slice.get();
            ctx.workspace.applySlice(snap, f.file(), f.startLine(), f.endLine(), f.decisions());
            publisher.publishPackage(dir);
            OptlensClient client = ctx.client();
            if (client != null && ctx.clientRefreshesInlayHints) client.refreshInlayHints();
            return true;
        } catch (Exception e) {
            LOG.log(Level.FINE, "details for " + file + ":" + (line0 + 1) + " failed", e);
            return false;
        }
    }

    private final java.util.Set<String> noDetails = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether the newest edit is inside a function (only then has a slice a target). */
    private static boolean editInsideFunction(Workspace.Snapshot snap) {
        if (snap.lastEdit().isEmpty()) return false;
        Workspace.EditPoint at = snap.lastEdit().get();
        var src = snap.sources().get(at.file());
        return src != null && src.functionAt(src.lines().lineStart(at.line())).isPresent();
    }

    /**
     * Whether a package is large (see {@link Settings#DEFAULT_LARGE_PACKAGE_KB}): its compile runs
     * without the -json log (and at -m where explanations explode), and edits in it get the fast path.
     */
    private static boolean isLarge(Path dir, Settings s) {
        try {
            return dev.optlens.analysis.engine.PackageResolver.goSourceBytes(dir) >= s.largePackageKB() * 1024L;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private synchronized boolean isCurrent(Job job, int generation, CancellationToken token) {
        return job.generation == generation && !token.isCancelled();
    }

    private void finish(Path dir, Workspace.Snapshot snap, PackageState.Status status, String message) {
        ctx.workspace.setStatus(dir, status, message);
        publisher.publishPackage(dir);
        status(dir, switch (status) {
            case READY -> "ready";
            case NO_GO -> "noGo";
            default -> "failed";
        }, snap, message);
        OptlensClient client = ctx.client();
        if (client == null) return;
        if (ctx.clientRefreshesInlayHints) client.refreshInlayHints();
        if (ctx.clientRefreshesCodeLenses) client.refreshCodeLenses();
    }

    private void status(Path dir, String state, Workspace.Snapshot snap, String message) {
        OptlensClient client = ctx.client();
        if (client == null) return;
        JsonObject o = new JsonObject();
        o.addProperty("dir", dir.toString());
        o.addProperty("state", state);
        JsonObject versions = new JsonObject();
        snap.versions().forEach(versions::addProperty);
        o.add("versions", versions);
        o.addProperty("heapAllocs", ctx.workspace.heapAllocations(dir));
        o.addProperty("message", message);
        o.addProperty("toolchain", toolchains.getOrDefault(dir, ""));
        client.status(o);
    }

    /** Per package, the toolchain of its last compile, as {@link PackageReport#toolchain()} says it. */
    private final Map<Path, String> toolchains = new java.util.concurrent.ConcurrentHashMap<>();

    // Progress tokens live as long as one compile; the token object doubles as the key.
    private final Map<CancellationToken, String> progressTokens = new java.util.concurrent.ConcurrentHashMap<>();

    private void beginProgress(Path dir, CancellationToken token) {
        OptlensClient client = ctx.client();
        if (client == null || !ctx.clientSupportsProgress || token.isCancelled()) return;
        String id = "optlens-compile-" + progressIds.incrementAndGet();
        progressTokens.put(token, id);
        client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(id))).whenComplete((ok, err) -> {
            if (err != null || !progressTokens.containsKey(token)) return;
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle("optlens");
            begin.setMessage("compiling " + dir.getFileName());
            client.notifyProgress(new ProgressParams(Either.forLeft(id), Either.forLeft(begin)));
        });
    }

    private void endProgress(CancellationToken token) {
        String id = progressTokens.remove(token);
        OptlensClient client = ctx.client();
        if (id == null || client == null) return;
        client.notifyProgress(new ProgressParams(Either.forLeft(id), Either.forLeft(new WorkDoneProgressEnd())));
    }

    void shutdown() {
        synchronized (this) {
            jobs.values().forEach(j -> {
                j.generation++;
                cancel(j);
            });
            jobs.clear();
        }
        timer.shutdownNow();
        workers.shutdownNow();
        fast.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
