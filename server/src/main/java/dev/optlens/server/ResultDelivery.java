package dev.optlens.server;

import java.util.Optional;

/**
 * Hands a result to the workspace and, when it was applied, tells the client: diagnostics, the
 * package's status, and refreshes of hints and lenses. Every result goes this way (compiles, fast
 * slices, hover detail), so the rules of {@link ResultMerge} hold for all of them.
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

    /** @return whether the outcome was applied (false: something newer or more complete is there) */
    boolean deliver(CompileInput in, Outcome outcome, Optional<ServerApi.Status> status, String message) {
        if (!ctx.workspace.apply(in, outcome)) return false;
        publisher.publishPackage(in.dir());
        status.ifPresent(s -> notifier.status(in.dir(), s, in, message));
        notifier.refresh(!(outcome instanceof Outcome.Early || outcome instanceof Outcome.Slice));
        return true;
    }
}
