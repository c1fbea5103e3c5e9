package dev.optlens.server;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Document sync and the per-document features. Notifications are handed to the loop, which applies
 * the edit (reparse incrementally, move decisions) and schedules a compile; requests run on request
 * threads, each reading the state the loop gave it.
 */
final class OptlensTextDocumentService implements TextDocumentService {
    private final ServerContext ctx;
    private final CompileScheduler scheduler;
    private final DiagnosticsPublisher publisher;
    private final Requests requests;
    private final HoverProvider hovers;
    private final InlayHintProvider hints;
    private final CodeLensProvider lenses;
    private final CodeActionProvider actions;

    OptlensTextDocumentService(ServerContext ctx, CompileScheduler scheduler, DiagnosticsPublisher publisher,
                               Requests requests, DetailOnDemand details) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.requests = requests;
        this.hovers = new HoverProvider(details, ctx.profiles);
        this.hints = new InlayHintProvider(ctx.profiles);
        this.lenses = new CodeLensProvider(ctx);
        this.actions = new CodeActionProvider(ctx);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var td = params.getTextDocument();
        if (td == null || td.getUri() == null) return;
        Optional<Path> path = Workspace.pathOf(td.getUri());
        if (path.isEmpty() || !path.get().toString().endsWith(".go")) return;
        String uri = td.getUri();
        int version = td.getVersion();
        String text = td.getText() == null ? "" : td.getText();
        ctx.loop.post(() -> scheduler.request(ctx.workspace.open(uri, path.get(), version, text).dir(), true));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (params.getTextDocument() == null || params.getContentChanges() == null) return;
        ctx.loop.post(() -> ctx.workspace.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(),
                params.getContentChanges()).ifPresent(d -> scheduler.request(d.dir(), false)));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        if (params.getTextDocument() == null) return;
        String uri = params.getTextDocument().getUri();
        ctx.loop.post(() -> {
            ctx.workspace.close(uri).ifPresentOrElse(scheduler::forget,
                    () -> Workspace.pathOf(uri).ifPresent(p -> scheduler.request(p.getParent(), false)));
            publisher.clear(uri);
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The unsaved buffer was analysed already; saving changes nothing the compiler sees.
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getPosition() == null) {
            return Requests.invalidParams("hover needs textDocument.uri and position");
        }
        // A hover in a large package may wait for a slice compile: cancelling the request kills it.
        return requests.run((view, token) -> hovers.hover(view, params, token).orElse(null));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getRange() == null) {
            return Requests.invalidParams("inlayHint needs textDocument.uri and range");
        }
        // A client that cannot be asked to fetch hints again (Helix: no refresh support) and asks while a
        // compile of the package is due or running is answered once it ends (at most HINTS_WAIT_MS),
        // with its decisions; not when compiles wait longer than that for typing to pause
        // (optlens.debounceMs). Other clients are answered now and asked to refresh when it lands.
        String uri = params.getTextDocument().getUri();
        return requests.runWhen(view -> view.config().caps().refreshesInlayHints() || view.settings().debounceMs() >= HINTS_WAIT_MS
                        || view.document(uri).map(d -> !scheduler.busy(d.dir())).orElse(true),
                HINTS_WAIT_MS, (view, token) -> hints.hints(view, params));
    }

    /** How long a hint request waits for the package's compile: less than Helix's request timeout (20 s). */
    static final long HINTS_WAIT_MS = 15_000;

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
            return Requests.invalidParams("codeLens needs textDocument.uri");
        }
        return requests.run((view, token) -> lenses.lenses(view, params));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getRange() == null) {
            return Requests.invalidParams("codeAction needs textDocument.uri and range");
        }
        return requests.run((view, token) -> actions.actions(view, params).stream().map(Either::<Command, CodeAction>forRight).toList());
    }
}
