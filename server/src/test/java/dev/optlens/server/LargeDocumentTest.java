package dev.optlens.server;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document over optlens.maxFileKB is kept as text, in sync, and says once why its package shows nothing. */
class LargeDocumentTest {
    @Test
    void aDocumentOverTheLimitIsNotParsedNorAnalysedAndSaysSo(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("go.mod"), "module m\n\ngo 1.21\n");
        Path f = root.resolve("big.go");
        StringBuilder text = new StringBuilder("package p\n\n");
        while (text.length() < 3 * 1024) text.append("func F").append(text.length()).append("() { _ = new(int) }\n");
        Files.writeString(f, text);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        try (LspHarness h = new LspHarness(fake)) {
            JsonObject options = new JsonObject();
            options.addProperty("maxFileKB", 2);
            options.addProperty("debounceMs", 0);
            h.initialize(options, false);
            h.open(f, text.toString());
            JsonObject failed = h.client.awaitStatus(0, "failed", LspHarness.uri(f), 1);
            assertTrue(failed.get("message").getAsString().contains("above optlens.maxFileKB"), failed.toString());
            PublishDiagnosticsParams d = h.client.awaitDiagnostics(LspHarness.uri(f), 1);
            assertEquals(1, d.getDiagnostics().size(), d.toString());
            assertEquals(DiagnosticsPublisher.TOO_LARGE_CODE, d.getDiagnostics().get(0).getCode().getLeft());
            assertEquals(0, fake.analyses.get(), "nothing compiled");

            h.change(f, 2, LspHarness.range(0, 0, 0, 0), "// edited\n");
            h.client.awaitStatus(0, "failed", LspHarness.uri(f), 2);
            assertEquals("// edited\n" + text, h.server.documentText(LspHarness.uri(f)).orElseThrow());
            Hover hover = h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(LspHarness.uri(f)),
                    new Position(3, 6))).get(10, TimeUnit.SECONDS);
            assertNull(hover);

            // edited down below the limit: parsed and analysed again
            h.change(f, 3, LspHarness.range(3, 0, 200, 0), "");
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 3);
            assertTrue(fake.analyses.get() > 0);
            assertEquals(0, h.client.awaitDiagnostics(LspHarness.uri(f), 3).getDiagnostics().stream()
                    .filter(x -> x.getCode().getLeft().equals(DiagnosticsPublisher.TOO_LARGE_CODE)).count());
        }
    }
}
