package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.GoReleases;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Compare decisions with…" over real JSON-RPC: the user's build on a release before go1.25, the
 * setting naming the newest release; hints, lenses, the list, edits that move and remove differences,
 * and clearing the setting.
 */
class CompareServerTest {
    private static final Path RELEASES = ServerWireTest.WORKSPACES.resolve("releases/releases.go");

    /** The ready status of a version that carries the comparison. */
    private static JsonObject awaitCompared(LspHarness h, int version) {
        String uri = LspHarness.uri(RELEASES);
        return h.client.await("comparison of version " + version, () -> {
            for (JsonObject s : h.client.statuses) {
                JsonObject versions = s.getAsJsonObject("versions");
                if (s.has("compared") && versions.has(uri) && versions.get(uri).getAsInt() == version) {
                    return Optional.of(s.getAsJsonObject("compared"));
                }
            }
            return Optional.empty();
        });
    }

    /** Each line's comparison, as "line: ≠ …" (before the line's own decisions, in the same hint). */
    private static List<String> compareHints(LspHarness h) throws Exception {
        return ServerWireTest.hints(h, RELEASES).stream().map(x -> x.getPosition().getLine() + ": " + ServerWireTest.label(x))
                .filter(l -> l.contains("≠")).map(l -> l.contains("  ⟵") ? l.substring(0, l.indexOf("  ⟵")) : l).toList();
    }

    @Test
    void differencesWithTheNamedReleaseAreShownMovedAndCleared() throws Exception {
        Optional<GoReleases.Release> old = GoReleases.all().stream().filter(r -> r.version().minor() < 25).findFirst();
        GoReleases.Release newest = GoReleases.newest();
        assumeTrue(old.isPresent() && newest.version().minor() >= 25, "needs a release before go1.25 and one from it");
        String label = "go" + newest.languageVersion();
        try (LspHarness h = new LspHarness(old.get().analyzer())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0, \"compareWith\": \"" + newest.languageVersion() + "\"}"), false);
            h.open(RELEASES, ServerWireTest.read(RELEASES));
            JsonObject compared = awaitCompared(h, 1);
            assertEquals(label, compared.get("label").getAsString());
            assertEquals(4, compared.get("differences").getAsInt(), compared.toString());
            assertTrue(compared.get("toolchain").getAsString().startsWith(newest.version().text()), compared.toString());

            List<String> hints = compareHints(h);
            assertTrue(hints.contains("9: ≠ " + label + ": stack"), hints.toString());
            assertTrue(hints.contains("30: ≠ " + label + ": inline 48/80"), hints.toString());
            InlayHint sum = ServerWireTest.hints(h, RELEASES).stream().filter(x -> ServerWireTest.label(x).contains("≠")
                    && x.getPosition().getLine() == 9).findFirst().orElseThrow();
            assertEquals("≠ " + label + ": stack  ⟵ heap: make([]int, n)", ServerWireTest.label(sum));
            String tooltip = sum.getLabel().getRight().stream().filter(p -> p.getValue().contains("≠")).findFirst().orElseThrow()
                    .getTooltip().getRight().getValue();
            assertTrue(tooltip.contains(old.get().version().text()) && tooltip.contains("make([]int, n) escapes to heap")
                    && tooltip.contains("make([]int, n) does not escape"), tooltip);

            String uri = LspHarness.uri(RELEASES);
            List<? extends CodeLens> lenses = h.remote.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(lenses.stream().anyMatch(l -> l.getRange().getStart().getLine() == 8
                    && l.getCommand().getTitle().equals("≠ 1 decision differs on " + label)
                    && l.getCommand().getCommand().equals(ServerApi.COMMAND_DIFFERENCES)), lenses.toString());

            JsonObject list = JsonParser.parseString(new com.google.gson.Gson().toJson(h.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(ServerApi.COMMAND_DIFFERENCES, List.of(JsonParser.parseString("{\"uri\": \"" + uri + "\"}"))))
                    .get(30, TimeUnit.SECONDS))).getAsJsonObject();
            JsonArray differences = list.getAsJsonArray("differences");
            assertEquals(4, differences.size(), list.toString());
            JsonObject first = differences.asList().stream().map(e -> e.getAsJsonObject())
                    .filter(e -> e.get("function").getAsString().equals("Sum")).findFirst().orElseThrow();
            assertEquals("make([]int, n) escapes to heap", first.get("a").getAsString());
            assertEquals("make([]int, n) does not escape", first.get("b").getAsString());

            // Three lines above: the differences move with the text at once, then the recompile agrees.
            h.change(RELEASES, 2, LspHarness.range(3, 0, 3, 0), "// one\n// two\n// three\n");
            assertTrue(compareHints(h).contains("12: ≠ " + label + ": stack"), compareHints(h).toString());
            awaitCompared(h, 2);
            assertTrue(compareHints(h).contains("12: ≠ " + label + ": stack"), compareHints(h).toString());

            // A constant size: both releases keep it on the stack, so Sum no longer differs.
            h.change(RELEASES, 3, LspHarness.range(12, 6, 12, 20), "make([]int, 8)");
            JsonObject after = awaitCompared(h, 3);
            assertEquals(3, after.get("differences").getAsInt(), after.toString());
            assertFalse(compareHints(h).stream().anyMatch(l -> l.startsWith("12: ")), compareHints(h).toString());

            int refreshes = h.client.await("refreshes", () -> Optional.of(h.client.inlayRefreshes));
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"compareWith\": \"\"}}")));
            h.client.await("hints refreshed", () -> h.client.inlayRefreshes > refreshes ? Optional.of(true) : Optional.empty());
            assertEquals(List.of(), compareHints(h));
        }
    }

    @Test
    void aListWithoutADocumentIsTheClientsError() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DIFFERENCES, List.of()))
                            .get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("optlens.differences takes [{\"uri\""), e.getCause().getMessage());
        }
    }

    @Test
    void aReleaseThatIsNotInstalledIsToldOnce() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0, \"compareWith\": \"1.99\"}"), false);
            h.open(RELEASES, ServerWireTest.read(RELEASES));
            JsonObject compared = awaitCompared(h, 1);
            assertTrue(compared.get("error").getAsString().contains("Go 1.99 is not installed"), compared.toString());
            String told = h.client.await("a message", () -> h.client.messages.stream()
                    .filter(m -> m.getMessage().contains("1.99")).findFirst().map(m -> m.getMessage()));
            assertTrue(told.startsWith("optlens.compareWith go1.99: Go 1.99 is not installed"), told);
            assertEquals(List.of(), compareHints(h));
        }
    }
}
