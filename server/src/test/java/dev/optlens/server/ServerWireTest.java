package dev.optlens.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server over real JSON-RPC pipes with the real compiler, as an editor drives it. */
class ServerWireTest {
    static final Path WORKSPACES = Path.of(System.getProperty("optlens.repo", "..")).toAbsolutePath().normalize()
            .resolve("test-workspaces");
    static final Path BASICS = WORKSPACES.resolve("basics/basics.go");

    static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static JsonObject options(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    static Optional<Diagnostic> find(PublishDiagnosticsParams p, String message) {
        return p.getDiagnostics().stream().filter(d -> d.getMessage().equals(message)).findFirst();
    }

    /** A hint's whole label, whether a string or parts. */
    static String label(InlayHint h) {
        return h.getLabel().isLeft() ? h.getLabel().getLeft()
                : String.join("", h.getLabel().getRight().stream().map(org.eclipse.lsp4j.InlayHintLabelPart::getValue).toList());
    }

    static List<InlayHint> hints(LspHarness h, Path file) throws Exception {
        return h.remote.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(LspHarness.uri(file)),
                LspHarness.range(0, 0, 10_000, 0))).get(30, TimeUnit.SECONDS);
    }

    Hover hover(LspHarness h, Path file, int line, int character) throws Exception {
        return h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(LspHarness.uri(file)),
                new Position(line, character))).get(30, TimeUnit.SECONDS);
    }

    @Test
    void openShowsSquigglesHintsHoverAndLenses() throws Exception {
        try (LspHarness h = new LspHarness()) {
            InitializeResult init = h.initialize(options("{\"debounceMs\": 0}"), false);
            assertEquals("utf-16", init.getCapabilities().getPositionEncoding());
            h.open(BASICS, read(BASICS));
            String uri = LspHarness.uri(BASICS);
            h.client.awaitStatus(0, "ready", uri, 1);
            PublishDiagnosticsParams diags = h.client.awaitDiagnostics(uri, 1);

            Diagnostic moved = find(diags, "moved to heap: p").orElseThrow(() -> new AssertionError(diags.toString()));
            assertEquals(LspHarness.range(51, 1, 51, 2), moved.getRange());
            assertEquals(DiagnosticSeverity.Information, moved.getSeverity());
            assertEquals("optlens", moved.getSource());
            assertEquals("moved-to-heap", moved.getCode().getLeft());
            assertTrue(moved.getRelatedInformation() == null || moved.getRelatedInformation().isEmpty(),
                    "the flow is the hover's, not rows under the Problems entry: " + moved.getRelatedInformation());
            assertTrue(diags.getDiagnostics().stream().allMatch(d -> d.getCode().getLeft().equals("heap-escape")
                    || d.getCode().getLeft().equals("moved-to-heap")), "only heap kinds by default");

            List<InlayHint> hints = hints(h, BASICS);
            // This client shows no code lenses: the inline cost is a hint after the signature.
            assertTrue(hints.stream().anyMatch(x -> label(x).equals("inline 24/80")
                    && x.getPosition().equals(new Position(6, 28))), hints.toString());
            assertTrue(hints.stream().anyMatch(x -> label(x).equals("no inline 163/80")), hints.toString());
            // A line's decisions after its end, never inside the code: `p := Point{X: x, Y: y}` ⟵ heap: p
            assertTrue(hints.stream().anyMatch(x -> label(x).equals("⟵ heap: p") && x.getPosition().equals(new Position(51, 23))),
                    hints.toString());
            String[] lines = read(BASICS).split("\n", -1);
            for (InlayHint x : hints) {
                if (label(x).startsWith("⟵")) assertEquals(lines[x.getPosition().getLine()].length(), x.getPosition().getCharacter(), label(x));
            }
            assertFalse(hints.stream().anyMatch(x -> label(x).contains("inlined: ")), "inlined hints are off by default");
            assertFalse(hints.stream().anyMatch(x -> label(x).contains("stack: ")), "stack hints are off by default");

            String text = hover(h, BASICS, 51, 1).getContents().getRight().getValue();
            // Plain words first, from the compiler's flow; its own words last, verbatim.
            assertTrue(text.startsWith("`p` is moved to the heap: its address is returned at line 53."), text);
            assertTrue(text.contains("How it gets there"), text);
            assertTrue(text.contains("`&p (address-of)` — [basics.go:53:9](" + BASICS.toUri() + "#L53,9)"), text);
            String raw = text.substring(text.indexOf("The compiler's words"));
            assertTrue(raw.contains("moved to heap: p") && raw.contains("flow: ~r0 = &p"), raw);
            String words = text.substring(0, text.indexOf("The compiler's words"));
            assertFalse(words.contains("~r0") || words.contains(".autotmp") || words.contains("{storage for"), words);

            String fn = hover(h, BASICS, 6, 7).getContents().getRight().getValue();
            assertTrue(fn.startsWith("**Double** · 1 heap allocation · inlinable (cost 24/80)"), fn);
            assertTrue(fn.contains("Inlined at:\n- [basics.go:62:18](" + BASICS.toUri() + "#L62,18) in `Run`"), fn);

            List<? extends CodeLens> lenses = h.remote.getTextDocumentService()
                    .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
            List<String> titles = lenses.stream().map(l -> l.getRange().getStart().getLine() + " " + l.getCommand().getTitle()).toList();
            assertTrue(titles.contains("6 inlinable (cost 24/80)"), titles.toString());
            assertTrue(titles.contains("6 1 heap alloc"), titles.toString());
            assertTrue(titles.contains("24 not inlinable: cost 163/80"), titles.toString());

            Object result = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS,
                    List.of(JsonParser.parseString("{\"uri\":\"" + uri + "\"}")))).get(30, TimeUnit.SECONDS);
            JsonObject decisions = new com.google.gson.Gson().toJsonTree(result).getAsJsonObject();
            assertEquals(1, decisions.get("version").getAsInt());
            assertTrue(decisions.getAsJsonArray("decisions").size() > 20);
        }
    }

    /**
     * A large package compiles without the -json log, so a decision inside inlined code comes without
     * its inline chain; hovering it compiles a slice of its function at full detail, and the hover
     * (and every later request) has the chain.
     */
    @Test
    void aHoverInALargePackageFetchesTheFullDetail() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(options("{\"debounceMs\": 0, \"largePackageKB\": 0}"), false);
            String uri = LspHarness.uri(BASICS);
            h.open(BASICS, read(BASICS));
            h.client.awaitStatus(0, "ready", uri, 1);
            // Run's call Double([]int{1, 2, 3}) at 62:18 holds Double's make, inlined from 8:13.
            java.util.function.Supplier<JsonObject> escape = () -> decisionsOf(h, uri).stream()
                    .filter(d -> d.get("line").getAsInt() == 62 && d.get("kind").getAsString().equals("heap-escape"))
                    .findFirst().orElseThrow();
            assertEquals(0, escape.get().getAsJsonArray("inlinedFrom").size(), "no -json log: no inline chain yet");
            assertTrue(escape.get().getAsJsonArray("explanation").size() > 0, "-m=2 still explains");

            String text = hover(h, BASICS, 61, 12).getContents().getRight().getValue();
            assertTrue(text.contains("escapes to heap"), text);
            assertTrue(text.contains("Inside inlined code from [basics.go:8:13]"), text);
            assertEquals(8, escape.get().getAsJsonArray("inlinedFrom").get(0).getAsJsonObject().get("line").getAsInt());
        }
    }

    /** A large package's test files compile only while one of them is open. */
    @Test
    void aLargePackageCompilesItsTestsOnlyWhileOneIsOpen() throws Exception {
        Path dir = WORKSPACES.resolve("tests-included");
        Path parse = dir.resolve("parse.go");
        Path test = dir.resolve("parse_test.go");
        try (LspHarness h = new LspHarness()) {
            h.initialize(options("{\"debounceMs\": 0, \"largePackageKB\": 0}"), false);
            h.open(parse, read(parse));
            h.client.awaitStatus(0, "ready", LspHarness.uri(parse), 1);
            // The first compile (go list) describes the tests too; the next one, direct, leaves them out.
            int before = h.client.statusCount();
            h.change(parse, 2, LspHarness.range(0, 0, 0, 0), "// edited\n");
            h.client.awaitStatus(before, "ready", LspHarness.uri(parse), 2);
            assertTrue(packageDecisions(h, LspHarness.uri(parse)).stream().noneMatch(d -> d.get("file").getAsString().endsWith("_test.go")));
            h.open(test, read(test));
            h.client.awaitStatus(before, "ready", LspHarness.uri(test), 1);
            assertTrue(packageDecisions(h, LspHarness.uri(parse)).stream().anyMatch(d -> d.get("file").getAsString().endsWith("parse_test.go")));
        }
    }

    static List<JsonObject> packageDecisions(LspHarness h, String uri) {
        return decisions(h, uri, true);
    }

    static List<JsonObject> decisionsOf(LspHarness h, String uri) {
        return decisions(h, uri, false);
    }

    /** The {@code optlens.decisions} command's answer for a file (or its whole package). */
    private static List<JsonObject> decisions(LspHarness h, String uri, boolean wholePackage) {
        try {
            Object result = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS,
                    List.of(JsonParser.parseString("{\"uri\":\"" + uri + "\", \"package\": " + wholePackage + "}"))))
                    .get(30, TimeUnit.SECONDS);
            List<JsonObject> out = new java.util.ArrayList<>();
            new com.google.gson.Gson().toJsonTree(result).getAsJsonObject().getAsJsonArray("decisions")
                    .forEach(d -> out.add(d.getAsJsonObject()));
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEditThatRemovesAnEscapeRemovesItsSquiggle() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(options("{\"debounceMs\": 0}"), false);
            String uri = LspHarness.uri(BASICS);
            h.open(BASICS, read(BASICS));
            assertTrue(find(h.client.awaitDiagnostics(uri, 1), "moved to heap: p").isPresent());
            // return &p  →  return &Point{X: p.X, Y: p.Y}: p stays on the stack, the literal goes to the heap.
            h.change(BASICS, 2, LspHarness.range(52, 8, 52, 10), "&Point{X: p.X, Y: p.Y}");
            h.client.awaitStatus(0, "ready", uri, 2);
            PublishDiagnosticsParams after = h.client.awaitDiagnostics(uri, 2);
            assertFalse(find(after, "moved to heap: p").isPresent(), after.toString());
            Diagnostic lit = find(after, "&Point{...} escapes to heap").orElseThrow(() -> new AssertionError(after.toString()));
            assertEquals(LspHarness.range(52, 8, 52, 30), lit.getRange());
        }
    }

    @Test
    void aBurstOfEditsCompilesOnceOrTwiceAndEndsAtTheRightPlace() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(options("{}"), false); // default debounce
            String uri = LspHarness.uri(BASICS);
            h.open(BASICS, read(BASICS));
            h.client.awaitStatus(0, "ready", uri, 1);
            int before = h.client.statusCount();
            long analysingBefore = h.client.count("analysing");
            h.change(BASICS, 2, LspHarness.range(0, 0, 0, 0), "// \n");
            for (int v = 3; v <= 31; v++) h.change(BASICS, v, LspHarness.range(0, 3 + v - 3, 0, 3 + v - 3), "x");
            h.client.awaitStatus(before, "ready", uri, 31);
            long compiles = h.client.count("analysing") - analysingBefore;
            assertTrue(compiles >= 1 && compiles <= 2, "compiles for a burst of 30 edits: " + compiles);
            PublishDiagnosticsParams last = h.client.awaitDiagnostics(uri, 31);
            assertEquals(LspHarness.range(52, 1, 52, 2), find(last, "moved to heap: p").orElseThrow().getRange());
        }
    }

    @Test
    void aCompileErrorKeepsTheLastGoodResultsAndSaysWhy() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.initialize(options("{\"debounceMs\": 0}"), false);
            String uri = LspHarness.uri(BASICS);
            String text = read(BASICS);
            h.open(BASICS, text);
            h.client.awaitStatus(0, "ready", uri, 1);
            int lines = (int) text.lines().count();
            h.change(BASICS, 2, LspHarness.range(lines, 0, lines, 0), "\nvar broken int = \"text\"\n");
            h.client.awaitStatus(0, "failed", uri, 2);
            PublishDiagnosticsParams p = h.client.awaitDiagnostics(uri, 2);
            assertTrue(find(p, "moved to heap: p").isPresent(), "last good decisions stay");
            Diagnostic why = p.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("compile-error")).findFirst().orElseThrow();
            assertTrue(why.getMessage().startsWith("optlens: the package does not compile; showing decisions from the last version"
                    + " that compiled: basics.go:" + (lines + 2) + ":18: cannot use \"text\""), why.getMessage());
            assertEquals(lines + 1, why.getRange().getStart().getLine());
            // On the token the compiler names ("text"), not one character of it.
            assertEquals(17, why.getRange().getStart().getCharacter());
            assertEquals(23, why.getRange().getEnd().getCharacter());
            String hover = hover(h, BASICS, 51, 1).getContents().getRight().getValue();
            assertTrue(hover.contains("From the last version that compiled"), hover);
        }
    }

    /** optlens.hints.bounds (off by default) marks each bounds check the compiler keeps, after its index or slice expression. */
    @Test
    void shutdownAndExitAreClean() throws Exception {
        LspHarness h = new LspHarness();
        h.initialize(options("{}"), false);
        h.open(BASICS, read(BASICS));
        h.remote.shutdown().get(10, TimeUnit.SECONDS);
        h.remote.exit();
        assertEquals(0, h.exitCode.get(10, TimeUnit.SECONDS));
    }

    @Test
    void utf8IsUsedWhenTheClientOffersIt() throws Exception {
        Path file = WORKSPACES.resolve("unicode/unicode.go");
        try (LspHarness h = new LspHarness()) {
            InitializeResult init = h.initialize(options("{\"debounceMs\": 0}"), true);
            assertEquals("utf-8", init.getCapabilities().getPositionEncoding());
            h.open(file, read(file));
            PublishDiagnosticsParams p = h.client.awaitDiagnostics(LspHarness.uri(file), 1);
            // func 世界() *int { 值 := 42; return &值 }: 值 starts at byte 21 of its line.
            assertEquals(LspHarness.range(12, 21, 12, 24), find(p, "moved to heap: 值").orElseThrow().getRange());
        }
    }
}
