package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.profile.PgoDecisions;
import dev.optlens.analysis.profile.PgoProfile;
import dev.optlens.analysis.engine.Analyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One analysis of one package input, on a compile thread: in a large package the edited function's
 * slice first, then the package compile (its early decisions as soon as they are printed), each
 * result delivered as it comes. Whether a result is still wanted is not decided here: the workspace
 * applies only what is newest.
 */
final class PackageCompile {
    private static final Logger LOG = Logger.getLogger(PackageCompile.class.getName());
    /** How long a whole compile below full detail waits for its slice's detail (it nearly always finished long before). */
    private static final long SLICE_WAIT_MS = 2_000;

    private final ServerContext ctx;
    private final Analyzer analyzer;
    private final ResultDelivery delivery;
    private final ClientNotifier notifier;
    private final ExecutorService sliceThread;
    private final CompareStep compare;
    private final PgoResolver pgoResolver = new PgoResolver();
    private final ClosureRoute closures;

    PackageCompile(ServerContext ctx, Analyzer analyzer, ResultDelivery delivery, ClientNotifier notifier,
                   ExecutorService sliceThread) {
        this.ctx = ctx;
        this.analyzer = analyzer;
        this.delivery = delivery;
        this.notifier = notifier;
        this.sliceThread = sliceThread;
        this.compare = new CompareStep(ctx, delivery);
        this.closures = new ClosureRoute(ctx, analyzer, delivery);
    }

    /**
     * With a profile guiding the build: the same input compiled without it, and what only the profile
     * decides sent to the loop as marks (a second compile, as the compiler names a profile's decisions
     * only in its debug output). Without one: marks left from an earlier profile are cleared.
     */
    private void pgoMarks(CompileInput in, AnalysisRequest req, PackageReport guided, Optional<PgoProfile> pgo, String message,
                          CancellationToken token) throws ToolchainException, java.io.IOException {
        if (pgo.isEmpty()) {
            if (ctx.workspace.view().pkg(in.dir()).map(p -> p.pgo().present()).orElse(false)) {
                delivery.deliver(in, new Outcome.Pgo(new PgoMarks("", null, in.seq(), java.util.Map.of())),
                        Optional.of(ServerApi.Status.READY), message);
            }
            return;
        }
        if (!guided.compiled()) return;
        PackageReport plain = analyzer.analyze(req.withOptions(req.options().withPgo(Optional.empty())), token, null);
        if (!plain.compiled()) return;
        // A second ready, as for a comparison: its status says which profile and how many decisions are its.
        delivery.deliver(in, new Outcome.Pgo(PgoMarks.of(PgoDecisions.of(pgo.get(), plain, guided), in.seq())),
                Optional.of(ServerApi.Status.READY), message);
    }

    /** What the package compile of an input asks the engine, and what decided it: the package's size, its profile. */
    private record Asked(boolean large, Optional<PgoProfile> pgo, AnalysisRequest request) {
    }

    private Asked asked(CompileInput in, LargePackagePolicy.Profile profile, CancellationToken token) {
        Settings s = in.settings();
        in.sources().forEach(analyzer.sources()::offer); // already parsed incrementally: no reparse for placement
        boolean large = LargePackagePolicy.isLarge(in.dir(), s);
        Detail detail = LargePackagePolicy.detail(large, profile);
        Optional<PgoProfile> pgo = pgoResolver.resolve(s, in.dir(), analyzer.environment(), token);
        return new Asked(large, pgo, new AnalysisRequest(in.dir(),
                s.buildOptions().withDetail(detail).withTests(LargePackagePolicy.withTests(large, in)).withPgo(pgo.map(PgoProfile::file)),
                in.overlay(), s.goPath(), in.files(), Optional.of(in.openFiles())));
    }

    /**
     * The package compile the input's first {@link #run} will ask for, started now (see
     * {@link Analyzer#analyzeAhead}): for a document opened while the server is still being built. Only
     * the documents' texts are read: they may be unparsed.
     */
    void ahead(CompileInput in) {
        analyzer.analyzeAhead(asked(in, new LargePackagePolicy.Profile(), CancellationToken.NONE).request());
    }

