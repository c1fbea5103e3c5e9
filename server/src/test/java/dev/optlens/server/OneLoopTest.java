package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.Workspaces;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's state has one owner: every apply of a result, every change of the workspace and every
 * publish runs on the loop's thread, whoever found the result (compile threads, request threads).
 */
class OneLoopTest {
    @Test
    void everyApplyAndPublishRunsOnTheLoop() throws Exception {
        Path dir = Workspaces.workspace("basics");
        Path file = dir.resolve("basics.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        try (LspHarness h = new LspHarness()) {
            List<String> trace = h.server.loop().trace();
            h.initialize(new JsonObject(), false);
            h.open(file, text);
            h.client.awaitStatus(0, "ready", uri, 1);
            int from = h.client.statusCount();
            h.change(file, 2, LspHarness.range(0, 0, 0, 0), "// an edit\n");
            h.client.awaitStatus(from, "ready", uri, 2);
            TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
            h.remote.getTextDocumentService().hover(new HoverParams(doc, new Position(10, 5))).get(30, TimeUnit.SECONDS);
            h.remote.getTextDocumentService().inlayHint(new InlayHintParams(doc, LspHarness.range(0, 0, 200, 0))).get(30, TimeUnit.SECONDS);
            h.remote.getTextDocumentService().codeAction(new CodeActionParams(doc, LspHarness.range(0, 0, 200, 0),
                    new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS);
            // A settings change that alters the build: the recompile's result is applied on the loop too.
            JsonObject settings = new JsonObject();
            JsonObject section = new JsonObject();
            section.addProperty("gcflags", "-d=ssa/check_bce/debug=1");
            settings.add("optlens", section);
            from = h.client.statusCount();
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
            h.client.awaitStatus(from, "ready", uri, 2);
            h.remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(doc));
            h.client.await("the closed file's diagnostics cleared", () -> {
                var last = h.client.diagnostics.get(h.client.diagnostics.size() - 1);
                return last.getUri().equals(uri) && last.getDiagnostics().isEmpty() ? java.util.Optional.of(true) : java.util.Optional.empty();
            });
            List<String> seen;
            synchronized (trace) {
                seen = new ArrayList<>(trace);
            }
            for (String step : List.of("open", "change", "apply", "publish", "configure", "bump", "close", "schedule", "status")) {
                assertTrue(seen.stream().anyMatch(s -> s.startsWith(step + "@")), step + " was traced: " + seen);
            }
            List<String> elsewhere = seen.stream().filter(s -> !s.endsWith("@optlens-loop")).toList();
            assertEquals(List.of(), elsewhere, "steps that ran off the loop");
            // And the guard holds: a result applied from another thread is refused, not raced.
            assertThrows(IllegalStateException.class, () -> h.server.loop().confined("apply"));
        }
    }
}
