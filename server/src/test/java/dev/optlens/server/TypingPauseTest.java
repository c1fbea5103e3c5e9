package dev.optlens.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code half typed does not compile: the failed state (status and the "does not compile" warning)
 * waits until typing pauses, instead of flipping at every keystroke; a file opened broken says so at once.
 */
class TypingPauseTest {
    @Test
    void aCompileFailureWhileTypingIsToldOnceTypingPauses() throws Exception {
        Path file = ServerWireTest.BASICS;
        String uri = LspHarness.uri(file);
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(file, ServerWireTest.read(file));
            h.client.awaitStatus(0, "ready", uri, 1);
            int from = h.client.statusCount();
            long sent = System.nanoTime();
            h.change(file, 2, LspHarness.range(0, 0, 0, 0), "func half(");
            h.client.awaitStatus(from, "failed", uri, 2);
            long waitedMs = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(waitedMs >= ResultDelivery.TYPING_PAUSE_MS, "told " + waitedMs + " ms after the keystroke");
            var diagnostics = h.client.awaitDiagnostics(uri, 2);
            assertTrue(diagnostics.getDiagnostics().stream().anyMatch(d -> d.getCode().getLeft().equals(DiagnosticsPublisher.COMPILE_ERROR_CODE)),
                    diagnostics.toString());
        }
    }
}
