package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.profile.BenchmarkProfiler;
import dev.optlens.analysis.profile.ProfileException;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code optlens.runBenchmarks}: a document's package's benchmarks run with both profiles, on a
 * thread of their own (they take seconds; hovers and hints go on meanwhile). The profiles are kept
 * under the user cache folder, never in the workspace; cancelling the request kills the run.
 */
final class ProfileCommand {
    private static final ExecutorService RUNS = Executors.newSingleThreadExecutor(
            dev.optlens.analysis.process.DaemonThreads.named("optlens-benchmarks"));

    private ProfileCommand() {
    }

    /** The document is looked up in the state the loop holds once earlier messages (its didOpen) are applied. */
    static CompletableFuture<JsonObject> run(Requests requests, CommandArguments.ProfileBenchmarks arg, Map<String, String> env) {
        CancellationToken token = new CancellationToken();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                token.cancel();
                return super.cancel(mayInterrupt);
            }
        };
        requests.run((view, t) -> {
            DocumentSnapshot doc = view.document(arg.uri()).orElseThrow(() -> CommandArguments.invalid("not an open document: " + arg.uri()));
            RUNS.execute(() -> profile(doc.dir(), view.settings().goPath(), arg, env, token, answer));
            return true;
        }).exceptionally(e -> {
            answer.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
            return false;
        });
        return answer;
    }

    private static void profile(Path dir, java.util.Optional<String> goPath, CommandArguments.ProfileBenchmarks arg, Map<String, String> env,
                                CancellationToken token, CompletableFuture<JsonObject> answer) {
        try {
            var go = new ToolchainLocator(env).locate(goPath);
            Path into = BenchmarkProfiler.runFolder(env, dir);
            BenchmarkProfiler.Run run = BenchmarkProfiler.run(go, env, dir, arg.bench(),
                    arg.benchtime().map(t -> List.of("-benchtime=" + t)).orElse(List.of()), into, token);
            JsonObject o = new JsonObject();
            o.addProperty("memProfile", run.memProfile().toString());
            o.addProperty("cpuProfile", run.cpuProfile().toString());
            o.addProperty("command", String.join(" ", run.command()));
            o.addProperty("output", run.output());
            answer.complete(o);
        } catch (ProfileException | ToolchainException e) {
            answer.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, e.getMessage(), null)));
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "the benchmarks of " + dir + " could not run: " + dev.optlens.analysis.process.Reason.of(e), null)));
        }
    }
}
