package dev.optlens.server;

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
    private final Analyzer analyzer;
    private final AssemblyService service;
    private final Requests requests;

    AssemblyCommand(Analyzer analyzer, Requests requests) {
        this.analyzer = analyzer;
        this.requests = requests;
        this.service = new AssemblyService(analyzer.environment(), analyzer.sources());
    }

    CompletableFuture<Object> execute(ExecuteCommandParams params) {
        return requests.run((view, token) -> run(view, params, token));
    }

    private Object run(WorkspaceState view, ExecuteCommandParams params, CancellationToken token) {
        CommandArguments.ShowAssembly arg = CommandArguments.showAssembly(params);
        Path file = Workspace.pathOf(arg.uri()).filter(p -> p.toString().endsWith(".go"))
                .orElseThrow(() -> CommandArguments.invalid("not a Go file: " + arg.uri()));
        CompileInput snap = CompileInput.of(view, file.getParent());
        Optional<TextPosition> position = Optional.empty();
        if (arg.position().isPresent()) {
            LineIndex lines = view.lines(file).orElseThrow(() -> CommandArguments.invalid("cannot read " + file));
            position = Optional.of(view.codec().fromProtocol(lines, arg.position().get()));
        }
        Settings s = view.settings();
        BuildOptions options = new BuildOptions(s.gcflags(), arg.goos().or(s::goos), arg.goarch().or(s::goarch), s.buildTags());
        try {
            snap.sources().forEach(analyzer.sources()::offer);
            return AssemblyJson.of(service.view(analyzer.toolchain(s.goPath(), file.getParent()), file, position, options,
                    snap.overlay(), !arg.full(), token));
        } catch (AssemblyException | ToolchainException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, e.getMessage(), null));
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }
}
