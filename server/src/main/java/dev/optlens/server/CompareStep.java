package dev.optlens.server;

import dev.optlens.analysis.compare.BuildSide;
import dev.optlens.analysis.compare.Comparison;
import dev.optlens.analysis.compare.DecisionDiff;
import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * After a compile of the user's build, the same input built as {@code optlens.compareWith} says and
 * the two compared ({@link DecisionDiff}); the differences go to the loop like every result. Each
 * compared build keeps its analyzer (toolchain, cached package descriptions) between compiles.
 */
final class CompareStep {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CompareStep.class.getName());
    private final ServerContext ctx;
    private final ResultDelivery delivery;
    private final Map<BuildSide, Comparison.Side> sides = new ConcurrentHashMap<>();
    /** The last build a missing toolchain was told for: told once, not at every edit. */
    private volatile String told = "";

    CompareStep(ServerContext ctx, ResultDelivery delivery) {
        this.ctx = ctx;
        this.delivery = delivery;
    }

    /**
     * Builds the request's input the other way and delivers the differences from {@code mine} with a
     * second {@code ready} status (its {@code message} repeated); on the compile's worker.
     */
    void run(CompileInput in, AnalysisRequest req, PackageReport mine, String message, BuildSide build, Map<String, String> env,
             CancellationToken token) {
        try {
            Comparison.Side side = side(build, env);
            PackageReport other = side.analyze(req, token);
            List<Difference> differences = mine.compiled() && other.compiled() ? DecisionDiff.compare(mine.decisions(), other.decisions()) : List.of();
            LOG.fine(() -> in.dir() + ": " + differences.size() + " differences with " + build.label());
            delivery.deliver(in, new Outcome.Compared(build.label(), other.toolchain(), differences, other.errors()),
                    Optional.of(ServerApi.Status.READY), message);
        } catch (ToolchainException e) {
            delivery.deliver(in, new Outcome.Compared(build.label(), "", List.of(), List.of(CompileError.unplaced(e.getMessage()))),
                    Optional.of(ServerApi.Status.READY), message);
            if (!build.label().equals(told)) {
                told = build.label();
                ctx.loop.post(() -> OptlensLanguageServer.warn(ctx, "optlens.compareWith " + build.label() + ": " + e.getMessage()));
            }
        } catch (IOException e) {
            LOG.warning("the comparison with " + build.label() + " failed: " + dev.optlens.analysis.process.Reason.of(e));
        }
    }

    private Comparison.Side side(BuildSide build, Map<String, String> env) throws ToolchainException {
        Comparison.Side s = sides.get(build);
        if (s != null) return s;
        if (sides.size() >= 4) sides.clear(); // a few builds compared in turn; not one analyzer per choice ever made
        s = Comparison.side(build, env);
        sides.put(build, s);
        return s;
    }
}
