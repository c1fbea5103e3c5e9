package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.PackageAnalyzer;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A package whose test file does not compile opens ready with the package's decisions; the test's
 * error is a Warning on the test file at the import that fails, never on a package file; the status
 * says "tests: 1 error" and counts the tests' heap allocations apart.
 */
class BrokenTestsServerTest {
    @Test
    void aBrokenTestFileDoesNotFailThePackage(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/bt\n\ngo 1.21\n");
        Path pkg = tmp.resolve("bt.go");
        String pkgText = "package bt\n\nfunc Box(v int) *int {\n\tx := v\n\treturn &x\n}\n";
        Files.writeString(pkg, pkgText);
        Path bench = tmp.resolve("bench_test.go");
        String benchText = "package bt\n\nimport (\n\t\"testing\"\n\n\t\"example.com/missing/dep\"\n)\n\n"
                + "func BenchmarkBox(b *testing.B) { dep.X() }\n";
        Files.writeString(bench, benchText);
        Path good = tmp.resolve("good_test.go");
        String goodText = "package bt\n\nimport \"testing\"\n\nfunc TestBox(t *testing.T) {\n\ty := 1\n\tp := &y\n\tsink = p\n}\n\nvar sink *int\n";
        Files.writeString(good, goodText);
        try (LspHarness h = new LspHarness(PackageAnalyzer.fromSystem())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(pkg, pkgText);
            h.open(bench, benchText);
            String uri = LspHarness.uri(pkg);
            JsonObject ready = h.client.awaitStatus(0, "ready", uri, 1);
            assertTrue(ready.get("message").getAsString().startsWith("tests: 1 error ("), ready.toString());
            assertTrue(ready.get("message").getAsString().contains("example.com/missing/dep"), ready.toString());
            assertEquals(1, ready.get("heapAllocs").getAsLong(), ready.toString());
            assertEquals(0, ready.get("testHeapAllocs").getAsLong(), "the tests did not compile: " + ready);

            List<Diagnostic> onPackage = h.client.awaitDiagnostics(uri, 1).getDiagnostics();
            assertEquals(List.of("moved to heap: x"), onPackage.stream().map(Diagnostic::getMessage).toList());
            List<Diagnostic> onTest = h.client.awaitDiagnostics(LspHarness.uri(bench), 1).getDiagnostics();
            assertEquals(1, onTest.size(), onTest.toString());
            Diagnostic d = onTest.get(0);
            assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
            assertEquals(DiagnosticsPublisher.TEST_ERROR_CODE, d.getCode().getLeft());
            assertEquals(5, d.getRange().getStart().getLine(), "on the import that fails: " + d);
            assertEquals(1, d.getRange().getStart().getCharacter(), d.toString());
            assertEquals(26, d.getRange().getEnd().getCharacter(), "the whole import path: " + d);
            assertTrue(d.getMessage().contains("go get example.com/missing/dep"), "what to run: " + d.getMessage());

            // The test is fixed: its decisions come, counted apart.
            int from = h.client.statusCount();
            h.change(bench, 2, new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(9, 0)),
                    "package bt\n");
            JsonObject fixed = h.client.awaitStatus(from, "ready", LspHarness.uri(bench), 2);
            assertEquals("", fixed.get("message").getAsString(), fixed.toString());
            assertEquals(1, fixed.get("heapAllocs").getAsLong(), fixed.toString());
            assertEquals(1, fixed.get("testHeapAllocs").getAsLong(), "good_test.go's y: " + fixed);
            assertEquals(List.of(), h.client.awaitDiagnostics(LspHarness.uri(bench), 2).getDiagnostics());
        }
    }

    /** A go.mod that does not parse: the Go file's diagnostic names go.mod's line and what is wrong there. */
    @Test
    void aBrokenGoModIsNamedWithItsLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/gm\n\ngo 1.21\n\nfrobnicate x\n");
        Path file = tmp.resolve("gm.go");
        String text = "package gm\n\nfunc F() {}\n";
        Files.writeString(file, text);
        try (LspHarness h = new LspHarness(PackageAnalyzer.fromSystem())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(file, text);
            String uri = LspHarness.uri(file);
            h.client.awaitStatus(0, "failed", uri, 1);
            Diagnostic why = h.client.awaitDiagnostics(uri, 1).getDiagnostics().stream()
                    .filter(d -> d.getCode().getLeft().equals(DiagnosticsPublisher.COMPILE_ERROR_CODE)).findFirst().orElseThrow();
            assertTrue(why.getMessage().contains("go.mod:5: unknown directive: frobnicate"), why.getMessage());
        }
    }
}
