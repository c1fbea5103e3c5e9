package dev.optlens.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings that change what is shown, live, and the assembly view of unsaved code, over real JSON-RPC. */
class LiveSettingsAndAssemblyTest {
    /** Opens basics.go and waits for its package to be ready. */
    private static void openBasics(LspHarness h) throws Exception {
        h.open(ServerWireTest.BASICS, ServerWireTest.read(ServerWireTest.BASICS));
        h.client.awaitStatus(0, "ready", LspHarness.uri(ServerWireTest.BASICS), 1);
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs a settings change and waits until the server asks the client to fetch hints again. */
    private static void changeAwaitingHintRefresh(LspHarness h, Step change) throws Exception {
        int refreshes = h.client.await("refresh", () -> Optional.of(h.client.inlayRefreshes));
        change.run();
        h.client.await("inlay refresh", () -> h.client.inlayRefreshes > refreshes ? Optional.of(true) : Optional.empty());
    }

    @Test
    void boundsCheckHintsAreAnOption() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            openBasics(h);
            assertFalse(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).contains("bounds check")), "off by default");
            changeAwaitingHintRefresh(h, () -> {
                h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                        ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"hints\": {\"bounds\": true}}}")));
            });
            List<InlayHint> bounds = ServerWireTest.hints(h, ServerWireTest.BASICS).stream().filter(x -> ServerWireTest.label(x).contains("bounds check")).toList();
            // buf[:n] in LogSum (line 29): n is not known to fit in 64 bytes.
            assertTrue(bounds.stream().anyMatch(x -> x.getPosition().getLine() == 28), bounds.toString());
        }
    }

    /**
     * As VS Code does it: the client answers workspace/configuration, and a change is only announced
     * (didChangeConfiguration without settings): the server asks again and the hints change at once.
     */
    @Test
    void aPulledSettingsChangeTakesEffectLive() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.client.configuration = ServerWireTest.options("{\"debounceMs\": 0}");
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false, true);
            openBasics(h);
            assertTrue(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).startsWith("inline ")));

            changeAwaitingHintRefresh(h, () -> {
                h.client.configuration = ServerWireTest.options("{\"debounceMs\": 0, \"hints\": {\"inline\": false}}");
                h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(com.google.gson.JsonNull.INSTANCE));
            });
            assertFalse(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).startsWith("inline ")),
                    "the inline hints are still there: " + ServerWireTest.hints(h, ServerWireTest.BASICS));
        }
    }

    @Test
    void aSettingsChangeChangesHints() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0, \"hints\": {\"stack\": false, \"inlined\": true}}"), false);
            openBasics(h);
            assertFalse(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).contains("stack: ")));

            changeAwaitingHintRefresh(h, () -> {
                h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                        ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"hints\": {\"stack\": true, \"inlined\": true}}}")));
            });
            assertTrue(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).contains("stack: ")));
            assertTrue(ServerWireTest.hints(h, ServerWireTest.BASICS).stream().anyMatch(x -> ServerWireTest.label(x).contains("inlined: ")));

            int before = h.client.statusCount();
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"gcflags\": \"-l\", \"hints\": {\"stack\": 12, \"inlined\": true}}}")));
            h.client.awaitStatus(before, "ready", LspHarness.uri(ServerWireTest.BASICS), 1);
            List<InlayHint> noInlining = ServerWireTest.hints(h, ServerWireTest.BASICS);
            assertFalse(noInlining.stream().anyMatch(x -> ServerWireTest.label(x).contains("inlined: ")), "-l disables inlining");
            assertTrue(h.client.messages.stream().anyMatch(m -> m.getMessage().equals("optlens.hints.stack must be true or false; using false")),
                    h.client.messages.toString());
        }
    }

    @Test
    void showAssemblyFromALensOnUnsavedCode() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            String uri = LspHarness.uri(ServerWireTest.BASICS);
            h.open(ServerWireTest.BASICS, ServerWireTest.read(ServerWireTest.BASICS));
            h.client.awaitDiagnostics(uri, 1);
            // Unsaved: Sum now multiplies by a constant that shows up in the listing.
            h.change(ServerWireTest.BASICS, 2, LspHarness.range(35, 2, 35, 12), "total += x * 4241");
            List<? extends CodeLens> lenses = h.remote.getTextDocumentService()
                    .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
            CodeLens lens = lenses.stream().filter(l -> l.getCommand().getTitle().equals("Show assembly")
                    && l.getRange().getStart().getLine() == 32).findFirst().orElseThrow(() -> new AssertionError(lenses.toString()));
            assertEquals(ServerApi.COMMAND_SHOW_ASSEMBLY, lens.getCommand().getCommand());
            Object result = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    lens.getCommand().getCommand(), lens.getCommand().getArguments())).get(60, TimeUnit.SECONDS);
            JsonObject asm = new com.google.gson.Gson().toJsonTree(result).getAsJsonObject();
            assertEquals("basics.Sum", asm.get("function").getAsString());
            assertTrue(asm.getAsJsonArray("lines").toString().contains("4241"), asm.toString());
            var sourceLine = asm.getAsJsonObject("sourceLines").getAsJsonArray("35");
            int first = sourceLine.get(0).getAsInt();
            assertEquals(35, asm.getAsJsonArray("lines").get(first).getAsJsonObject().get("line").getAsInt());

            Object arm = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_SHOW_ASSEMBLY,
                    List.of(JsonParser.parseString("{\"uri\":\"" + uri + "\",\"position\":{\"line\":32,\"character\":6},"
                            + "\"goarch\":\"arm64\"}")))).get(120, TimeUnit.SECONDS);
            assertEquals("arm64", new com.google.gson.Gson().toJsonTree(arm).getAsJsonObject().get("goarch").getAsString());

            Throwable outside = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_SHOW_ASSEMBLY,
                    List.of(JsonParser.parseString("{\"uri\":\"" + uri + "\",\"position\":{\"line\":2,\"character\":0}}"))))
                    .handle((ok, err) -> err).get(60, TimeUnit.SECONDS);
            assertTrue(outside.getMessage().contains("no function at line 3"), outside.toString());
        }
    }
}