    void run(CompileInput in, CancellationToken token, LargePackagePolicy.Profile profile) {
        Optional<String> tooLarge = in.tooLarge();
        if (tooLarge.isPresent()) {
            delivery.deliver(in, new Outcome.Failure(List.of()), Optional.of(ServerApi.Status.FAILED), tooLarge.get());
            return;
        }
        try {
            Settings s = in.settings();
            Asked asked = asked(in, profile, token);
            boolean large = asked.large();
            Detail detail = asked.request().options().detail();
            Optional<PgoProfile> pgo = asked.pgo();
            AnalysisRequest req = asked.request();
            CompletableFuture<Optional<FunctionSlice>> slice = CompletableFuture.completedFuture(Optional.empty());
            boolean fast = s.fastPath() && large && in.editInsideFunction();
            String build = ClosureRoute.build(req);
            // With a closure running, the package compile has its own token: a closure applied as the
            // complete result cancels it.
            CancellationToken compileToken = token;
            CompletableFuture<ClosureRoute.Attempt> closure = null;
            // While the closure's own compiles run (then, with no slice of its own, the edited function's slice).
            java.util.concurrent.atomic.AtomicBoolean deciding = new java.util.concurrent.atomic.AtomicBoolean(true);
            CancellationToken closureToken = new CancellationToken();
            token.onCancel(closureToken::cancel);
            boolean skip = fast && profile.skipsClosure(in.editedFunction());
            if (skip) fast = false; // the package compile alone, nothing beside it
            Optional<ClosureRoute.Base> base = fast && pgo.isEmpty() && s.compareWith().isEmpty()
                    ? closures.base(in, build, req.options().tests(), profile.complete) : Optional.empty();
            // Read once: whether the package compile waits for the closure's verdict, or runs at once with
            // the closure yielding the processor to it (never slower than the package compile alone). A
            // text back to the saved files' (an undo) may be in the result cache: its package compile starts
            // at once, beside a closure that does not yield (the first to answer stands).
            boolean stands = profile.closureStands;
            boolean atOnce = profile.callersAtOnce(in.editedFunction());
            boolean saved = stands && req.overlay().savedIn(in.dir());
            if (base.isPresent()) {
                CancellationToken own = new CancellationToken();
                token.onCancel(own::cancel);
                compileToken = own;
                closure = closureFirst(in, req, base.get(), atOnce, closureToken, profile, own, stands, saved, deciding);
                if (own.isCancelled()) return; // the closure was applied as the complete result
                slice = closure.thenApply(ClosureRoute.Attempt::partial);
            } else if (fast) {
                slice = sliceFirst(in, req, token, profile);
            }
            // Early decisions only where no slice answers for the edit: beside a slice they cost the
            // package compile a core for little (encoding/json: full result 1.39× → see the benchmark).
            boolean sliceRuns = !slice.isDone() || slice.getNow(Optional.empty()).isPresent();
            Consumer<List<Decision>> early = detail == Detail.FULL || sliceRuns ? null
                    : decisions -> delivery.deliver(in, new Outcome.Early(decisions), Optional.empty(), "");
            long t0 = System.nanoTime();
            CancellationToken packageToken = compileToken;
            // A quick go command (go env) that hangs is named in the status while it is waited for.
            PackageReport report = dev.optlens.analysis.process.GoProcess.whileSlow(
                    slow -> ctx.loop.post(() -> notifier.status(ctx.workspace.view(), in.dir(), ServerApi.Status.ANALYSING, in, slow)),
                    () -> analyzer.analyze(req, packageToken, early));
            if (compileToken.isCancelled()) return; // the closure was applied as the complete result, the same
            LOG.fine(() -> in.dir() + ": " + report.detail() + " analysis " + (System.nanoTime() - t0) / 1_000_000
                    + " ms, compile " + report.compileMillis() + " ms");
            profile.learn(large, report);
            // A closure not done (yielding, or compiling the callers): the package compile answers now, as with no closure
            // (the edited function's full detail then comes on demand, as for any other function).
            boolean late = closure != null && deciding.get() && !closure.isDone();
            if (late) closureToken.cancel();
            if (late && atOnce) profile.closureVerdict(in.editedFunction(), false, false);
            List<FunctionSlice> detailed = report.detail() != Detail.FULL && !late ? awaitSlice(slice) : List.of();
            // A failed build may still have compiled part of the package (say, all but a broken _test.go):
            // those decisions are fresh. Only a build with no decisions at all keeps the last good ones.
            Optional<String> fallback = skip ? Optional.of(in.editedFunction().map(f -> f.substring(f.indexOf('#') + 1)).orElse("")
                    + "'s last closure did not stand: the package compile alone (a closure again every fourth edit)")
                    : closure == null ? Optional.empty()
                    : Optional.of(late || !closure.isDone() ? "the package compile finished first" : closure.join().fallback().orElse(""));
            Outcome outcome = report.compiled() || !report.decisions().isEmpty()
                    ? new Outcome.Whole(report, detailed, fallback) : new Outcome.Failure(report.errors());
            String message = !report.compiled() ? report.errors().get(0).toString()
                    : report.testErrors().isEmpty() ? ""
                    : "tests: " + report.testErrors().size() + (report.testErrors().size() == 1 ? " error" : " errors")
                    + " (" + report.testErrors().get(0) + ")";
            // Recorded on the loop as it is applied: an edit the client sends on seeing this status finds it.
            delivery.deliver(in, outcome, Optional.of(report.compiled() ? ServerApi.Status.READY : ServerApi.Status.FAILED), message, () -> {
                if (report.compiled() && report.testErrors().isEmpty()) profile.complete.applied(in.seq(), build);
            });
            pgoMarks(in, req, report, pgo, message, token);
            if (s.compareWith().isPresent() && report.compiled()) {
                compare.run(in, req, report, message, s.compareWith().get(), analyzer.environment(), token);
            }
        } catch (CancellationException e) {
            // superseded by a newer input: its compile delivers
        } catch (ToolchainException e) {
            // A go that does not answer is there but broken: the package fails, naming the command.
            ServerApi.Status state = e.hung() ? ServerApi.Status.FAILED : ServerApi.Status.NO_GO;
            delivery.deliver(in, new Outcome.Failure(List.of(CompileError.unplaced(e.getMessage()))), Optional.of(state), e.getMessage(),
                    () -> {
                        if (!e.hung()) notifier.noGo(e.getMessage());
                    });
        } catch (OutOfMemoryError e) {
            // Said, not left hanging at "analysing": the rest of the server goes on once this compile's memory is freed.
            String why = "optlens ran out of memory analysing " + in.dir().getFileName() + " (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap); give its Java more (-Xmx) or make the package smaller";
            LOG.severe(why);
            delivery.deliver(in, new Outcome.Failure(List.of(CompileError.unplaced(why))), Optional.of(ServerApi.Status.FAILED), why);
        } catch (Exception e) {
            if (token.isCancelled()) return;
            LOG.log(Level.WARNING, "analysis of " + in.dir() + " failed", e);
            String why = "optlens could not analyse the package: " + dev.optlens.analysis.process.Reason.of(e);
            delivery.deliver(in, new Outcome.Failure(List.of(CompileError.unplaced(why))), Optional.of(ServerApi.Status.FAILED), why);
        }
    }

