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
    private final ClientNotifier notifier;
    private final AssemblyCommand assembly;
    private final Requests requests;
    /** The environment go commands start from (the engine's). */
    private final java.util.function.Supplier<java.util.Map<String, String>> environment;

    OptlensWorkspaceService(ServerContext ctx, CompileScheduler scheduler, DiagnosticsPublisher publisher, ClientNotifier notifier,
                            AssemblyCommand assembly, Requests requests, java.util.function.Supplier<java.util.Map<String, String>> environment) {
        this.environment = environment;
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.notifier = notifier;
        this.assembly = assembly;
        this.requests = requests;
    }

    /**
     * Reads a settings section on the loop; warns once per bad value; the new settings join the state,
     * and what they change is recompiled or shown anew.
     */
    void applySettings(JsonElement section, boolean live) {
        Settings.Read read = Settings.read(section);
        ctx.loop.post(() -> {
            // The same settings arrive twice at start (initializationOptions, then workspace/configuration):
            // each warning is told once, until the settings change.
            if (!read.warnings().equals(lastWarnings)) read.warnings().forEach(w -> OptlensLanguageServer.warn(ctx, w));
            lastWarnings = read.warnings();
            Settings before = ctx.config().settings();
            boolean build = read.settings().changesBuild(before);
            ctx.workspace.configure(ctx.config().withSettings(read.settings()), build && live);
            ctx.log.install(read.settings().logLevel());
            if (!live) return;
            if (!read.settings().equals(before)) LOG.info("settings changed" + (build ? ": recompiling" : ": showing decisions anew"));
            if (build) {
                recompileAll(true);
            } else {
                presentAgain(true);
            }
        });
    }

    /** On the loop: publishes every open package anew and asks the client to fetch hints (and lenses) again. */
    private void presentAgain(boolean lenses) {
        WorkspaceState view = ctx.workspace.view();
        view.openPackages().forEach(dir -> publisher.publishPackage(view, dir));
        notifier.refresh(view, lenses);
    }

    /** On the loop: what a compile sees changed for every package, so results of older inputs are older. */
    private void recompileAll(boolean immediate) {
        ctx.workspace.bump();
        ctx.workspace.view().openPackages().forEach(dir -> scheduler.request(dir, immediate));
    }

    /** The last settings' warnings; on the loop. */
    private List<String> lastWarnings = List.of();

    /** Asks the client for the optlens section (when it supports workspace/configuration). */
    void pullConfiguration() {
        OptlensClient c = ctx.client();
        if (c == null || !ctx.config().caps().configuration()) return;
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
        if (ctx.config().caps().configuration()) {
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
        ctx.loop.post(() -> filesChanged(uris));
    }

    private void filesChanged(List<String> uris) {
        String baseline = ctx.config().settings().baseline();
        boolean build = uris.isEmpty() || uris.stream().anyMatch(u -> u.endsWith(".go") || u.endsWith("/go.mod") || u.endsWith("/go.work")
                || u.endsWith("/go.sum"));
        if (build) {
            // Files changed on disk: unopened package files feed the next compile; recompile what is open.
            recompileAll(false);
        } else if (!baseline.isEmpty() && uris.stream().anyMatch(u -> u.endsWith("/" + baseline.replace('\\', '/')))) {
            // A new baseline changes what is shown, not what the compiler decides.
            WorkspaceState view = ctx.workspace.view();
            view.openPackages().forEach(dir -> publisher.publishPackage(view, dir));
        }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        String command = params.getCommand();
        if (ServerApi.COMMAND_REFRESH.equals(command)) {
            ctx.loop.post(() -> recompileAll(true));
            return CompletableFuture.completedFuture(null);
        }
        if (ServerApi.COMMAND_DECISIONS.equals(command)) {
            return requests.run((view, token) -> decisions(view, params));
        }
        if (ServerApi.COMMAND_SHOW_ASSEMBLY.equals(command)) {
            return assembly.execute(params);
        }
        if (ServerApi.COMMAND_DIFFERENCES.equals(command)) {
            return requests.run((view, token) -> CompareCommands.differences(view, CommandArguments.differences(params)));
        }
        if (ServerApi.COMMAND_RUN_BENCHMARKS.equals(command)) {
            return ProfileCommand.run(requests, CommandArguments.profileBenchmarks(params), environment.get()).thenApply(o -> o);
        }
        if (ServerApi.COMMAND_COMPARE_CHOICES.equals(command)) {
            return requests.run((view, token) -> CompareCommands.choices(view, environment.get()));
        }
        return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                "unknown command: " + command, null)));
    }

    /** The allocating lines, each with its reasons placed as the text is now. */
    private static com.google.gson.JsonArray allocations(dev.optlens.analysis.profile.HotReport hot, List<TrackedDecision> tracked) {
        com.google.gson.JsonArray out = new com.google.gson.JsonArray();
        for (var l : hot.lines(tracked.stream().map(TrackedDecision::decision).toList())) {
            JsonObject a = new JsonObject();
            a.addProperty("file", l.file().toString());
            a.addProperty("line", l.line());
            a.addProperty("function", l.function());
            a.addProperty("share", l.bytes().share());
            a.addProperty("words", l.bytes().words());
            a.addProperty("amount", l.bytes().amount());
            a.addProperty("unmarked", l.unmarked());
            out.add(a);
        }
        return out;
    }

    private Object decisions(WorkspaceState view, ExecuteCommandParams params) {
        CommandArguments.Decisions arg = CommandArguments.decisions(params);
        String uri = arg.uri();
        DocumentSnapshot d = view.document(uri).orElseThrow(() -> CommandArguments.invalid("not an open document: " + uri));
        boolean wholePackage = arg.wholePackage();
        JsonObject o = new JsonObject();
        o.addProperty("uri", uri);
        o.addProperty("version", d.version());
        var tracked = wholePackage ? view.packageDecisions(d.dir()) : view.decisions(d.path());
        List<dev.optlens.analysis.decision.Decision> placed = tracked.stream().map(t -> t.decision().withRange(t.range())).toList();
        o.add("decisions", ReportJson.decisions(placed));
        // With optlens.profiles: each decision's share, and the package's allocating lines ranked.
        dev.optlens.analysis.profile.HotReport hot = ctx.profiles.hot(view, d.dir());
        if (hot.present()) {
            dev.optlens.analysis.profile.HotJson.addTo(o.getAsJsonArray("decisions"), placed, hot);
            if (hot.hasMemory()) o.add("allocations", allocations(hot, view.packageDecisions(d.dir())));
        }
        // The document's assertions (//optlens:, //gcassert:) and whether each holds.
        com.google.gson.JsonArray assertions = new com.google.gson.JsonArray();
        ctx.gate.of(view, d).assertions().forEach(a -> assertions.add(dev.optlens.analysis.gate.AssertionJson.of(a)));
        o.add("assertions", assertions);
        return o;
    }
}
