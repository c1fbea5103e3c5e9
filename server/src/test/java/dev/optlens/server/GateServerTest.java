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

/**
 * The gate in the editor, over real JSON-RPC with the real compiler, on a copy of test-workspaces/gate:
 * an assertion typed on a line is an Error while the compiler does not uphold it and goes when the code
 * is fixed; lenses and optlens.decisions say whether assertions hold; quick fixes write and remove
 * assertions; the module's baseline file turns new heap allocations into Warnings.
 */
class GateServerTest {
    @TempDir
    Path tmp;
    Path module;

    @BeforeEach
    void copyWorkspace() throws IOException {
        module = dev.optlens.analysis.Workspaces.copy("gate", tmp);
    }

    private static Optional<Diagnostic> withCode(PublishDiagnosticsParams p, String code) {
        return p.getDiagnostics().stream().filter(d -> d.getCode() != null && d.getCode().getLeft().equals(code)).findFirst();
    }

    static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count();
    }

    /** A server over real JSON-RPC with no compile delay, the file opened at version 1 and compiled. */
    static LspHarness opened(Path file, String text) throws Exception {
        LspHarness h = new LspHarness();
        h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
        h.open(file, text);
        compiled(h, LspHarness.uri(file), 1, 0);
        return h;
    }

    private static PublishDiagnosticsParams compiled(LspHarness h, String uri, int version, int from) {
        h.client.awaitStatus(from, "ready", uri, version);
        return h.client.awaitDiagnostics(uri, version);
    }

    @Test
    void anAssertionTypedOnALineIsCheckedWhileTypingAndClearedWhenFixed() throws Exception {
        Path file = module.resolve("regress/regress.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        int scratch = lineOf(text, "var scratch [16]int");
        int ret = lineOf(text, "\treturn total + len(xs)");
        try (LspHarness h = opened(file, text)) {

            // Type the assertion at the end of the line: it holds, nothing to show.
            int end = "\tvar scratch [16]int".length();
            int from = h.client.statusCount();
            h.change(file, 2, LspHarness.range(scratch, end, scratch, end), " //optlens:noescape");
            PublishDiagnosticsParams holds = compiled(h, uri, 2, from);
            assertTrue(withCode(holds, "optlens:noescape").isEmpty(), holds.toString());
            assertTrue(lensTitles(h, uri).contains("✓ assertion holds"), lensTitles(h, uri).toString());

            // An edit that makes scratch escape: the assertion is violated, in the compiler's words, with its flow.
            from = h.client.statusCount();
            h.change(file, 3, LspHarness.range(ret, 0, ret, 0), "\tkeep = scratch[:]\n");
            int last = lineOf(text, "// Last reads") + 1;
            h.change(file, 4, LspHarness.range(last, 0, last, 0), "var keep []int\n\n");
            PublishDiagnosticsParams violated = compiled(h, uri, 4, from);
            Diagnostic d = withCode(violated, "optlens:noescape").orElseThrow(() -> new AssertionError(violated.toString()));
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals(scratch, d.getRange().getStart().getLine());
            assertTrue(d.getMessage().startsWith("optlens:noescape violated: moved to heap: scratch"), d.getMessage());
            assertTrue(d.getMessage().contains("flow: "), "the explanation says why: " + d.getMessage());
            assertTrue(lensTitles(h, uri).contains("✗ 1 of 1 assertion violated"), lensTitles(h, uri).toString());
            JsonObject decisions = decisions(h, uri);
            JsonArray assertions = decisions.getAsJsonArray("assertions");
            assertEquals(1, assertions.size(), decisions.toString());
            assertEquals("violated", assertions.get(0).getAsJsonObject().get("verdict").getAsString());

            // Remove the escaping line: the Error goes.
            from = h.client.statusCount();
            h.change(file, 5, LspHarness.range(ret, 0, ret + 1, 0), "");
            PublishDiagnosticsParams fixed = compiled(h, uri, 5, from);
            assertTrue(withCode(fixed, "optlens:noescape").isEmpty(), fixed.toString());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("dev.optlens.analysis.GoReleases#all")
    void everyAssertionKindIsAnErrorWhenViolatedAndSilentWhenItHolds(dev.optlens.analysis.GoReleases.Release release) throws Exception {
        Path holds = module.resolve("holds/holds.go");
        Path violated = module.resolve("violated/violated.go");
        try (LspHarness h = new LspHarness(release.analyzer())) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            h.open(holds, Files.readString(holds));
            h.open(violated, Files.readString(violated));
            PublishDiagnosticsParams ok = compiled(h, LspHarness.uri(holds), 1, 0);
            assertTrue(ok.getDiagnostics().stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error), release + ": " + ok);
            PublishDiagnosticsParams bad = compiled(h, LspHarness.uri(violated), 1, 0);
            List<String> errors = bad.getDiagnostics().stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error)
                    .map(d -> (d.getRange().getStart().getLine() + 1) + " " + d.getCode().getLeft()).sorted().toList();
            // gcassert:noescape on line 60 included: go1.25+ words it so that gcassert itself misses it.
            assertEquals(List.of("10 optlens:noescape", "17 optlens:stack count", "23 optlens:nobce", "28 optlens:inline",
                    "45 optlens:inline", "50 gcassert:noescape", "56 gcassert:bce", "60 gcassert:noescape", "65 gcassert:inline",
                    "70 optlens:fast"), errors.stream().sorted(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.split(" ")[0]))).toList(),
                    release + ": " + bad);
        }
    }

    @Test
    void quickFixesWriteAssertionsThatHoldAndRemoveThem() throws Exception {
        Path file = module.resolve("regress/regress.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        int clamp = lineOf(text, "func Clamp(");
        int call = lineOf(text, "scratch[i] = Clamp(i, 0, 9)");
        try (LspHarness h = opened(file, text)) {
            List<CodeAction> onClamp = actions(h, uri, clamp);
            CodeAction inlineEverywhere = find(onClamp, "Assert Clamp inlines wherever it is called (//optlens:inline)");
            TextEdit edit = inlineEverywhere.getEdit().getChanges().get(uri).get(0);
            assertEquals("//optlens:inline\n", edit.getNewText());
            assertEquals(clamp, edit.getRange().getStart().getLine());

            List<CodeAction> onCall = actions(h, uri, call);
            TextEdit inlineCall = find(onCall, "Assert this call inlines (//optlens:inline)").getEdit().getChanges().get(uri).get(0);
            assertEquals(" //optlens:inline", inlineCall.getNewText());
            TextEdit nobce = find(onCall, "Assert this line has no bounds check (//optlens:nobce)").getEdit().getChanges().get(uri).get(0);
            assertEquals(" //optlens:nobce", nobce.getNewText());

            // Apply one (as the client would) and the assertion holds; then remove it with its own fix.
            int from = h.client.statusCount();
            h.change(file, 2, inlineCall.getRange(), inlineCall.getNewText());
            PublishDiagnosticsParams after = compiled(h, uri, 2, from);
            assertTrue(after.getDiagnostics().stream().noneMatch(x -> x.getSeverity() == DiagnosticSeverity.Error), after.toString());
            JsonArray assertions = decisions(h, uri).getAsJsonArray("assertions");
            assertEquals("holds", assertions.get(0).getAsJsonObject().get("verdict").getAsString());
            // Another assertion on that line joins its directive.
            TextEdit more = find(actions(h, uri, call), "Assert this line has no bounds check (//optlens:nobce)").getEdit().getChanges().get(uri).get(0);
            assertEquals(",nobce", more.getNewText());
            TextEdit remove = find(actions(h, uri, call), "Remove assertion optlens:inline").getEdit().getChanges().get(uri).get(0);
            assertEquals("", remove.getNewText());
            assertEquals(call, remove.getRange().getStart().getLine());
        }
    }

    @Test
    void theModulesBaselineTurnsNewHeapAllocationsIntoWarnings() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = dev.optlens.cli.Main.run(new String[]{"baseline", module.resolve("regress").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true), System.getenv());
        assertEquals(0, code);
        Files.writeString(module.resolve("optlens-baseline.json"), out.toString(StandardCharsets.UTF_8));

        Path file = module.resolve("regress/regress.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        int ret = lineOf(text, "\treturn total + len(xs)");
        try (LspHarness h = opened(file, text)) {
            PublishDiagnosticsParams before = h.client.awaitDiagnostics(uri, 1);
            assertTrue(before.getDiagnostics().stream().noneMatch(x -> x.getSeverity() == DiagnosticSeverity.Warning), before.toString());
            int from = h.client.statusCount();
            h.change(file, 2, LspHarness.range(ret, 0, ret, 0), "\tkeep = scratch[:]\n");
            int last = lineOf(text, "// Last reads") + 1;
            h.change(file, 3, LspHarness.range(last, 0, last, 0), "var keep []int\n\n");
            PublishDiagnosticsParams after = compiled(h, uri, 3, from);
            Diagnostic moved = ServerWireTest.find(after, "moved to heap: scratch (new since the baseline)")
                    .orElseThrow(() -> new AssertionError(after.toString()));
            assertEquals(DiagnosticSeverity.Warning, moved.getSeverity());
            // What was there at the baseline keeps its configured severity.
            assertTrue(after.getDiagnostics().stream().filter(x -> x.getSeverity() == DiagnosticSeverity.Warning).count() == 1, after.toString());
        }
    }

    /** Removing one item of a list keeps the others; removing a trailing directive keeps the code. */
    @Test
    void removingAnAssertionKeepsEverythingElse() throws Exception {
        Path file = module.resolve("holds/holds.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        int list = lineOf(text, "s += Scale(xs[i]) //optlens:inline,nobce");
        int bce = lineOf(text, "buf[i] = byte(n + i) //gcassert:bce");
        try (LspHarness h = opened(file, text)) {
            TextEdit one = find(actions(h, uri, list), "Remove assertion optlens:nobce").getEdit().getChanges().get(uri).get(0);
            assertEquals("//optlens:inline", one.getNewText());
            TextEdit trailing = find(actions(h, uri, bce), "Remove assertion gcassert:bce").getEdit().getChanges().get(uri).get(0);
            assertEquals("", trailing.getNewText());
            String line = text.lines().toList().get(bce);
            assertEquals(line.indexOf(" //gcassert"), trailing.getRange().getStart().getCharacter());
            assertEquals(line.length(), trailing.getRange().getEnd().getCharacter());
        }
    }

    /** A baseline written while the file is open takes effect when the client reports the new file. */
    @Test
    void aBaselineWrittenLaterIsUsedOnceTheClientReportsIt() throws Exception {
        Path file = module.resolve("regress/regress.go");
        String text = Files.readString(file);
        String uri = LspHarness.uri(file);
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            String edited = text.replace("\treturn total + len(xs)\n", "\tkeep = scratch[:]\n\treturn total + len(xs)\n")
                    .replace("// Last reads", "var keep []int\n\n// Last reads");
            h.open(file, edited);
            PublishDiagnosticsParams before = compiled(h, uri, 1, 0);
            assertTrue(before.getDiagnostics().stream().noneMatch(x -> x.getSeverity() == DiagnosticSeverity.Warning), before.toString());

            // The baseline of the saved code (without the escape), then the client's report of it.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, dev.optlens.cli.Main.run(new String[]{"baseline", module.resolve("regress").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true), System.getenv()));
            Path baseline = module.resolve("optlens-baseline.json");
            Files.writeString(baseline, out.toString(StandardCharsets.UTF_8));
            h.remote.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(List.of(
                    new org.eclipse.lsp4j.FileEvent(LspHarness.uri(baseline), org.eclipse.lsp4j.FileChangeType.Created))));
            Diagnostic moved = h.client.await("a Warning from the baseline", () -> h.client.diagnostics.stream()
                    .filter(p -> p.getUri().equals(uri))
                    .flatMap(p -> p.getDiagnostics().stream())
                    .filter(d -> d.getSeverity() == DiagnosticSeverity.Warning).findFirst());
            assertEquals("moved to heap: scratch (new since the baseline)", moved.getMessage());
        }
    }

    private static CodeAction find(List<CodeAction> actions, String title) {
        return actions.stream().filter(a -> a.getTitle().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + title + "' in " + actions.stream().map(CodeAction::getTitle).toList()));
    }

    private static List<CodeAction> actions(LspHarness h, String uri, int line) throws Exception {
        List<Either<Command, CodeAction>> got = h.remote.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), LspHarness.range(line, 0, line, 0), new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS);
        return got.stream().map(Either::getRight).toList();
    }

    private static List<String> lensTitles(LspHarness h, String uri) throws Exception {
        List<? extends CodeLens> lenses = h.remote.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                .get(30, TimeUnit.SECONDS);
        return lenses.stream().map(l -> l.getCommand().getTitle()).toList();
    }

    private static JsonObject decisions(LspHarness h, String uri) throws Exception {
        Object result = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS,
                List.of(JsonParser.parseString("{\"uri\":\"" + uri + "\"}")))).get(30, TimeUnit.SECONDS);
        return new com.google.gson.Gson().toJsonTree(result).getAsJsonObject();
    }
}
