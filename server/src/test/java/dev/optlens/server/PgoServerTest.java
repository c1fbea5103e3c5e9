package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.profile.CpuProfiles;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PGO in the editor over real JSON-RPC: a copy of test-workspaces/profiles whose cmd/app has a
 * default.pgo that makes Sum's call of Mix hot. The library is built with it (optlens.pgo auto, the
 * default), the hot call's inlining is marked (PGO) with what the plain build says in the hover, the
 * status names the profile, the lens of Mix says its raised budget is the profile's; with optlens.pgo
 * off the inlining and the marks go.
 */
class PgoServerTest {
    @Test
    void aMainPackagesDefaultPgoGuidesTheLibraryAndItsDecisionsAreMarked(@TempDir Path tmp) throws Exception {
        Path module = Workspaces.copy("profiles", tmp);
        CpuProfiles.pgoHotEdge(module.resolve("cmd/app/default.pgo"));
        Path file = module.resolve("pgo/pgo.go");
        String uri = LspHarness.uri(file);
        try (LspHarness h = new LspHarness()) {
            // Inlined-call hints are off by default: on, to see the profile's inlining where it is.
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0, \"hints\": {\"inlined\": true}}"), false);
            h.open(file, ServerWireTest.read(file));
            JsonObject pgo = h.client.await("the status naming the profile", () -> h.client.statuses.stream()
                    .filter(s -> s.has("pgo")).map(s -> s.getAsJsonObject("pgo")).findFirst());
            assertEquals("default.pgo of cmd/app", pgo.get("why").getAsString());
            assertEquals(module.resolve("cmd/app/default.pgo").toString(), pgo.get("profile").getAsString());
            assertTrue(pgo.get("decisions").getAsInt() >= 2, pgo.toString());
            assertEquals("⟵ inlined: Mix (PGO)", hintAt(h, file, 39));
            String md = h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(39, 10)))
                    .get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
            assertTrue(md.contains("**PGO:** made by the profile (default.pgo of cmd/app); without it the compiler decides nothing here"), md);

            List<String> lenses = h.remote.getTextDocumentService().codeLens(new org.eclipse.lsp4j.CodeLensParams(new TextDocumentIdentifier(uri)))
                    .get(30, TimeUnit.SECONDS).stream().filter(l -> l.getRange().getStart().getLine() == 5).map(l -> l.getCommand().getTitle()).toList();
            assertTrue(lenses.contains("inlinable by PGO (cost 114/80)"), lenses.toString());

            int before;
            synchronized (h.client) {
                before = h.client.statuses.size();
            }
            h.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    ServerWireTest.options("{\"optlens\": {\"debounceMs\": 0, \"pgo\": \"off\", \"hints\": {\"inlined\": true}}}")));
            // The compile without the profile, then the marks cleared: a ready status that names no profile.
            h.client.await("a ready status without the profile", () -> h.client.statuses.subList(before, h.client.statuses.size()).stream()
                    .filter(st -> st.get("state").getAsString().equals("ready") && !st.has("pgo")).findFirst());
            assertEquals("(no hint)", hintAt(h, file, 39), "the call is not inlined without the profile");
            List<String> all = ServerWireTest.hints(h, file).stream().map(ServerWireTest::label).toList();
            assertFalse(all.stream().anyMatch(l -> l.contains("PGO")), all.toString());
        }
    }

    private static String hintAt(LspHarness h, Path file, int line) throws Exception {
        return ServerWireTest.hints(h, file).stream().filter(x -> x.getPosition().getLine() == line).map(ServerWireTest::label)
                .findFirst().orElse("(no hint)");
    }
}