    /**
     * Starts the edit's closure; when it is applied as the complete result, {@code packageCompile} is
     * cancelled. After a closure that stood for the package ({@code stands}) the next one most likely
     * does too: the package compile waits for the first slice's verdict instead of taking a core from it
     * (json: ready at 0.41× the bare compile); when the edited function's facts changed, it starts while
     * the callers' slice compiles at a lower priority. Otherwise the package compile starts at once and
     * the closure's go processes yield the processor to it ({@code nice}). Either way a closure that does
     * not stand costs at most its first slice (json, a parameter made to escape: the closure with its
     * callers took 1,097 ms, waited for in full before). A {@code saved} text is not waited for.
     * {@code atOnce}: the callers are in the closure's first compile ({@link LargePackagePolicy.Profile#callersAtOnce}).
     */
    private CompletableFuture<ClosureRoute.Attempt> closureFirst(CompileInput in, AnalysisRequest req, ClosureRoute.Base base,
                                                                 boolean atOnce, CancellationToken token, LargePackagePolicy.Profile profile,
                                                                 CancellationToken packageCompile, boolean stands, boolean saved,
                                                                 java.util.concurrent.atomic.AtomicBoolean deciding) {
        CountDownLatch verdict = new CountDownLatch(1);
        String build = ClosureRoute.build(req);
        // With its callers at once it does not yield: that one compile is all it does, and yielding lost it every race on json.
        CompletableFuture<ClosureRoute.Attempt> attempt = CompletableFuture.supplyAsync(() -> dev.optlens.analysis.process.GoProcess.yielding(!stands && !atOnce, () -> {
            try {
                // Its callers compiled with it (its facts changed): the package compile starts beside them, and
                // the next edit's too unless they stand (a closure the package compile ends is not waited for again).
                ClosureRoute.Attempt a = closures.run(in, req, base, atOnce, token, () -> {
                    profile.closureStands = false;
                    profile.widening(in.editedFunction());
                    verdict.countDown();
                }, () -> profile.complete.applied(in.seq(), build));
                deciding.set(false);
                // One that stood but found the package's result applied first (an undo's cached compile) stood all the same.
                profile.closureStands = a.result().complete();
                profile.closureVerdict(in.editedFunction(), a.result().complete(), a.result().factsChanged());
                if (a.applied()) packageCompile.cancel();
                verdict.countDown();
                // No slice made (say, a generic function): the edited function's own slice, as partial.
                if (!a.applied() && a.result().slice().isEmpty() && !token.isCancelled()) a = a.withPartial(fastPath(in, req, token, () -> { }));
                return a;
            } catch (CancellationException e) {
                return ClosureRoute.Attempt.failed("cancelled");
            } catch (Exception e) {
                LOG.log(Level.INFO, "the closure of " + in.lastEdit().map(p -> p.file().getFileName() + ":" + (p.line() + 1)).orElse("?")
                        + " failed (" + e.getMessage() + "); the package compile answers", e);
                deciding.set(false);
                return ClosureRoute.Attempt.failed("the closure failed: " + e.getMessage()).withPartial(fastPath(in, req, token, () -> { }));
            } finally {
                verdict.countDown();
            }
        }), sliceThread);
        try {
            if (stands && !saved) verdict.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
            throw new CancellationException("interrupted");
        }
        token.check();
        return attempt;
    }

