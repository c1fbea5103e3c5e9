package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One editor session per Go release of the matrix, and a module that needs a newer Go than PATH's. */
class ReleaseMatrixServerTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#all")
    void squigglesCarryTheCompilersFlowOnEveryRelease(GoReleases.Release release) throws Exception {
        try (LspHarness h = new LspHarness(release.analyzer())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            Path basics = ServerWireTest.BASICS;
            h.open(basics, ServerWireTest.read(basics));
            String uri = LspHarness.uri(basics);
            JsonObject ready = h.client.awaitStatus(0, "ready", uri, 1);
            assertTrue(ready.get("toolchain").getAsString().startsWith(release.version().text() + " ("), ready.toString());
            PublishDiagnosticsParams diags = h.client.awaitDiagnostics(uri, 1);

            Diagnostic moved = ServerWireTest.find(diags, "moved to heap: p").orElseThrow(() -> new AssertionError(diags.toString()));
            // The flow is the decision's (the hover shows it); the Problems entry does not repeat it as rows.
            assertTrue(moved.getRelatedInformation() == null || moved.getRelatedInformation().isEmpty(), moved.toString());
            List<JsonObject> heap = ServerWireTest.decisionsOf(h, uri).stream()
                    .filter(o -> o.get("kind").getAsString().equals("heap-escape") || o.get("kind").getAsString().equals("moved-to-heap")).toList();
            JsonObject p = heap.stream().filter(o -> o.get("message").getAsString().equals("moved to heap: p")).findFirst().orElseThrow();
            List<String> flow = p.getAsJsonArray("explanation").asList().stream()
                    .map(e -> e.getAsJsonObject().get("message").getAsString()).toList();
            assertTrue(flow.get(0).startsWith("p escapes to heap"), release + ": " + flow);
            assertTrue(flow.contains("from &p (address-of)"), release + ": " + flow);
            for (Diagnostic d : diags.getDiagnostics()) {
                assertFalse(d.getMessage().endsWith(":") || d.getMessage().contains("escapes to heap in "),
                        release + ": a flow header became a squiggle: " + d.getMessage());
            }
            for (JsonObject o : heap) {
                assertFalse(o.getAsJsonArray("explanation").isEmpty(), release + ": no explanation on " + o.get("message"));
            }
            Hover hover = new ServerWireTest().hover(h, basics, moved.getRange().getStart().getLine(),
                    moved.getRange().getStart().getCharacter());
            String text = hover.getContents().getRight().getValue();
            assertTrue(text.contains("moved to heap: p") && text.contains("address-of"), release + ": " + text);
        }
    }

    /**
     * A module made by the release's own {@code go mod init} (a three-part go line): the first open and
     * every edit after it (the direct compile) give the compiler's decisions; go.mod is untouched.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#all")
    void aModuleMadeByGoModInitKeepsWorkingAfterAnEdit(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        dev.optlens.analysis.ModuleShapes.Shape shape = dev.optlens.analysis.ModuleShapes.make(release, tmp).get(0);
        assertEquals("go-mod-init", shape.name());
        String goMod = Files.readString(shape.root().resolve("go.mod"));
        assertTrue(goMod.contains("go " + release.version().text().substring(2)), goMod);
        Path file = shape.library().resolve("p.go");
        String text = Files.readString(file);
        try (LspHarness h = new LspHarness(release.analyzer())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(file, text);
            String uri = LspHarness.uri(file);
            h.client.awaitStatus(0, "ready", uri, 1);
            assertEquals(List.of("moved to heap: x"), h.client.awaitDiagnostics(uri, 1).getDiagnostics().stream()
                    .map(Diagnostic::getMessage).toList());
            // A second function that keeps its parameter's address: the edit compiles directly.
            String added = "\nfunc Keep(n int) *int {\n\treturn &n\n}\n";
            int lines = (int) text.lines().count();
            h.change(file, 2, new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(lines, 0),
                    new org.eclipse.lsp4j.Position(lines, 0)), added);
            JsonObject ready = h.client.awaitStatus(0, "ready", uri, 2);
            assertEquals("ready", ready.get("state").getAsString(), ready.toString());
            assertEquals(List.of("moved to heap: n", "moved to heap: x"), h.client.awaitDiagnostics(uri, 2).getDiagnostics().stream()
                    .map(Diagnostic::getMessage).sorted().toList());
        }
        assertEquals(goMod, Files.readString(shape.root().resolve("go.mod")));
    }

    /** The scenario: go1.23 first on PATH, the module says go 1.27, go1.27 installed in $HOME/sdk. */
    @Test
    void aModuleNeedingANewerGoIsAnalysedWithAnInstalledOneAndTheStatusSaysWhich(@TempDir Path tmp) throws Exception {
        Optional<GoReleases.Release> old = GoReleases.minor(23);
        Optional<GoReleases.Release> newer = GoReleases.minor(27);
        assumeTrue(old.isPresent() && newer.isPresent(), "needs go1.23 and go1.27 installed (scripts/install-go.sh 1.27)");
        Path sdk = Files.createDirectories(tmp.resolve("home/sdk"));
        Path goroot = newer.get().toolchain().goroot().orElseThrow();
        Files.createSymbolicLink(sdk.resolve(newer.get().version().text()), goroot);
        Path module = Files.createDirectories(tmp.resolve("m27"));
        Files.writeString(module.resolve("go.mod"), "module example.com/m27\n\ngo 1.27\n");
        Path file = module.resolve("m.go");
        String text = "package m27\n\nfunc Count(n int) int {\n\ttotal := 0\n\tfor i := range n {\n\t\ttotal += i\n\t}\n\treturn total\n}\n\n"
                + "func Keep() *[64]byte {\n\tvar buf [64]byte\n\treturn &buf\n}\n";
        Files.writeString(file, text);

        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("OPTLENS_GO");
        env.remove("GOROOT");
        env.put("PATH", old.get().go().getParent() + ":/usr/bin:/bin");
        env.put("HOME", tmp.resolve("home").toString());
        env.put("OPTLENS_TOOLCHAINS", tmp.resolve("none").toString());
        env.put("GOCACHE", old.get().toolchain().env().get("GOCACHE")); // a warm build cache, not a fresh one under HOME
        env.put("GOMODCACHE", tmp.resolve("modcache").toString());
        try (LspHarness h = new LspHarness(new PackageAnalyzer(new ToolchainLocator(env), env))) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(file, text);
            String uri = LspHarness.uri(file);
            JsonObject ready = h.client.awaitStatus(0, "ready", uri, 1);
            String toolchain = ready.get("toolchain").getAsString();
            assertTrue(toolchain.startsWith(newer.get().version().text() + " (" + sdk), toolchain);
            assertTrue(toolchain.contains("$HOME/sdk; go.mod says go 1.27, " + old.get().go() + " (PATH) is "
                    + old.get().version().text()), toolchain);
            PublishDiagnosticsParams diags = h.client.awaitDiagnostics(uri, 1);
            assertEquals(List.of("moved to heap: buf"), diags.getDiagnostics().stream().map(Diagnostic::getMessage).toList());
        }
    }
}
