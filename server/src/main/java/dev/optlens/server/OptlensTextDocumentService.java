package dev.optlens.server;

import dev.optlens.analysis.syntax.LineIndex;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Document sync and the per-document features. Notifications apply the edit, reparse incrementally,
 * move decisions, and schedule a compile; requests are answered from what the workspace holds now.
 */
final class OptlensTextDocumentService implements TextDocumentService {
    private static final Logger LOG = Logger.getLogger(OptlensTextDocumentService.class.getName());

    private final ServerContext ctx;
    private final AnalysisScheduler scheduler;
    private final DiagnosticsPublisher publisher;
    private final HoverProvider hovers;
    private final InlayHintProvider hints;
    private final CodeLensProvider lenses;
    private final java.util.concurrent.ExecutorService hoverThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "optlens-hover");
        t.setDaemon(true);
        return t;
    });

    OptlensTextDocumentService(ServerContext ctx, AnalysisScheduler scheduler, DiagnosticsPublisher publisher) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.hovers = new HoverProvider(ctx, scheduler::details);
        this.hints = new InlayHintProvider(ctx);
        this.lenses = new CodeLensProvider(ctx);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var td = params.getTextDocument();
        if (td == null || td.getUri() == null) return;
        Optional<Path> path = Workspace.pathOf(td.getUri());
        if (path.isEmpty() || !path.get().toString().endsWith(".go")) return;
        Document d = ctx.workspace.open(td.getUri(), path.get(), td.getVersion(), td.getText() == null ? "" : td.getText());
        scheduler.request(d.path().getParent(), true);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (params.getTextDocument() == null) return;
        Optional<Document> doc = ctx.workspace.document(params.getTextDocument().getUri());
        if (doc.isEmpty() || params.getContentChanges() == null) return;
        Document d = doc.get();
        List<Workspace.ChangeEvent> changes = new ArrayList<>();
        // Each change's range refers to the text after the previous change: convert one at a time.
        int version = params.getTextDocument().getVersion() == null ? d.version() + 1 : params.getTextDocument().getVersion();
        for (TextDocumentContentChangeEvent c : params.getContentChanges()) {
            if (c == null || c.getText() == null) continue;
            LineIndex lines = d.source().lines();
            Workspace.ChangeEvent e = new Workspace.ChangeEvent(
                    Optional.ofNullable(c.getRange()).map(r -> ctx.codec().fromProtocol(lines, r)), c.getText());
            ctx.workspace.change(d, version, List.of(e));
            changes.add(e);
        }
        if (!changes.isEmpty()) scheduler.request(d.path().getParent(), false);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        if (params.getTextDocument() == null) return;
        String uri = params.getTextDocument().getUri();
        ctx.workspace.close(uri).ifPresentOrElse(scheduler::forget,
                () -> Workspace.pathOf(uri).ifPresent(p -> scheduler.request(p.getParent(), false)));
        publisher.clear(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The unsaved buffer was analysed already; saving changes nothing the compiler sees.
    }

    /** A request without the parameters it needs is the client's error (-32602), not ours. */
    private static <T> CompletableFuture<T> invalidParams(String what) {
        return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams,
                        what, null)));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getPosition() == null) {
            return invalidParams("hover needs textDocument.uri and position");
        }
        // Its own thread: a hover in a large package may wait for a slice compile.
        return CompletableFuture.supplyAsync(() -> hovers.hover(params).orElse(null), hoverThread);
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getRange() == null) {
            return invalidParams("inlayHint needs textDocument.uri and range");
        }
        return CompletableFutures.computeAsync(cancel -> hints.hints(params));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
            return invalidParams("codeLens needs textDocument.uri");
        }
        return CompletableFutures.computeAsync(cancel -> lenses.lenses(params));
    }
}
