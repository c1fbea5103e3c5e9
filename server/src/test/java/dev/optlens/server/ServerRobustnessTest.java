package dev.optlens.server;

import com.google.gson.JsonParser;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.syntax.EditorText;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerRobustnessTest {
    private static final Path BASICS = ServerWireTest.BASICS;

    /** 500 seeded random incremental edits: after each, the server's text equals the client's. */
    @Test
    void randomEditsKeepTheServerTextInSync() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 60000}"), false);
            String text = ServerWireTest.read(BASICS).replace("\n", "\r\n");
            h.open(BASICS, text);
            String uri = LspHarness.uri(BASICS);
            Random rnd = new Random(7);
            String[] inserts = {"a", "ü", "📏", "\r\n", "\n", "世界", "", "func X() {}\n", "}", "\t"};
            for (int v = 2; v <= 501; v++) {
                int a = EditorText.boundary(text, rnd.nextInt(text.length() + 1));
                int b = EditorText.boundary(text, Math.min(text.length(), a + rnd.nextInt(6)));
                if (b < a) b = a;
                String ins = inserts[rnd.nextInt(inserts.length)];
                var e = new TextDocumentContentChangeEvent(new org.eclipse.lsp4j.Range(lsp(EditorText.position(text, a)), lsp(EditorText.position(text, b))), ins);
                h.remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, v), List.of(e)));
                text = text.substring(0, a) + ins + text.substring(b);
                // A request after the notification: when it answers, the server has applied the edit.
                h.remote.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri),
                        LspHarness.range(0, 0, 9999, 0))).get(30, TimeUnit.SECONDS);
                assertEquals(text, h.server.documentText(uri).orElseThrow(), "after edit " + v);
            }
            assertFalse(h.client.messages.stream().anyMatch(m -> m.getType() == MessageType.Error), h.client.messages.toString());
        }
    }

    /**
     * A large package (fast path, slices, detail on hover) under 40 edits inside functions, some
     * breaking the code, with a hover after each: it never fails, and after the original text comes
     * back the decisions are the original ones, detail included.
     */
    @Test
    void aLargePackageSurvivesEditsAndHovers() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 0, \"largePackageKB\": 0}"), false);
            String original = ServerWireTest.read(BASICS);
            String uri = LspHarness.uri(BASICS);
            h.open(BASICS, original);
            h.client.awaitStatus(0, "ready", uri, 1);
            Random rnd = new Random(11);
            String[] snippets = {"\tx := 1\n", "\t_ = &Point{}\n", "\t}\n", "\t// note\n", "\tvar s []int; _ = append(s, 1)\n"};
            String text = original;
            for (int v = 2; v <= 41; v++) {
                List<Integer> bodyLines = new java.util.ArrayList<>();
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) if (lines[i].startsWith("\t")) bodyLines.add(i);
                int line = bodyLines.get(rnd.nextInt(bodyLines.size()));
                String snippet = snippets[rnd.nextInt(snippets.length)];
                h.change(BASICS, v, LspHarness.range(line, 0, line, 0), snippet);
                text = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, line)) + "\n" + snippet
                        + String.join("\n", java.util.Arrays.copyOfRange(lines, line, lines.length));
                h.remote.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri),
                        new Position(rnd.nextInt(60), rnd.nextInt(20)))).get(60, TimeUnit.SECONDS);
                assertEquals(text, h.server.documentText(uri).orElseThrow(), "after edit " + v);
            }
            int before = h.client.statusCount();
            h.remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 42), List.of(new TextDocumentContentChangeEvent(original))));
            h.client.awaitStatus(before, "ready", uri, 42);
            var diags = h.client.awaitDiagnostics(uri, 42);
            assertTrue(ServerWireTest.find(diags, "moved to heap: p").isPresent(), diags.toString());
            String hover = h.remote.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(
                    new TextDocumentIdentifier(uri), new Position(51, 1))).get(60, TimeUnit.SECONDS).getContents().getRight().getValue();
            assertTrue(hover.contains("How it gets there"), hover);
            assertFalse(h.client.messages.stream().anyMatch(m -> m.getType() == MessageType.Error), h.client.messages.toString());
        }
    }

    private static Position lsp(dev.optlens.analysis.syntax.TextPosition p) {
        return new Position(p.line(), p.character());
    }

    /** While a slow compile runs, hover and inlay hints answer from what the server holds. */
    @Test
    void requestsAnswerWhileASlowCompileRuns(@TempDir Path cache) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GOCACHE", cache.toString()); // a cold build cache: the compile takes seconds
        try (LspHarness h = new LspHarness(new PackageAnalyzer(new ToolchainLocator(env), env))) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 0}"), false);
            String uri = LspHarness.uri(BASICS);
            h.open(BASICS, ServerWireTest.read(BASICS));
            h.client.awaitStatus(0, "analysing", uri, 1);
            CompletableFuture<Hover> hover = h.remote.getTextDocumentService().hover(
                    new HoverParams(new TextDocumentIdentifier(uri), new Position(6, 7)));
            CompletableFuture<List<InlayHint>> hints = h.remote.getTextDocumentService().inlayHint(
                    new InlayHintParams(new TextDocumentIdentifier(uri), LspHarness.range(0, 0, 9999, 0)));
            Hover answer = hover.get(30, TimeUnit.SECONDS);
            hints.get(30, TimeUnit.SECONDS);
            assertEquals(0, h.client.count("ready"), "both answered before the compile finished");
            assertTrue(answer.getContents().getRight().getValue().startsWith("**Double**"));
            h.client.awaitStatus(0, "ready", uri, 1);
            // A compile this slow reports progress, begun and ended.
            List<String> kinds = h.client.await("progress end", () -> {
                List<String> k = h.client.progress.stream().map(p -> p.getValue().getLeft().getClass().getSimpleName()).toList();
                return k.contains("WorkDoneProgressEnd") ? Optional.of(k) : Optional.empty();
            });
            assertEquals("WorkDoneProgressBegin", kinds.get(0), kinds.toString());
        }
    }

    /**
     * In a large package an edit inside a function first publishes that function's decisions from a
     * slice compile ("partial"), then the full compile's ("ready"), both for the edited version; the
     * edited function keeps the slice's full detail.
     */
    @Test
    void theFastPathPublishesTheEditedFunctionFirst(@TempDir Path tmp) throws Exception {
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        Path goroot = Path.of(analyzer.toolchain(Optional.empty()).env().get("GOROOT"));
        Files.writeString(tmp.resolve("go.mod"), "module fast\n\ngo 1.23\n");
        Path dir = Files.createDirectories(tmp.resolve("json"));
        try (var files = Files.list(goroot.resolve("src/encoding/json"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path encode = dir.resolve("encode.go");
        String text = Files.readString(encode);
        int line = (int) text.substring(0, text.indexOf("func isValidTag(s string) bool {")).lines().count();
        try (LspHarness h = new LspHarness(analyzer)) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 0}"), false);
            String uri = LspHarness.uri(encode);
            h.open(encode, text);
            h.client.awaitStatus(0, "ready", uri, 1);
            int before = h.client.statusCount();
            // A new allocation inside isValidTag, through a pointer that needs a nil check.
            h.change(encode, 2, LspHarness.range(line + 1, 0, line + 1, 0), "\ttake(&keep.v, &s)\n");
            h.change(encode, 3, LspHarness.range(line, 0, line, 0), "var keep *struct{ v []*string }\n\n"
                    + "//go:noinline\nfunc take(p *[]*string, s *string) { *p = append(*p, s) }\n\n");
            var partial = h.client.awaitStatus(before, "partial", uri, 3);
            assertEquals("isValidTag", partial.get("message").getAsString());
            var early = h.client.awaitDiagnostics(uri, 3);
            assertTrue(early.getDiagnostics().stream().anyMatch(d -> d.getMessage().equals("moved to heap: s")
                    && d.getRange().getStart().getLine() == line + 5), early.getDiagnostics().toString());
            h.client.awaitStatus(before, "ready", uri, 3);
            var full = h.client.awaitDiagnostics(uri, 3);
            assertTrue(full.getDiagnostics().stream().anyMatch(d -> d.getMessage().equals("moved to heap: s")));
            // The package compile of a large package has no -json log, hence no nil checks; the edited
            // function keeps the slice's full detail, nil check included.
            List<com.google.gson.JsonObject> decisions = ServerWireTest.decisionsOf(h, uri);
            assertTrue(decisions.stream().anyMatch(d -> d.get("kind").getAsString().equals("nil-check")
                    && d.get("line").getAsInt() == line + 7), () -> decisions.stream()
                    .filter(d -> Math.abs(d.get("line").getAsInt() - line - 7) < 3).toList().toString());
            assertTrue(decisions.stream().noneMatch(d -> d.get("kind").getAsString().equals("nil-check")
                    && d.get("line").getAsInt() < line), "no nil checks outside the edited function");
        }
    }

    /** Without a usable Go, one message says how to fix it; every open file says so too. */
    @Test
    void aMissingGoIsToldOnce(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPTLENS_GO", tmp.resolve("no-go").toString());
        try (LspHarness h = new LspHarness(new PackageAnalyzer(new ToolchainLocator(env), env))) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 0}"), false);
            Path other = ServerWireTest.WORKSPACES.resolve("unicode/unicode.go");
            h.open(BASICS, ServerWireTest.read(BASICS));
            h.open(other, ServerWireTest.read(other));
            h.client.awaitStatus(0, "noGo", LspHarness.uri(BASICS), 1);
            h.client.awaitStatus(0, "noGo", LspHarness.uri(other), 1);
            var p = h.client.awaitDiagnostics(LspHarness.uri(other), 1);
            assertTrue(p.getDiagnostics().get(0).getMessage().contains("Go not found at " + tmp.resolve("no-go")), p.toString());
            long errors = h.client.messages.stream().filter(m -> m.getType() == MessageType.Error).count();
            assertEquals(1, errors, h.client.messages.toString());
        }
    }

    /** Nonsense from the client is answered or ignored, never fatal. */
    @Test
    void nonsenseIsSurvived(@TempDir Path tmp) throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(JsonParser.parseString("\"not an object\""), false);
            var docs = h.remote.getTextDocumentService();
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier("file:///nowhere.go", 3),
                    List.of(new TextDocumentContentChangeEvent("x"))));
            docs.didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(new org.eclipse.lsp4j.TextDocumentItem(
                    "untitled:Untitled-1", "go", 1, "package x")));
            Path garbage = tmp.resolve("garbage.go");
            Files.write(garbage, new byte[]{0, (byte) 0xff, (byte) 0xfe, 'x'});
            h.open(garbage, "\u0000\uFFFDgarbage {{{ \uD83D");
            h.change(garbage, 2, LspHarness.range(-4, 99, 700, -1), "\u0000");
            Hover none = docs.hover(new HoverParams(new TextDocumentIdentifier(LspHarness.uri(garbage)),
                    new Position(99, 99))).get(10, TimeUnit.SECONDS);
            assertTrue(none == null || none.getContents() != null);
            h.client.awaitStatus(0, "failed", LspHarness.uri(garbage), 2);
            var p = h.client.awaitDiagnostics(LspHarness.uri(garbage), 2);
            assertTrue(p.getDiagnostics().get(0).getMessage().startsWith("optlens: the package does not compile"),
                    p.getDiagnostics().toString());
            Object r = h.remote.getWorkspaceService().executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams(
                    ServerApi.COMMAND_DECISIONS, List.of(42))).handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
            assertTrue(r instanceof Throwable, "a bad argument is an error response");
        }
    }

    /** A file outside any module is analysed as 'go build file.go' would. */
    @Test
    void aFileOutsideAnyModuleIsAnalysed(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("loose.go");
        String text = "package main\n\nfunc main() {\n\tx := 1\n\tp := &x\n\tprintln(p)\n\tkeep = p\n}\n\nvar keep *int\n";
        Files.writeString(file, text);
        try (LspHarness h = new LspHarness()) {
            h.initialize(JsonParser.parseString("{\"debounceMs\": 0}"), false);
            h.open(file, text);
            var p = h.client.awaitDiagnostics(LspHarness.uri(file), 1);
            assertEquals(List.of("moved to heap: x"), p.getDiagnostics().stream().map(d -> d.getMessage()).toList());
        }
    }
}
