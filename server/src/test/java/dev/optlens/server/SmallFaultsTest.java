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
}
