package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.Analyzer;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * The optlens language server. It translates LSP to calls on the analysis layer; each editor
 * feature lives in its own class. Notifications only record state and schedule work; requests run
 * off the dispatch thread.
 */
public final class OptlensLanguageServer implements LanguageServer, LanguageClientAware {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OptlensLanguageServer.class.getName());
    private final ServerContext ctx = new ServerContext();
    private final DiagnosticsPublisher publisher = new DiagnosticsPublisher(ctx);
    private final ClientNotifier notifier = new ClientNotifier(ctx);
    private final Requests requests = new Requests(ctx.loop, ctx.workspace);
    private final java.util.concurrent.ExecutorService sliceThread =
            java.util.concurrent.Executors.newSingleThreadExecutor(dev.optlens.analysis.process.DaemonThreads.named("optlens-slice"));
    private final CompileScheduler scheduler;
    private final OptlensTextDocumentService documents;
    private final OptlensWorkspaceService workspace;
    private final IntConsumer onExit;
    private volatile boolean shutdownRequested;
    /** What read the connection's first message, when it may have answered initialize early; else null. */
    private volatile QuickStart quickStart;
    private final PackageCompile compile;

    /**
     * @param analyzer the engine
     * @param onExit   what {@code exit} does with its exit code (the process exits; tests record it)
     */
    public OptlensLanguageServer(Analyzer analyzer, IntConsumer onExit) {
        ResultDelivery delivery = new ResultDelivery(ctx, publisher, notifier);
        this.compile = new PackageCompile(ctx, analyzer, delivery, notifier, sliceThread);
        this.scheduler = new CompileScheduler(ctx, compile, notifier, requests::wake);
        this.documents = new OptlensTextDocumentService(ctx, scheduler, publisher, requests,
                new DetailOnDemand(analyzer, delivery));
        this.workspace = new OptlensWorkspaceService(ctx, scheduler, publisher, notifier, new AssemblyCommand(analyzer, requests), requests,
                analyzer::environment);
        this.onExit = onExit;
    }

    /**
     * A {@code textDocument/didOpen} read ahead while this server was still being built (see
     * {@link QuickStart#readAhead}): its package's first compile starts now, as it will be asked for
     * once the server reads the same message under the settings of {@code initialize}; the compile the
     * server then schedules takes it over, or stops it when it asks something else. Anything in the
     * message that this cannot read is left to the server, which reads the message in any case.
     */
    public void openedAhead(JsonElement initializationOptions, JsonObject didOpenParams) {
        if (!(didOpenParams.get("textDocument") instanceof JsonObject td)
                || !(td.get("uri") instanceof com.google.gson.JsonPrimitive uri) || !uri.isString()
                || !(td.get("text") instanceof com.google.gson.JsonPrimitive text) || !text.isString()
                || !(td.get("version") instanceof com.google.gson.JsonPrimitive version) || !version.isNumber()) {
            return;
        }
        Optional<java.nio.file.Path> path = Workspace.pathOf(uri.getAsString());
        if (path.isEmpty() || !path.get().toString().endsWith(".go")) return;
        // As initialize sets them (an initialize without options keeps the defaults).
        Settings settings = initializationOptions == null || initializationOptions.isJsonNull() ? ctx.config().settings()
                : Settings.read(initializationOptions).settings();
        // Above the limit the server keeps the document unparsed and does not analyse its package.
        if (DocumentSnapshot.tooLarge(text.getAsString(), settings.maxFileKB() * 1024L)) return;
        // Not parsed here: the compile needs only the text, and the analysis parses it beside the go command.
        DocumentSnapshot d = DocumentSnapshot.unparsed(uri.getAsString(), path.get(), version.getAsInt(), 0, text.getAsString());
        compile.ahead(CompileInput.opening(d, settings));
    }

    /** Answers a request that could not be read (see {@link FramedMessageProducer}) with a parse error. */
    @org.eclipse.lsp4j.jsonrpc.services.JsonRequest(ServerApi.INVALID_MESSAGE)
    public CompletableFuture<Object> invalidMessage(String why) {
        return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.ParseError,
                        "optlens could not read this message: " + why, null)));
    }

    /**
     * A launcher for this server on a pair of streams, reading each message whole first so that one
     * that cannot be read never desynchronises the stream (see {@link FramedMessageProducer}).
     */
    public org.eclipse.lsp4j.jsonrpc.Launcher<OptlensClient> launcher(java.io.InputStream in, java.io.OutputStream out) {
        return launcher(in, out, null);
    }

    /**
     * As {@link #launcher(java.io.InputStream, java.io.OutputStream)}, on a connection whose first message
     * {@code quick} may have answered already: the server still reads and acts on it, and its own answer is
     * not sent. If the server cannot read that initialize (the early answer could), it still uses the
     * position encoding the early answer announced.
     */
    public org.eclipse.lsp4j.jsonrpc.Launcher<OptlensClient> launcher(QuickStart quick) {
        return launcher(quick.input(), quick.output(), quick);
    }

    private org.eclipse.lsp4j.jsonrpc.Launcher<OptlensClient> launcher(java.io.InputStream in, java.io.OutputStream out, QuickStart quick) {
        org.eclipse.lsp4j.jsonrpc.Launcher<OptlensClient> launcher = new org.eclipse.lsp4j.launch.LSPLauncher.Builder<OptlensClient>() {
            /** The handler the endpoint was made with: it alone knows which request a response answers. */
            private org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler handler;

            @Override
            protected org.eclipse.lsp4j.jsonrpc.RemoteEndpoint createRemoteEndpoint(org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler json) {
                handler = json;
                // As LSP4J's, with a consumer that writes each message as bytes without a String copy of it.
                org.eclipse.lsp4j.jsonrpc.MessageConsumer framed = new FramedMessageConsumer(output, json);
                org.eclipse.lsp4j.jsonrpc.MessageConsumer outgoing = wrapMessageConsumer(quick == null ? framed : withoutSecondAnswer(framed, quick));
                org.eclipse.lsp4j.jsonrpc.Endpoint local = afterShutdown(org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints.toEndpoint(localServices));
                org.eclipse.lsp4j.jsonrpc.RemoteEndpoint remote = exceptionHandler == null
                        ? new org.eclipse.lsp4j.jsonrpc.RemoteEndpoint(outgoing, local)
                        : new org.eclipse.lsp4j.jsonrpc.RemoteEndpoint(outgoing, local, exceptionHandler);
                json.setMethodProvider(remote);
                return remote;
            }

            @Override
            protected org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor createMessageProcessor(
                    org.eclipse.lsp4j.jsonrpc.MessageProducer reader, org.eclipse.lsp4j.jsonrpc.MessageConsumer consumer,
                    OptlensClient proxy) {
                // The endpoint's own handler: a fresh one could not tell which request a response answers, and
                // read every answer of the client (workspace/configuration included) as null.
                return super.createMessageProcessor(new FramedMessageProducer(input, handler), consumer, proxy);
            }
        }.setLocalService(this).setRemoteInterface(OptlensClient.class).setInput(in).setOutput(out).create();
        quickStart = quick;
        connect(launcher.getRemoteProxy());
        return launcher;
    }

    /** The position encoding an early answer to initialize announced; empty when none was sent. */
    private Optional<PositionCodec> announced() {
        QuickStart quick = quickStart;
        return quick == null ? Optional.empty() : quick.announced();
    }

    /** Sends every message but the server's own answer to the initialize {@code quick} answered. */
    private org.eclipse.lsp4j.jsonrpc.MessageConsumer withoutSecondAnswer(org.eclipse.lsp4j.jsonrpc.MessageConsumer next, QuickStart quick) {
        java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
        return message -> {
            if (message instanceof org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage r && quick.isAnswered(r.getId()) && dropped.compareAndSet(false, true)) {
                if (r.getError() != null) {
                    LOG.warning("the server could not read the initialize it answered early: " + r.getError().getMessage()
                            + "; it goes on with the default settings");
                    PositionCodec codec = announced().orElse(PositionCodec.UTF16);
                    ctx.loop.post(() -> ctx.workspace.configure(new ServerConfig(ctx.config().settings(), codec, ctx.config().caps()), false));
                }
                return;
            }
            next.consume(message);
        };
    }

    /**
     * The server's endpoint as LSP wants it once {@code shutdown} was asked: every request but none
     * other is answered InvalidRequest (-32600), and notifications but {@code exit} are dropped.
     */
    private org.eclipse.lsp4j.jsonrpc.Endpoint afterShutdown(org.eclipse.lsp4j.jsonrpc.Endpoint local) {
        return new org.eclipse.lsp4j.jsonrpc.Endpoint() {
            @Override
            public CompletableFuture<?> request(String method, Object parameter) {
                if (!shutdownRequested) return local.request(method, parameter);
                return CompletableFuture.failedFuture(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                        new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidRequest,
                                "the server is shut down: only 'exit' is accepted now", null)));
            }

            @Override
            public void notify(String method, Object parameter) {
                if (!shutdownRequested || "exit".equals(method)) local.notify(method, parameter);
            }
        };
    }

    @Override
    public void connect(LanguageClient client) {
        ctx.connect((OptlensClient) client);
        ctx.log.install(ctx.config().settings().logLevel());
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ClientCapabilities caps = Optional.ofNullable(params.getCapabilities()).orElse(new ClientCapabilities());
        // The encoding an early answer announced (QuickStart) is the one the client now uses.
        PositionCodec codec = announced().orElseGet(() -> InitializeAnswer.codec(
                Optional.ofNullable(caps.getGeneral()).map(g -> g.getPositionEncodings()).orElse(List.of())));
        var ws = caps.getWorkspace();
        ServerConfig.Capabilities can = new ServerConfig.Capabilities(
                ws != null && ws.getInlayHint() != null && Boolean.TRUE.equals(ws.getInlayHint().getRefreshSupport()),
                ws != null && ws.getCodeLens() != null && Boolean.TRUE.equals(ws.getCodeLens().getRefreshSupport()),
                caps.getWindow() != null && Boolean.TRUE.equals(caps.getWindow().getWorkDoneProgress()),
                ws != null && Boolean.TRUE.equals(ws.getConfiguration()),
                ws != null && ws.getDidChangeWatchedFiles() != null && Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration()),
                caps.getTextDocument() != null && caps.getTextDocument().getCodeLens() != null);
        ctx.loop.post(() -> ctx.workspace.configure(new ServerConfig(ctx.config().settings(), codec, can), false));
        if (params.getInitializationOptions() instanceof JsonElement options) workspace.applySettings(options, false);
        // Answered early, this answer is dropped unsent (withoutSecondAnswer): nothing is built for it.
        if (announced().isPresent()) return CompletableFuture.completedFuture(null);
        return CompletableFuture.completedFuture(Lsp4jJson.GSON.fromJson(InitializeAnswer.result(codec), InitializeResult.class));
    }

    /** LSP4J's own mapping, for reading {@link InitializeAnswer}'s JSON into its types; made at the first initialize. */
    private static final class Lsp4jJson {
        static final com.google.gson.Gson GSON = new org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler(java.util.Map.of()).getGson();
    }

    @Override
    public void initialized(InitializedParams params) {
        ctx.loop.post(() -> {
            workspace.pullConfiguration();
            watchFiles();
        });
    }

    /**
     * Asks the client to tell us when Go files, go.mod/go.work or a baseline file change on disk
     * (workspace/didChangeWatchedFiles): an unopened file of a package, a dependency, a new baseline.
     * Only a client that offers dynamic registration can; the others recompile on open and edit.
     */
    private void watchFiles() {
        OptlensClient client = ctx.client();
        if (client == null || !ctx.config().caps().watchesFiles()) return;
        List<org.eclipse.lsp4j.FileSystemWatcher> watchers = new java.util.ArrayList<>();
        for (String glob : List.of("**/*.go", "**/go.mod", "**/go.work", "**/*.json")) {
            watchers.add(new org.eclipse.lsp4j.FileSystemWatcher(org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(glob)));
        }
        org.eclipse.lsp4j.Registration registration = new org.eclipse.lsp4j.Registration("optlens-watch",
                "workspace/didChangeWatchedFiles", new org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions(watchers));
        client.registerCapability(new org.eclipse.lsp4j.RegistrationParams(List.of(registration)))
                .exceptionally(e -> null); // a client that refuses keeps working without
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return scheduler.shutdown().thenApply(done -> {
            stopThreads();
            return null;
        });
    }

    @Override
    public void exit() {
        scheduler.shutdown();
        stopThreads();
        onExit.accept(shutdownRequested ? 0 : 1);
    }

    private void stopThreads() {
        requests.shutdown();
        sliceThread.shutdownNow();
        ctx.loop.shutdown();
        ctx.log.uninstall();
    }

    /** The loop that owns the state (tests trace what runs on it). */
    ServerLoop loop() {
        return ctx.loop;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /**
     * Go has no notebooks, and no client is told of any notebook support; but the interface's default
     * answers null, and the launcher, finding a null delegate, builds a log line for it whether or not
     * it is logged: a fresh JVM spins method-handle classes for it (about 10 ms of the start-up).
     */
    @Override
    public org.eclipse.lsp4j.services.NotebookDocumentService getNotebookDocumentService() {
        return NO_NOTEBOOKS;
    }

    private static final org.eclipse.lsp4j.services.NotebookDocumentService NO_NOTEBOOKS = new org.eclipse.lsp4j.services.NotebookDocumentService() {
        @Override
        public void didOpen(org.eclipse.lsp4j.DidOpenNotebookDocumentParams params) {
        }

        @Override
        public void didChange(org.eclipse.lsp4j.DidChangeNotebookDocumentParams params) {
        }

        @Override
        public void didSave(org.eclipse.lsp4j.DidSaveNotebookDocumentParams params) {
        }

        @Override
        public void didClose(org.eclipse.lsp4j.DidCloseNotebookDocumentParams params) {
        }
    };

    /** The server's current text of an open document (for tests that check sync). */
    Optional<String> documentText(String uri) {
        return ctx.workspace.view().document(uri).map(d -> d.source().text());
    }

    static void warn(ServerContext ctx, String message) {
        OptlensClient c = ctx.client();
        if (c != null) c.showMessage(new MessageParams(MessageType.Warning, message));
    }
}
