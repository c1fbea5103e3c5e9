package dev.optlens.server;

import dev.optlens.analysis.profile.Heat;
import dev.optlens.analysis.profile.Hotness;
import dev.optlens.analysis.profile.ProfileReader;
import dev.optlens.analysis.profile.CpuProfiles;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * optlens.profiles over real JSON-RPC: test-workspaces/profiles' benchmark profiled by the real go
 * test; Buffer's heap hint and hover carry its share of the allocated bytes, as pprof counts it; a
 * profile that cannot be read is named in the log and the shares go.
 */
class ProfileServerTest {
    private static final Path HOT = ServerWireTest.WORKSPACES.resolve("profiles/hot.go");

    @Test
    void heapHintsAndHoversCarryTheProfilesShare(@TempDir Path tmp) throws Exception {
        String uri = LspHarness.uri(HOT);
        try (LspHarness h = new LspHarness()) {
            // A CPU profile written here: 3 samples in Buffer called from the benchmark, 1 in the benchmark itself.
            var buf = new CpuProfiles.Function("example.com/profiles.Buffer", HOT, 29);
            var bench = new CpuProfiles.Function("example.com/profiles.BenchmarkWork", HOT.resolveSibling("hot_test.go"), 15);
            Path cpu = new CpuProfiles().sample(3, new CpuProfiles.Frame(buf, 31), new CpuProfiles.Frame(bench, 20))
                    .sample(1, new CpuProfiles.Frame(bench, 16)).write(tmp.resolve("cpu.pprof"));
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(HOT, ServerWireTest.read(HOT));
            h.client.awaitStatus(0, "ready", uri, 1);
            assertEquals("⟵ heap: make([]byte, n)", hintAt(h, 30), "no share without a profile");
            // The package's benchmarks, run by the server's command (as VS Code's "Profile Benchmarks" does).
            com.google.gson.JsonObject run = runBenchmarks(h, "{\"uri\": \"" + uri + "\", \"bench\": \"Work\", \"benchtime\": \"200x\"}");
            Path mem = Path.of(run.get("memProfile").getAsString());
            assertFalse(mem.startsWith(HOT.getParent()), "profiles are kept outside the workspace: " + mem);
            Hotness bytes = Hotness.of(List.of(ProfileReader.read(mem)), "alloc_space").orElseThrow();
            Heat buffer = new Heat("bytes", bytes.flat(new Hotness.Place(HOT.toString(), 31)), bytes.total(), 1);
            int before = h.client.inlayRefreshes;
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(ServerWireTest.options(
                    "{\"optlens\": {\"debounceMs\": 0, \"profiles\": [\"" + mem + "\", \"" + cpu + "\"]}}")));
            h.client.await("hints refreshed", () -> h.client.inlayRefreshes > before ? Optional.of(true) : Optional.empty());
            String line31 = hintAt(h, 30);
            assertEquals("⟵ heap " + buffer.words() + ": make([]byte, n)", line31);
            assertTrue(buffer.share() > 0.5, "Buffer allocates most: " + buffer.words());
            Hover hover = h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(30, 9)))
                    .get(30, TimeUnit.SECONDS);
            String md = hover.getContents().getRight().getValue();
            assertTrue(md.contains("**Profile:** " + buffer.percent() + " of the allocated bytes (" + buffer.amount() + " in 201 objects)"), md);
            assertTrue(md.indexOf("**Profile:**") < md.indexOf("escapes to heap"), "the figure before the compiler's text: " + md);

            List<String> lenses = h.remote.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                    .get(30, TimeUnit.SECONDS).stream().filter(l -> l.getRange().getStart().getLine() == 29)
                    .map(l -> l.getCommand().getTitle()).toList();
            assertTrue(lenses.contains("1 heap alloc · " + buffer.words()), lenses.toString());
            assertTrue(lenses.contains("75% CPU with callees, 75% own"), lenses.toString());

            var listed = (com.google.gson.JsonObject) com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(
                    h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams("optlens.decisions", List.of(
                            com.google.gson.JsonParser.parseString("{\"uri\": \"" + uri + "\", \"package\": true}")))).get(30, TimeUnit.SECONDS)));
            var first = listed.getAsJsonArray("allocations").get(0).getAsJsonObject();
            assertEquals(31, first.get("line").getAsInt(), listed.toString());
            assertEquals(buffer.words(), first.get("words").getAsString());

            Path garbage = Files.write(tmp.resolve("garbage.pprof"), new byte[]{1, 2, 3});
            int refreshes = h.client.inlayRefreshes;
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"profiles\": [\"" + garbage + "\"]}}")));
            h.client.await("hints refreshed", () -> h.client.inlayRefreshes > refreshes ? Optional.of(true) : Optional.empty());
            assertEquals("⟵ heap: make([]byte, n)", hintAt(h, 30));
            h.client.await("the bad profile named", () -> h.client.logs.stream().filter(m -> m.getMessage().contains(garbage
                    + " is not a pprof profile")).findFirst());
        }
    }

    private static com.google.gson.JsonObject runBenchmarks(LspHarness h, String arg) throws Exception {
        Object answer = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams("optlens.runBenchmarks",
                List.of(com.google.gson.JsonParser.parseString(arg)))).get(120, TimeUnit.SECONDS);
        return com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(answer)).getAsJsonObject();
    }

    @Test
    void aBenchmarkPatternThatMatchesNothingIsSaid() throws Exception {
        String uri = LspHarness.uri(HOT);
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(HOT, ServerWireTest.read(HOT));
            var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> runBenchmarks(h, "{\"uri\": \"" + uri + "\", \"bench\": \"NoSuchBenchmark\", \"benchtime\": \"1x\"}"));
            assertTrue(failure.getCause().getMessage().contains("no benchmark of " + HOT.getParent() + " matches NoSuchBenchmark"),
                    failure.getCause().getMessage());
            var bad = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> runBenchmarks(h, "{\"uri\": \"" + uri + "\", \"benchtime\": \"1s; rm -rf /\"}"));
            assertTrue(bad.getCause().getMessage().contains("benchtime is a duration"), bad.getCause().getMessage());
        }
    }

    private static String hintAt(LspHarness h, int line) throws Exception {
        return ServerWireTest.hints(h, HOT).stream().filter(x -> x.getPosition().getLine() == line).map(ServerWireTest::label)
                .findFirst().orElse("(no hint)");
    }
}
