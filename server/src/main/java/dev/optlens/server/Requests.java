package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * Runs requests off the message thread, on {@code optlens-request} threads, each with the state the
 * loop holds when it comes to the request (so a request sent after an edit sees it), and with LSP
 * cancellation bridged into the engine's: {@code $/cancelRequest} cancels the future, which cancels
 * the token on the loop (killing any compile the request started, never on the message thread).
 */
final class Requests {
    private final ServerLoop loop;
    private final Workspace workspace;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, dev.optlens.analysis.process.DaemonThreads.named("optlens-request"));

    Requests(ServerLoop loop, Workspace workspace) {
        this.loop = loop;
        this.workspace = workspace;
    }

    <R> CompletableFuture<R> run(BiFunction<WorkspaceState, CancellationToken, R> work) {
        return runWhen(view -> true, 0, work);
    }

    /** A request waiting on the loop for the state it needs; no thread is held while it waits. */
    private record Parked(java.util.function.Predicate<WorkspaceState> ready, CompletableFuture<?> answer, Runnable start) {
    }

    private final java.util.List<Parked> parked = new java.util.ArrayList<>();

    /**
     * {@link #run}, once {@code ready} holds on the loop ({@link #wake} asks again, after each compile)
     * or after {@code maxMs}, whichever comes first.
     */
    <R> CompletableFuture<R> runWhen(java.util.function.Predicate<WorkspaceState> ready, long maxMs,
                                     BiFunction<WorkspaceState, CancellationToken, R> work) {
        CancellationToken token = new CancellationToken();
        CompletableFuture<R> answer = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                boolean done = super.cancel(mayInterrupt);
                loop.post(token::cancel);
                return done;
            }
        };
        Runnable start = () -> start(answer, token, work);
        loop.post(() -> {
            if (answer.isDone()) return;
            if (ready.test(workspace.view())) {
                start.run();
                return;
            }
            Parked p = new Parked(ready, answer, start);
            parked.add(p);
            loop.later(() -> {
                if (parked.remove(p)) start.run();
            }, maxMs);
        });
        return answer;
    }

    /** On the loop, after the state changed: starts the parked requests whose state is there now. */
    void wake() {
        loop.confined("wake");
        if (parked.isEmpty()) return;
        WorkspaceState view = workspace.view();
        for (Parked p : java.util.List.copyOf(parked)) {
            if (p.answer().isDone()) parked.remove(p);
            else if (p.ready().test(view)) {
                parked.remove(p);
                p.start().run();
            }
        }
    }

    /** On the loop: runs the request on a request thread with the state the loop holds now. */
    private <R> void start(CompletableFuture<R> answer, CancellationToken token, BiFunction<WorkspaceState, CancellationToken, R> work) {
        if (answer.isDone()) return;
        WorkspaceState view = workspace.view();
        try {
            threads.execute(() -> {
                if (answer.isDone()) return;
                try {
                    answer.complete(work.apply(view, token));
                } catch (CancellationException e) {
                    answer.cancel(false);
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            answer.cancel(false);
        }
    }

    void shutdown() {
        threads.shutdownNow();
    }

    /** A request without the parameters it needs is the client's error (-32602), not ours. */
    static <T> CompletableFuture<T> invalidParams(String what) {
        return CompletableFuture.failedFuture(new ResponseErrorException(
                new ResponseError(ResponseErrorCode.InvalidParams, what, null)));
    }

    /** The document changed while the request was computed: its answer would be placed on another text. */
    static ResponseErrorException contentModified(String uri) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.ContentModified,
                "the document changed while this request was answered: " + uri, null));
    }
}
