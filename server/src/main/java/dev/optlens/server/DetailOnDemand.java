package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.Analyzer;
import dev.optlens.analysis.slice.FunctionSlice;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Full detail on demand: a hover on a brief decision of a large package compiles a slice around its
 * function, and the slice goes through {@link ResultDelivery} like any result. Runs on the request's
 * thread with the request's cancellation (a cancelled hover kills its slice compile).
 */
final class DetailOnDemand {
    private static final Logger LOG = Logger.getLogger(DetailOnDemand.class.getName());

    private final Analyzer analyzer;
    private final ResultDelivery delivery;
    /** Slices that could not be made, by file, line and input: not tried again for the same text (every hover would pay). */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    DetailOnDemand(Analyzer analyzer, ResultDelivery delivery) {
        this.analyzer = analyzer;
        this.delivery = delivery;
    }

    /**
     * @param view the state the request reads
     * @return the state that holds detail for the function at a 0-based line of the file, once the loop applied it
     */
    Optional<WorkspaceState> details(WorkspaceState view, Path file, int line0, CancellationToken token) {
        CompileInput in = CompileInput.of(view, file.getParent());
        String attempt = file + ":" + line0 + "@" + in.seq();
        if (failed.contains(attempt)) return Optional.empty();
        Settings s = in.settings();
        AnalysisRequest req = new AnalysisRequest(in.dir(), s.buildOptions().withTests(false), in.overlay(), s.goPath(),
                in.files(), Optional.of(in.openFiles()));
        try {
            Optional<FunctionSlice> slice = analyzer.analyzeFunction(req, file, line0 + 1, token, () -> { });
            if (slice.isEmpty()) {
                LOG.info(() -> "no detail for " + file.getFileName() + ":" + (line0 + 1) + ": no slice could be made");
                remember(attempt);
                return Optional.empty();
            }
            return delivery.deliver(in, new Outcome.Slice(slice.get()), Optional.empty(), "").get();
        } catch (CancellationException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (Exception e) {
            if (token.isCancelled()) throw new CancellationException("cancelled");
            LOG.log(Level.INFO, "no detail for " + file.getFileName() + ":" + (line0 + 1) + ": " + e.getMessage(), e);
            remember(attempt);
            return Optional.empty();
        }
    }

    private void remember(String attempt) {
        if (failed.size() > 1024) failed.clear();
        failed.add(attempt);
    }
}