    /**
     * Starts the edited function's slice and gives its compile a head start (see
     * {@link LargePackagePolicy.Profile#sliceBudgetMs()}) before the package compile starts beside it.
     * A late slice is still delivered.
     */
    private CompletableFuture<Optional<FunctionSlice>> sliceFirst(CompileInput in, AnalysisRequest req, CancellationToken token,
                                                                  LargePackagePolicy.Profile profile) {
        CountDownLatch compiled = new CountDownLatch(1);
        CompletableFuture<Optional<FunctionSlice>> slice = CompletableFuture.supplyAsync(
                () -> fastPath(in, req, token, compiled::countDown), sliceThread);
        try {
            compiled.await(profile.sliceBudgetMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
            throw new CancellationException("interrupted");
        }
        token.check();
        return slice;
    }

    /** The edited function's decisions from a slice compile, delivered as partial. Failure is logged: the package compile follows. */
    private Optional<FunctionSlice> fastPath(CompileInput in, AnalysisRequest req, CancellationToken token, Runnable compiled) {
        WorkspaceState.EditPoint at = in.lastEdit().orElseThrow();
        try {
            long t0 = System.nanoTime();
            Optional<FunctionSlice> slice = analyzer.analyzeFunction(req, at.file(), at.line() + 1, token, compiled);
            LOG.fine(() -> in.dir() + ": slice " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            if (slice.isEmpty()) {
                LOG.info(() -> "no slice for " + at.file().getFileName() + ":" + (at.line() + 1) + "; the package compile follows");
            }
            slice.ifPresent(f -> delivery.deliver(in, new Outcome.Slice(f), Optional.of(ServerApi.Status.PARTIAL), f.function()));
            return slice;
        } catch (CancellationException e) {
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.INFO, "the fast path for " + at.file().getFileName() + ":" + (at.line() + 1)
                    + " failed (" + e.getMessage() + "); the package compile follows", e);
            return Optional.empty();
        } finally {
            compiled.run();
        }
    }

    private static List<FunctionSlice> awaitSlice(CompletableFuture<Optional<FunctionSlice>> slice) {
        try {
            return slice.get(SLICE_WAIT_MS, TimeUnit.MILLISECONDS).map(List::of).orElse(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }
}
