package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One finding, one fingerprint: in the editor as in optlens check's SARIF. */
class FindingFingerprintTest {
    @TempDir
    Path tmp;
    Path module;

    @BeforeEach
    void copyWorkspace() throws IOException {
        module = dev.optlens.analysis.Workspaces.copy("gate", tmp);
    }

    /**
     * The editor's findings carry the fingerprints optlens check --format=sarif gives the same findings:
     * a code-scanning alert and the squiggle in the editor are one thing, whatever line it is on.
     */
    @Test
    void theEditorsFindingsCarryTheFingerprintsOfSarif() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, dev.optlens.cli.Main.run(new String[]{"baseline", module.resolve("regress").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true), System.getenv()));
        Path baseline = module.resolve("optlens-baseline.json");
        Files.writeString(baseline, out.toString(StandardCharsets.UTF_8));
        // A regression since the baseline, saved, and a package whose assertions do not hold.
        Path regress = module.resolve("regress/regress.go");
        String text = Files.readString(regress);
        int ret = GateServerTest.lineOf(text, "\treturn total + len(xs)");
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        lines.add(ret, "\tkeep = scratch[:]");
        lines.add("var keep []int");
        Files.writeString(regress, String.join("\n", lines) + "\n");
        Path violated;
        try (var files = Files.list(module.resolve("violated"))) {
            violated = files.filter(f -> f.toString().endsWith(".go")).findFirst().orElseThrow();
        }
        ByteArrayOutputStream sarif = new ByteArrayOutputStream();
        dev.optlens.cli.Main.run(new String[]{"check", "--format=sarif", "--baseline=" + baseline, module.resolve("regress").toString(),
                module.resolve("violated").toString()}, new PrintStream(sarif, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true), System.getenv());
        java.util.Set<String> fromSarif = new java.util.HashSet<>();
        for (var r : com.google.gson.JsonParser.parseString(sarif.toString(StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("runs")
                .get(0).getAsJsonObject().getAsJsonArray("results")) {
            fromSarif.add(r.getAsJsonObject().getAsJsonObject("partialFingerprints").get("optlensIdentity/v1").getAsString());
        }
        java.util.Set<String> fromEditor = new java.util.HashSet<>();
        for (Path file : List.of(regress, violated)) {
            try (LspHarness h = GateServerTest.opened(file, Files.readString(file))) {
                for (Diagnostic d : h.client.awaitDiagnostics(LspHarness.uri(file), 1).getDiagnostics()) {
                    if (d.getSeverity() == DiagnosticSeverity.Information) continue; // a decision, not a finding
                    com.google.gson.JsonObject data = (com.google.gson.JsonObject) d.getData();
                    assertTrue(data != null && data.has("fingerprint"), "a finding in the editor carries its fingerprint: " + d);
                    fromEditor.add(data.get("fingerprint").getAsString());
                }
            }
        }
        assertTrue(fromSarif.size() >= 2, "a regression and a violated assertion: " + fromSarif);
        assertEquals(fromSarif, fromEditor);
    }
}
