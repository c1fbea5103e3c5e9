package dev.optlens.server;

import com.google.gson.JsonElement;
import dev.optlens.analysis.engine.PackageAnalyzer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensWorkspaceCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintWorkspaceCapabilities;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A real JSON-RPC connection: the server and a recording client, each on an LSP4J launcher,
 * talking over piped streams.
 */
final class LspHarness implements AutoCloseable {
    final OptlensLanguageServer server;
    final RecordingClient client = new RecordingClient();
    final LanguageServer remote;
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Future<Void> serverListening;
    private final Future<Void> clientListening;
    private final BytePipe[] pipes;

    LspHarness(dev.optlens.analysis.engine.Analyzer analyzer) throws IOException {
        BytePipe toServer = new BytePipe();
        BytePipe toClient = new BytePipe();
        pipes = new BytePipe[]{toServer, toClient};
        var serverIn = toServer.in;
        var clientOut = toServer.out;
        var clientIn = toClient.in;
        var serverOut = toClient.out;
        server = new OptlensLanguageServer(analyzer, exitCode::complete);
        Launcher<OptlensClient> serverLauncher = server.launcher(serverIn, serverOut);
        serverListening = serverLauncher.startListening();
        Launcher<LanguageServer> clientLauncher = new LSPLauncher.Builder<LanguageServer>().setLocalService(client)
                .setRemoteInterface(LanguageServer.class).setInput(clientIn).setOutput(clientOut).create();
        remote = clientLauncher.getRemoteProxy();
        clientListening = clientLauncher.startListening();
    }

    /** Whether the client says it takes workspace/inlayHint/refresh (Helix does not). */
    boolean refreshesHints = true;

    LspHarness() throws IOException {
        this(PackageAnalyzer.fromSystem());
    }

    InitializeResult initialize(JsonElement options, boolean utf8) throws Exception {
        return initialize(options, utf8, false);
    }

    /** @param pullsConfiguration whether the client answers workspace/configuration (with {@link RecordingClient#configuration}) */
    InitializeResult initialize(JsonElement options, boolean utf8, boolean pullsConfiguration) throws Exception {
        InitializeParams p = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(pullsConfiguration);
        ws.setInlayHint(new InlayHintWorkspaceCapabilities(refreshesHints));
        ws.setCodeLens(new CodeLensWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        if (utf8) {
            GeneralClientCapabilities general = new GeneralClientCapabilities();
            general.setPositionEncodings(List.of("utf-8", "utf-16"));
            caps.setGeneral(general);
        }
        p.setCapabilities(caps);
        p.setInitializationOptions(options);
        InitializeResult r = remote.initialize(p).get(30, TimeUnit.SECONDS);
        remote.initialized(new InitializedParams());
        return r;
    }

    void open(Path file, String text) {
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri(file), "go", 1, text)));
    }

    void change(Path file, int version, Range range, String text) {
        TextDocumentContentChangeEvent e = new TextDocumentContentChangeEvent(range, text);
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri(file), version), List.of(e)));
    }

    static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    static String uri(Path file) {
        return file.toUri().toString();
    }

    @Override
    public void close() throws Exception {
        try {
            remote.shutdown().get(10, TimeUnit.SECONDS);
            remote.exit();
            exitCode.get(10, TimeUnit.SECONDS);
        } finally {
            for (BytePipe p : pipes) p.out.close();
            serverListening.cancel(true);
            clientListening.cancel(true);
        }
    }
}
