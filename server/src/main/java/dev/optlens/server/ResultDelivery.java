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

    /**
     * How long typing must pause before a compile failure is shown: code half typed does not compile,
     * and a warning and status flipping at every keystroke say nothing.
     */
    static final long TYPING_PAUSE_MS = 1_000;

    /** On the loop: applies the result and tells the client what changed. */
    Optional<WorkspaceState> apply(CompileInput in, Outcome outcome, Optional<ServerApi.Status> status, String message) {
        Optional<WorkspaceState> applied = ctx.workspace.apply(in, outcome);
        if (applied.isEmpty()) return applied;
        if (status.equals(Optional.of(ServerApi.Status.FAILED)) && typing(applied.get(), in.dir()) > 0) {
            holdFailure(in, message);
            return applied;
        }
        tell(applied.get(), in, outcome, status, message);
        return applied;
    }

    private void tell(WorkspaceState state, CompileInput in, Outcome outcome, Optional<ServerApi.Status> status, String message) {
        publisher.publishPackage(state, in.dir());
        String route = outcome instanceof Outcome.Whole ? "package" : outcome instanceof Outcome.Closure ? "closure"
                : outcome instanceof Outcome.Slice ? "slice" : "";
        Optional<String> fallback = outcome instanceof Outcome.Whole w ? w.closureFallback() : Optional.empty();
        status.ifPresent(s -> notifier.status(state, in.dir(), s, in, message, route, fallback));
        notifier.refresh(state, !(outcome instanceof Outcome.Early || outcome instanceof Outcome.Slice));
    }

    /** Milliseconds until typing in the package has paused long enough; 0 when it has. */
    private static long typing(WorkspaceState state, java.nio.file.Path dir) {
        WorkspaceState.EditPoint last = state.lastEdits().get(dir);
        if (last == null) return 0;
        long since = (System.nanoTime() - last.nanos()) / 1_000_000;
        return Math.max(0, TYPING_PAUSE_MS - since);
    }

    /** Tells a failure once typing pauses, unless a newer result came first. */
    private void holdFailure(CompileInput in, String message) {
        WorkspaceState now = ctx.workspace.view();
        ctx.loop.later(() -> {
            WorkspaceState later = ctx.workspace.view();
            boolean stillApplied = later.pkg(in.dir()).map(p -> p.appliedSeq() == in.seq()).orElse(false);
            if (!stillApplied) return;
            if (typing(later, in.dir()) > 0) {
                holdFailure(in, message);
                return;
            }
            tell(later, in, new Outcome.Failure(java.util.List.of()), Optional.of(ServerApi.Status.FAILED), message);
        }, Math.max(1, typing(now, in.dir())));
    }
}
