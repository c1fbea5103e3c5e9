package dev.optlens.server;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.Analyzer;
import dev.optlens.analysis.engine.EditClosure;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The package's complete result after an edit inside one function, from a compile of the edit's
 * closure (see {@link EditClosure}) instead of the package: only on the package's last complete
 * result, built as this input asks, when every change since is an edit inside that function's body.
 */
final class ClosureRoute {
    private static final Logger LOG = Logger.getLogger(ClosureRoute.class.getName());

    /** The complete result a closure stands on: its sequence number and its decisions. */
    record Base(long seq, List<Decision> decisions) {
    }

    /** The last complete result of a package that was applied, and how it was built; written by compile threads. */
    static final class Complete {
        private volatile long seq = -1;
        private volatile String build = "";

        void applied(long s, String b) {
            seq = s;
            build = b;
        }
    }

    private final ServerContext ctx;
    private final Analyzer analyzer;
    private final ResultDelivery delivery;

    ClosureRoute(ServerContext ctx, Analyzer analyzer, ResultDelivery delivery) {
        this.ctx = ctx;
        this.analyzer = analyzer;
        this.delivery = delivery;
    }

    /** How a request is built, as far as a base must match it: its options and the go it names. */
    static String build(AnalysisRequest req) {
        return req.options() + " " + req.goPath().orElse("");
    }

    /**
     * The base for a closure of this input, read on the loop; empty when the package compile must answer.
     * Without {@code tests}, test files' decisions are not part of it (a first compile, which describes
     * the package, compiles its tests too).
     */
    Optional<Base> base(CompileInput in, String build, boolean tests, Complete last) {
        try {
            return ctx.loop.ask(() -> baseNow(in, build, tests, last)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    private Optional<Base> baseNow(CompileInput in, String build, boolean tests, Complete last) {
        WorkspaceState s = ctx.workspace.view();
        Optional<PackageView> found = s.pkg(in.dir());
        if (found.isEmpty() || in.lastEdit().isEmpty()) return Optional.empty();
        PackageView pkg = found.get();
        boolean complete = pkg.applied() == PackageView.Applied.FINAL || pkg.applied() == PackageView.Applied.BRIEF;
        if (!complete || !pkg.errors().isEmpty() || pkg.appliedSeq() >= in.seq() || pkg.appliedSeq() != last.seq
                || !last.build.equals(build) || ctx.workspace.lastNonEdit() > pkg.appliedSeq()) {
            return Optional.empty();
        }
        Optional<TextRange> body = editedBody(in);
        if (body.isEmpty()) return Optional.empty();
        for (DocumentSnapshot d : s.documentsIn(in.dir())) {
            List<TextEdits.Edit> edits = d.editsSince(pkg.appliedSeq()).stream().filter(e -> e.revision() <= in.seq()).toList();
            if (edits.isEmpty()) continue;
            if (!d.path().equals(in.lastEdit().get().file())) return Optional.empty();
            for (int i = 0; i < edits.size(); i++) {
                TextRange r = TextEdits.inserted(edits.get(i));
                for (TextEdits.Edit later : edits.subList(i + 1, edits.size())) r = TextEdits.map(r, later);
                if (r.start().compareTo(body.get().start()) <= 0 || r.end().compareTo(body.get().end()) >= 0) return Optional.empty();
            }
        }
        List<Decision> decisions = new ArrayList<>();
        for (var e : pkg.decisions().entrySet()) {
            if (!tests && PackageReport.isTestFile(e.getKey())) continue;
            for (TrackedDecision t : e.getValue()) {
                if (t.lastGood()) return Optional.empty();
                decisions.add(t.decision());
            }
        }
        return Optional.of(new Base(pkg.appliedSeq(), decisions));
    }

    /** The body of the function the newest edit is in, in the input's text (between its braces). */
    private static Optional<TextRange> editedBody(CompileInput in) {
        WorkspaceState.EditPoint at = in.lastEdit().get();
        GoSource src = in.sources().get(at.file());
        if (src == null) return Optional.empty();
        return src.functionAt(src.lines().lineStart(at.line())).flatMap(GoFunction::body);
    }

    /**
     * Compiles the closure and, when it stands for the package, applies it as the complete result;
     * otherwise the edited function's own decisions are applied as a partial result (the package
     * compile follows). Returns what the closure said and whether its result was applied.
     * {@code callersAtOnce}: the edited function's callers are in the closure's first compile.
     */
    Attempt run(CompileInput in, AnalysisRequest req, Base base, boolean callersAtOnce, dev.optlens.analysis.process.CancellationToken token,
                Runnable widening, Runnable onApplied) throws Exception {
        WorkspaceState.EditPoint at = in.lastEdit().orElseThrow();
        long t0 = System.nanoTime();
        EditClosure.Result r = analyzer.analyzeClosure(req, at.file(), at.line() + 1, base.decisions(), callersAtOnce, token, widening);
        LOG.fine(() -> in.dir() + ": closure " + (System.nanoTime() - t0) / 1_000_000 + " ms" + r.slice().map(f -> " (slice "
                + f.sliceMillis() + " ms, compile " + f.compileMillis() + " ms, " + f.kept().size() + " functions kept, "
                + f.members().size() + " members)").orElse("") + ", " + r.fallback().orElse("complete"));
        if (r.complete()) {
            Optional<WorkspaceState> applied = delivery.deliver(in, new Outcome.Closure(r.slice().get(), base.seq(), req.options().tests()),
                    Optional.of(ServerApi.Status.READY), "", onApplied).get();
            return new Attempt(r, applied.isPresent(), Optional.empty());
        }
        token.check(); // cancelled: the package compile answered first
        r.slice().ifPresent(f -> delivery.deliver(in, new Outcome.Slice(f.targetOnly()), Optional.of(ServerApi.Status.PARTIAL), f.function()));
        return new Attempt(r, false, r.slice().map(dev.optlens.analysis.slice.FunctionSlice::targetOnly));
    }

    /**
     * A closure's answer, whether it was applied as the package's complete result, and otherwise the
     * edited function's decisions delivered as partial (from the closure's slice, or a slice of its own).
     */
    record Attempt(EditClosure.Result result, boolean applied, Optional<dev.optlens.analysis.slice.FunctionSlice> partial) {
        static Attempt failed(String why) {
            return new Attempt(new EditClosure.Result(Optional.empty(), Optional.of(why)), false, Optional.empty());
        }

        Attempt withPartial(Optional<dev.optlens.analysis.slice.FunctionSlice> p) {
            return new Attempt(result, applied, p);
        }

        Optional<String> fallback() {
            return applied ? Optional.empty() : result.fallback().or(() -> Optional.of("a newer result was applied first"));
        }
    }
}
