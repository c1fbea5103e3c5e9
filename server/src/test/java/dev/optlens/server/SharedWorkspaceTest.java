package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.Workspaces;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two servers on one workspace (two editor windows): both answer the same, and the workspace is untouched. */
class SharedWorkspaceTest {
    @Test
    void twoServersOnOneWorkspaceAgreeAndWriteNothing() throws Exception {
        Path dir = Workspaces.workspace("basics");
        Path file = dir.resolve("basics.go");
        var before = Workspaces.snapshot(Workspaces.repo().resolve("test-workspaces"));
        String text = Files.readString(file);
        try (LspHarness a = new LspHarness(); LspHarness b = new LspHarness()) {
            a.initialize(new JsonObject(), false);
            b.initialize(new JsonObject(), false);
            a.open(file, text);
            b.open(file, text);
            b.change(file, 2, LspHarness.range(0, 0, 0, 0), "// the second window's unsaved edit\n");
            a.client.awaitStatus(0, "ready", LspHarness.uri(file), 1);
            b.client.awaitStatus(0, "ready", LspHarness.uri(file), 2);
            List<String> fromA = messages(a, file);
            List<String> fromB = messages(b, file);
            assertTrue(fromA.size() > 5, fromA.toString());
            assertEquals(fromA, fromB, "the same code gives the same decisions in both windows");
        }
        assertEquals(before, Workspaces.snapshot(Workspaces.repo().resolve("test-workspaces")), "nothing written into the workspace");
    }

    private static List<String> messages(LspHarness h, Path file) throws Exception {
        JsonObject arg = new JsonObject();
        arg.addProperty("uri", LspHarness.uri(file));
        Object o = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS, List.of(arg)))
                .get(30, TimeUnit.SECONDS);
        return JsonParser.parseString(new Gson().toJson(o)).getAsJsonObject().getAsJsonArray("decisions").asList().stream()
                .map(e -> e.getAsJsonObject().get("kind").getAsString() + " " + e.getAsJsonObject().get("message").getAsString()).toList();
    }
}
