package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.optlens.analysis.asm.AssemblyException;
import dev.optlens.analysis.asm.AssemblyJson;
import dev.optlens.analysis.asm.AssemblyService;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.engine.Analyzer;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.toolchain.ToolchainException;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code optlens.showAssembly [{"uri","position"?,"goarch"?,"goos"?,"full"?}]}: the listing of the
 * function at the position (every function of the file without one), from the unsaved buffers;
 * {@code full} keeps addresses and PCDATA/FUNCDATA. Cancelling the request kills the compile.
 */
final class AssemblyCommand {
    private final ServerContext ctx;
    private final Analyzer analyzer;
    private final AssemblyService service;
    private final Requests requests;
    private final Gson gson = new Gson();

    AssemblyCommand(ServerContext ctx, Analyzer analyzer, Requests requests) {
        this.ctx = ctx;
        this.analyzer = analyzer;
        this.requests = requests;
        this.service = new AssemblyService(analyzer.environment(), analyzer.sources());
    }

    CompletableFuture<Object> execute(ExecuteCommandParams params) {
        return requests.run(token -> run(params, token));
    }

    private Object run(ExecuteCommandParams params, CancellationToken token) {
        JsonObject arg = params.getArguments() == null || params.getArguments().isEmpty() ? new JsonObject()
                : Optional.of(gson.toJsonTree(params.getArguments().get(0))).filter(JsonElement::isJsonObject)
                .map(JsonElement::getAsJsonObject).orElse(new JsonObject());
        String uri = string(arg, "uri").orElseThrow(() -> invalid(
                "optlens.showAssembly takes [{\"uri\": …, \"position\"?: {\"line\", \"character\"}, \"goarch\"?, \"goos\"?}]"));
        Path file = Workspace.pathOf(uri).filter(p -> p.toString().endsWith(".go"))
                .orElseThrow(() -> invalid("not a Go file: " + uri));
        WorkspaceState view = ctx.workspace.view();
        CompileInput snap = CompileInput.of(view, file.getParent());
        Optional<TextPosition> position = Optional.empty();
        if (arg.has("position") && arg.get("position").isJsonObject()) {
            Position p = gson.fromJson(arg.get("position"), Position.class);
            LineIndex lines = view.lines(file).orElseThrow(() -> invalid("cannot read " + file));
            position = Optional.of(ctx.codec().fromProtocol(lines, p));
        }
        Settings s = ctx.settings();
        BuildOptions options = new BuildOptions(s.gcflags(), string(arg, "goos").or(s::goos), string(arg, "goarch").or(s::goarch),
                s.buildTags());
        try {
            snap.sources().forEach(analyzer.sources()::offer);
            boolean full = arg.has("full") && arg.get("full").isJsonPrimitive() && arg.get("full").getAsBoolean();
            return AssemblyJson.of(service.view(analyzer.toolchain(s.goPath(), file.getParent()), file, position, options, snap.overlay(), !full, token));
        } catch (AssemblyException | ToolchainException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, e.getMessage(), null));
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static Optional<String> string(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() && !o.get(k).getAsString().isBlank() ? Optional.of(o.get(k).getAsString())
                : Optional.empty();
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
