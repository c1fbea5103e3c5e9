package dev.optlens.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small things a client can get wrong, answered sensibly. */
class SmallFaultsTest {
    /** A URI naming the open file another way (with '..') reaches the same document. */
    @Test
    void decisionsForAUriWithDotDot() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(ServerWireTest.BASICS, ServerWireTest.read(ServerWireTest.BASICS));
            String uri = LspHarness.uri(ServerWireTest.BASICS);
            h.client.awaitStatus(0, "ready", uri, 1);
            String other = uri.replace("/basics/basics.go", "/basics/../basics/basics.go");
            Object result = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS,
                    List.of(JsonParser.parseString("{\"uri\":\"" + other + "\"}")))).get(30, TimeUnit.SECONDS);
            JsonObject decisions = new com.google.gson.Gson().toJsonTree(result).getAsJsonObject();
            assertTrue(decisions.getAsJsonArray("decisions").size() > 20, decisions.toString());
        }
    }

    /** Bad settings arrive twice at start (initializationOptions, then workspace/configuration): one warning each. */
    @Test
    void eachBadSettingIsToldOnce() throws Exception {
        try (LspHarness h = new LspHarness()) {
            String bad = "{\"debounceMs\": -5, \"gcflags\": \"-o /tmp/x\"}";
            h.client.configuration = ServerWireTest.options(bad);
            h.initialize(ServerWireTest.options(bad), false, true);
            h.open(ServerWireTest.BASICS, ServerWireTest.read(ServerWireTest.BASICS));
            h.client.awaitStatus(0, "ready", LspHarness.uri(ServerWireTest.BASICS), 1);
            List<String> told;
            synchronized (h.client) {
                told = h.client.messages.stream().map(MessageParams::getMessage).toList();
            }
            assertEquals(2, told.size(), told.toString());
            assertTrue(told.stream().anyMatch(m -> m.contains("debounceMs")), told.toString());
            assertTrue(told.stream().anyMatch(m -> m.contains("-o is refused")), told.toString());
        }
    }

    /** An open file the build leaves out is not silent: one note on its constraint says why and what to set. */
    @Test
    void anExcludedFileSaysWhyItHasNoDecisions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("go.mod"), "module example.com/x\n\ngo 1.21\n");
        java.nio.file.Files.writeString(tmp.resolve("a.go"), "package x\n\nfunc A() *int { a := 1; return &a }\n");
        java.nio.file.Path other = tmp.resolve("other.go");
        String text = "//go:build plan9\n\npackage x\n\nfunc P() *int { p := 1; return &p }\n";
        java.nio.file.Files.writeString(other, text);
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0, \"goos\": \"linux\", \"goarch\": \"amd64\"}"), false);
            h.open(other, text);
            String uri = LspHarness.uri(other);
            h.client.awaitStatus(0, "ready", uri, 1);
            var diags = h.client.awaitDiagnostics(uri, 1);
            assertEquals(1, diags.getDiagnostics().size(), diags.toString());
            var note = diags.getDiagnostics().get(0);
            assertEquals("excluded", note.getCode().getLeft());
            assertEquals(0, note.getRange().getStart().getLine());
            assertTrue(note.getMessage().startsWith("optlens: other.go is not compiled for linux/amd64: its constraint"
                    + " '//go:build plan9' excludes it"), note.getMessage());
        }
    }
}
