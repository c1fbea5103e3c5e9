package dev.optlens.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensCapabilities;
import org.eclipse.lsp4j.CodeLensWorkspaceCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.InlayHintWorkspaceCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a Go developer reads in one file with VS Code's default settings (its package.json's hint
 * defaults, a client that shows code lenses): inlay hints, hints that sit inside a line rather than
 * after it, Problems entries and the rows under them. {@code ReadingFigures <repo> <file.go>}.
 */
public final class ReadingFigures {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath().normalize();
        JsonObject pkg = JsonParser.parseString(Files.readString(repo.resolve("vscode-client/package.json"))).getAsJsonObject();
        JsonObject hints = pkg.getAsJsonObject("contributes").getAsJsonObject("configuration").getAsJsonObject("properties")
                .getAsJsonObject("optlens.hints").getAsJsonObject("default");
        JsonObject options = new JsonObject();
        options.add("hints", hints);
        try (LspHarness h = new LspHarness()) {
            InitializeParams p = new InitializeParams();
            ClientCapabilities caps = new ClientCapabilities();
            WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
            ws.setInlayHint(new InlayHintWorkspaceCapabilities(true));
            ws.setCodeLens(new CodeLensWorkspaceCapabilities(true));
            caps.setWorkspace(ws);
            TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
            td.setCodeLens(new CodeLensCapabilities());
            caps.setTextDocument(td);
            p.setCapabilities(caps);
            p.setInitializationOptions(options);
            h.remote.initialize(p).get(30, TimeUnit.SECONDS);
            h.remote.initialized(new InitializedParams());
            String text = Files.readString(file);
            String uri = LspHarness.uri(file);
            h.open(file, text);
            h.client.awaitStatus(0, "ready", uri, 1);
            List<Diagnostic> diags = h.client.awaitDiagnostics(uri, 1).getDiagnostics();
            List<InlayHint> shown = h.remote.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri),
                    LspHarness.range(0, 0, 1_000_000, 0))).get(60, TimeUnit.SECONDS);
            String[] lines = text.split("\n", -1);
            long inside = shown.stream().filter(x -> {
                String line = lines[x.getPosition().getLine()];
                return x.getPosition().getCharacter() < line.stripTrailing().length() && !line.substring(x.getPosition().getCharacter()).strip().equals("{");
            }).count();
            long entries = diags.stream().filter(d -> d.getSeverity() != DiagnosticSeverity.Hint).count();
            long rows = diags.stream().filter(d -> d.getSeverity() != DiagnosticSeverity.Hint)
                    .mapToLong(d -> d.getRelatedInformation() == null ? 0 : d.getRelatedInformation().size()).sum();
            long dimmed = diags.size() - entries;
            System.out.printf("%s: %d inlay hints, %d inside a line; %d Problems entries with %d rows under them; %d dimmed (Hint)%n",
                    file.getFileName(), shown.size(), inside, entries, rows, dimmed);
        }
    }
}
