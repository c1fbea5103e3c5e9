package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.ReportJson;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Settings and commands. */
final class OptlensWorkspaceService implements WorkspaceService {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OptlensWorkspaceService.class.getName());
    private final ServerContext ctx;
    private final CompileScheduler scheduler;
    private final DiagnosticsPublisher publisher;
    private final AssemblyCommand assembly;
    private final Requests requests;

    OptlensWorkspaceService(ServerContext ctx, CompileScheduler scheduler, DiagnosticsPublisher publisher,
                            AssemblyCommand assembly, Requests requests) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.assembly = assembly;
        this.requests = requests;
    }

    static List<String> commands() {
        return ServerApi.COMMANDS;
    }

    /** Reads a settings section; warns once per bad value; recompiles or re-presents what changed. */
    void applySettings(JsonElement section, boolean live) {
        Settings.Read read = Settings.read(section);
        // The same settings arrive twice at start (initializationOptions, then workspace/configuration):
        // each warning is told once, until the settings change.
        synchronized (this) {
            if (!read.warnings().equals(lastWarnings)) read.warnings().forEach(w -> OptlensLanguageServer.warn(ctx, w));
            lastWarnings = read.warnings();
        }
        Settings before = ctx.settings();
        ctx.settings(read.settings());
        ctx.log.install(read.settings().logLevel());
        if (!live) return;
        if (!read.settings().equals(before)) {
            LOG.info("settings changed" + (read.settings().changesBuild(before) ? ": recompiling" : ": showing decisions anew"));
        }
        if (read.settings().changesBuild(before)) {
            recompileAll(true);
        } else {
            ctx.workspace.view().openPackages().forEach(publisher::publishPackage);
            OptlensClient c = ctx.client();
            if (c != null && ctx.clientRefreshesInlayHints) c.refreshInlayHints();
            if (c != null && ctx.clientRefreshesCodeLenses) c.refreshCodeLenses();
        }
    }

    /** What a compile sees changed for every package: results of older inputs are older. */
    private void recompileAll(boolean immediate) {
        ctx.workspace.bump();
        ctx.workspace.view().openPackages().forEach(dir -> scheduler.request(dir, immediate));
    }

    private List<String> lastWarnings = List.of();

    /** Asks the client for the optlens section (when it supports workspace/configuration). */
    void pullConfiguration() {
        OptlensClient c = ctx.client();
        if (c == null || !ctx.clientSupportsConfiguration) return;
        ConfigurationItem item = new ConfigurationItem();
        item.setSection(ServerApi.SECTION);
        c.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
            if (values == null || values.isEmpty() || values.get(0) == null) return;
            // Over the wire an answer arrives as plain maps and lists (its declared type is Object), not JSON trees.
            Object v = values.get(0);
            JsonElement e = v instanceof JsonElement je ? je : new com.google.gson.Gson().toJsonTree(v);
            if (!e.isJsonNull()) applySettings(e, true);
        }).exceptionally(t -> {
            LOG.log(java.util.logging.Level.WARNING,
                    "the client's settings could not be read: " + dev.optlens.analysis.process.Reason.of(t), t);
            return null;
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (ctx.clientSupportsConfiguration) {
            pullConfiguration();
            return;
        }
        Object settings = params == null ? null : params.getSettings();
        if (settings instanceof JsonObject o) applySettings(o.has(ServerApi.SECTION) ? o.get(ServerApi.SECTION) : o, true);
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        List<String> uris = params == null || params.getChanges() == null ? List.of()
                : params.getChanges().stream().filter(java.util.Objects::nonNull).map(e -> String.valueOf(e.getUri())).toList();
        String baseline = ctx.settings().baseline();
        boolean build = uris.isEmpty() || uris.stream().anyMatch(u -> u.endsWith(".go") || u.endsWith("/go.mod") || u.endsWith("/go.work")
                || u.endsWith("/go.sum"));
        if (build) {
            // Files changed on disk: unopened package files feed the next compile; recompile what is open.
            recompileAll(false);
        } else if (!baseline.isEmpty() && uris.stream().anyMatch(u -> u.endsWith("/" + baseline.replace('\\', '/')))) {
            // A new baseline changes what is shown, not what the compiler decides.
            ctx.workspace.view().openPackages().forEach(publisher::publishPackage);
        }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        String command = params.getCommand();
        if (ServerApi.COMMAND_REFRESH.equals(command)) {
            recompileAll(true);
            return CompletableFuture.completedFuture(null);
        }
        if (ServerApi.COMMAND_DECISIONS.equals(command)) {
            return requests.run(token -> decisions(params));
        }
        if (ServerApi.COMMAND_SHOW_ASSEMBLY.equals(command)) {
            return assembly.execute(params);
        }
        return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                "unknown command: " + command, null)));
    }

    private Object decisions(ExecuteCommandParams params) {
        CommandArguments.Decisions arg = CommandArguments.decisions(params);
        String uri = arg.uri();
        WorkspaceState view = ctx.workspace.view();
        DocumentSnapshot d = view.document(uri).orElseThrow(() -> CommandArguments.invalid("not an open document: " + uri));
        boolean wholePackage = arg.wholePackage();
        JsonObject o = new JsonObject();
        o.addProperty("uri", uri);
        o.addProperty("version", d.version());
        var tracked = wholePackage ? view.packageDecisions(d.dir()) : view.decisions(d.path());
        o.add("decisions", ReportJson.decisions(tracked.stream().map(t -> t.decision().withRange(t.range())).toList()));
        // The document's assertions (//optlens:, //gcassert:) and whether each holds.
        com.google.gson.JsonArray assertions = new com.google.gson.JsonArray();
        ctx.gate.of(view, d).assertions().forEach(a -> assertions.add(dev.optlens.analysis.gate.AssertionJson.of(a)));
        o.add("assertions", assertions);
        return o;
    }
}
