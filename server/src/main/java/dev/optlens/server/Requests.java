package dev.optlens.server;

import dev.optlens.analysis.process.CancellationToken;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs requests off the message thread, on {@code optlens-request} threads, with LSP cancellation
 * bridged into the engine's: {@code $/cancelRequest} cancels the future, which cancels the token on a
 * request thread (killing any compile the request started, never on the message thread).
 */
final class Requests {
    private final ExecutorService threads = Executors.newFixedThreadPool(2, dev.optlens.analysis.process.DaemonThreads.named("optlens-request"));
    /** Cancels on a thread of its own: the request threads may be busy with the very work to stop. */
    private final ExecutorService canceller = Executors.newSingleThreadExecutor(dev.optlens.analysis.process.DaemonThreads.named("optlens-cancel"));

    <R> CompletableFuture<R> run(Function<CancellationToken, R> work) {
        CancellationToken token = new CancellationToken();
        CompletableFuture<R> f = CompletableFutures.computeAsync(threads, checker -> {
            checker.checkCanceled();
            return work.apply(token);
        });
        f.whenCompleteAsync((r, e) -> {
            if (f.isCancelled()) token.cancel();
        }, canceller);
        return f;
    }

    void shutdown() {
        threads.shutdownNow();
        canceller.shutdownNow();
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
