package dev.optlens.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How a worker's result reaches the state: it is sent to the loop, which alone applies it to the
 * workspace and, when it was applied, tells the client (diagnostics, the package's status, refreshes
 * of hints and lenses). Every result goes this way (compiles, fast slices, hover detail), so the
 * rules of {@link ResultMerge} hold for all of them.
 */
final class ResultDelivery {
    private final ServerContext ctx;
    private final DiagnosticsPublisher publisher;
    private final ClientNotifier notifier;

    ResultDelivery(ServerContext ctx, DiagnosticsPublisher publisher, ClientNotifier notifier) {
        this.ctx = ctx;
        this.publisher = publisher;
        this.notifier = notifier;
    }

    /**
     * Sends a result to the loop; from any thread.
     *
     * @return the state that holds it once applied; empty when something newer or more complete is there
     */
    CompletableFuture<Optional<WorkspaceState>> deliver(CompileInput in, Outcome outcome, Optional<ServerApi.Status> status,
                                                         String message) {
        return deliver(in, outcome, status, message, () -> { });
    }

    /** {@link #deliver(CompileInput, Outcome, Optional, String)}, running {@code onApplied} on the loop once applied. */
    CompletableFuture<Optional<WorkspaceState>> deliver(CompileInput in, Outcome outcome, Optional<ServerApi.Status> status,
                                                         String message, Runnable onApplied) {
        return ctx.loop.ask(() -> {
            Optional<WorkspaceState> applied = apply(in, outcome, status, message);
            if (applied.isPresent()) onApplied.run();
            return applied;
        });
    }

    /** On the loop: applies the result and tells the client what changed. */
    Optional<WorkspaceState> apply(CompileInput in, Outcome outcome, Optional<ServerApi.Status> status, String message) {
        Optional<WorkspaceState> applied = ctx.workspace.apply(in, outcome);
        if (applied.isEmpty()) return applied;
        publisher.publishPackage(applied.get(), in.dir());
        status.ifPresent(s -> notifier.status(applied.get(), in.dir(), s, in, message));
        notifier.refresh(applied.get(), !(outcome instanceof Outcome.Early || outcome instanceof Outcome.Slice));
        return applied;
    }
}
