package dev.optlens.server;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server tells the client besides diagnostics: package status, compile progress, refreshes.
 * Called on the loop (see {@link ServerLoop}), with the state it tells about.
 */
final class ClientNotifier {
    private final ServerContext ctx;
    private final AtomicInteger progressIds = new AtomicInteger();
    private final AtomicBoolean toldAboutGo = new AtomicBoolean();
    /** Progress tokens of running compiles, keyed by the compile's own key object. */
    private final Map<Object, String> progress = new java.util.HashMap<>();

    ClientNotifier(ServerContext ctx) {
        this.ctx = ctx;
    }

    /** {@code optlens/status} for a package, with the versions of the input it is about. */
    void status(WorkspaceState view, Path dir, ServerApi.Status state, CompileInput in, String message) {
        status(view, dir, state, in, message, "", java.util.Optional.empty());
    }

    /**
     * @param route    what answered: {@code package} (its compile), {@code closure} (the edit's closure
     *                 stood for it), {@code slice} (the edited function alone, partial); empty for none
     * @param fallback why a closure tried for this input did not stand for the package
     */
    void status(WorkspaceState view, Path dir, ServerApi.Status state, CompileInput in, String message, String route,
                java.util.Optional<String> fallback) {
        ctx.loop.confined("status");
        OptlensClient client = ctx.client();
        if (client == null) return;
        JsonObject o = new JsonObject();
        o.addProperty("dir", dir.toString());
        o.addProperty("state", state.wire);
        JsonObject versions = new JsonObject();
        in.versions().forEach(versions::addProperty);
        o.add("versions", versions);
        o.addProperty("heapAllocs", view.pkg(dir).map(PackageView::heapAllocations).orElse(0L));
        o.addProperty("testHeapAllocs", view.pkg(dir).map(PackageView::testHeapAllocations).orElse(0L));
        o.addProperty("message", message);
        if (!route.isEmpty()) o.addProperty("route", route);
        fallback.ifPresent(f -> o.addProperty("closureFallback", f));
        o.addProperty("toolchain", view.pkg(dir).map(PackageView::toolchain).orElse(""));
        view.pkg(dir).map(PackageView::pgo).filter(PgoMarks::present).ifPresent(p -> {
            JsonObject pgo = new JsonObject();
            pgo.addProperty("profile", p.profile().toString());
            pgo.addProperty("why", p.why());
            pgo.addProperty("decisions", p.without().size());
            o.add("pgo", pgo);
        });
        Compared.current(view, dir).filter(c -> c.seq() == in.seq()).ifPresent(c -> {
            JsonObject compared = new JsonObject();
            compared.addProperty("label", c.label());
            compared.addProperty("toolchain", c.toolchain());
            compared.addProperty("differences", c.at().values().stream().flatMap(java.util.List::stream)
                    .filter(p -> p.difference().matters()).count());
            if (!c.errors().isEmpty()) compared.addProperty("error", c.errors().get(0).toString());
            o.add("compared", compared);
        });
        client.status(o);
    }

    /** Asks the client to fetch hints (and lenses) again: what they show changed. */
    void refresh(WorkspaceState view, boolean lenses) {
        ctx.loop.confined("refresh");
        OptlensClient client = ctx.client();
        if (client == null) return;
        if (view.config().caps().refreshesInlayHints()) client.refreshInlayHints();
        if (lenses && view.config().caps().refreshesCodeLenses()) client.refreshCodeLenses();
    }

    /** Tells the user once per session that no usable Go was found, and what to do. */
    void noGo(String why) {
        OptlensClient client = ctx.client();
        if (client != null && toldAboutGo.compareAndSet(false, true)) {
            client.showMessage(new MessageParams(MessageType.Error, "optlens: " + why
                    + " Then reload the window or run 'optlens.refresh'."));
        }
    }

    void beginProgress(Object key, Path dir) {
        ctx.loop.confined("progress");
        OptlensClient client = ctx.client();
        if (client == null || !ctx.config().caps().progress()) return;
        String id = "optlens-compile-" + progressIds.incrementAndGet();
        progress.put(key, id);
        client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(id))).whenComplete((ok, err) -> ctx.loop.post(() -> {
            if (err != null || !progress.containsKey(key)) return;
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle("optlens");
            begin.setMessage("compiling " + dir.getFileName());
            client.notifyProgress(new ProgressParams(Either.forLeft(id), Either.forLeft(begin)));
        }));
    }

    void endProgress(Object key) {
        ctx.loop.confined("progress");
        String id = progress.remove(key);
        OptlensClient client = ctx.client();
        if (id == null || client == null) return;
        client.notifyProgress(new ProgressParams(Either.forLeft(id), Either.forLeft(new WorkDoneProgressEnd())));
    }
}
