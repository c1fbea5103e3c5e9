package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler's orderings, each forced with {@link FakeAnalyzer}'s gates over real JSON-RPC: a late
 * answer for an older text, an early result after the whole one, hover detail during a compile, a
 * cancelled hover, a close while a compile runs, an edit burst. Milliseconds each.
 */
class SchedulerOrderingTest {
    private static final String TEXT = "package p\n\nfunc F() {\n\t_ = new(int)\n}\n";

    private static Path file(Path root) throws Exception {
        Files.writeString(root.resolve("go.mod"), "module m\n\ngo 1.21\n");
        Path f = root.resolve("a.go");
        Files.writeString(f, TEXT);
        return f;
    }

    private static JsonObject options(boolean large, int debounceMs) {
        JsonObject o = new JsonObject();
        o.addProperty("debounceMs", debounceMs);
        o.addProperty("largePackageKB", large ? 0 : 1_000);
        return o;
    }

    private static JsonObject decisions(LspHarness h, Path f) throws Exception {
        JsonObject arg = new JsonObject();
        arg.addProperty("uri", LspHarness.uri(f));
        Object o = h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS, List.of(arg)))
                .get(10, TimeUnit.SECONDS);
        return JsonParser.parseString(new Gson().toJson(o)).getAsJsonObject();
    }

    private static List<String> messages(JsonObject decisions) {
        return decisions.getAsJsonArray("decisions").asList().stream()
                .map(e -> e.getAsJsonObject().get("message").getAsString()).toList();
    }

    @Test
    void aLateAnswerForAnOlderTextIsDropped(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        fake.gate = (what, req, cancel) -> {
            if (!what.equals("analyze") || n.incrementAndGet() != 1) return false;
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return true; // finishes although cancelled: its answer is late
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(false, 0), false);
            h.open(f, TEXT);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            h.change(f, 2, LspHarness.range(3, 0, 3, 0), "\t_ = new(int)\n");
            int ready = h.client.statusCount();
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 2);
            release.countDown();
            fake.awaitIdle();
            assertEquals(2, messages(decisions(h, f)).size());
            assertEquals(2, h.client.awaitDiagnostics(LspHarness.uri(f), 2).getDiagnostics().size());
            synchronized (h.client) {
                PublishDiagnosticsParams last = h.client.diagnostics.get(h.client.diagnostics.size() - 1);
                assertEquals(2, last.getVersion());
                assertFalse(h.client.statuses.subList(ready, h.client.statuses.size()).stream().anyMatch(s ->
                        s.get("state").getAsString().equals("ready") && s.getAsJsonObject("versions").get(LspHarness.uri(f)).getAsInt() == 1));
            }
        }
    }

    @Test
    void anEarlyResultNeverReplacesTheWholeOneOfTheSameText(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch release = new CountDownLatch(1);
        fake.gate = (what, req, cancel) -> {
            if (!what.equals("early")) return false;
            release.await(10, TimeUnit.SECONDS);
            return true;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(true, 0), false);
            h.open(f, TEXT);
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            release.countDown();
            fake.awaitIdle();
            assertEquals(List.of("new(int) escapes to heap"), messages(decisions(h, f)));
        }
    }

    @Test
    void hoverDetailDuringACompileJoinsThroughTheSamePath(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        fake.gate = (what, req, cancel) -> {
            if (what.equals("analyze") && n.incrementAndGet() == 2) release.await(10, TimeUnit.SECONDS);
            return false;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(true, 0), false);
            h.open(f, TEXT);
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            h.change(f, 2, LspHarness.range(0, 0, 0, 0), "// moved\n"); // the second compile waits at the gate
            int slices = fake.slices.get();
            Hover hover = h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(LspHarness.uri(f)),
                    new Position(4, 6))).get(10, TimeUnit.SECONDS);
            assertTrue(hover.getContents().getRight().getValue().contains("new(int) escapes to heap"), hover.toString());
            assertTrue(fake.slices.get() > slices, "the hover asked for a slice");
            release.countDown();
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 2);
            fake.awaitIdle();
            JsonObject d = decisions(h, f);
            assertEquals(2, d.get("version").getAsInt());
            assertEquals(4, d.getAsJsonArray("decisions").get(0).getAsJsonObject().getAsJsonObject("range")
                    .getAsJsonObject("start").get("line").getAsInt());
        }
    }

    @Test
    void aCancelledHoverStopsItsSlice(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger slices = new AtomicInteger();
        fake.gate = (what, req, cancel) -> {
            if (!what.equals("slice") || slices.incrementAndGet() == 1) return false; // only the hover's slice (counted from 1) is held
            cancel.onCancel(stopped::countDown);
            entered.countDown();
            stopped.await(10, TimeUnit.SECONDS);
            return false;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(true, 0), false);
            h.open(f, TEXT);
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            slices.set(1);
            CompletableFuture<Hover> hover = h.remote.getTextDocumentService().hover(
                    new HoverParams(new TextDocumentIdentifier(LspHarness.uri(f)), new Position(3, 6)));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the hover's slice started");
            hover.cancel(true);
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "$/cancelRequest cancelled the slice's token");
        }
    }

    @Test
    void nothingIsPublishedForAFileClosedDuringItsCompile(@TempDir Path root) throws Exception {
        Path f = file(root);
        Path other = root.resolve("b.go");
        Files.writeString(other, "package p\n");
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch release = new CountDownLatch(1);
        fake.gate = (what, req, cancel) -> {
            release.await(10, TimeUnit.SECONDS);
            return true;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(false, 0), false);
            h.open(other, "package p\n");
            h.open(f, TEXT);
            h.remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(LspHarness.uri(f))));
            h.client.await("the clear", () -> h.client.diagnostics.stream()
                    .filter(p -> p.getUri().equals(LspHarness.uri(f)) && p.getVersion() == null).findFirst());
            release.countDown();
            h.client.awaitStatus(0, "ready", LspHarness.uri(other), 1);
            fake.awaitIdle();
            synchronized (h.client) {
                List<PublishDiagnosticsParams> mine = h.client.diagnostics.stream().filter(p -> p.getUri().equals(LspHarness.uri(f))).toList();
                assertEquals(null, mine.get(mine.size() - 1).getVersion(), "the last word on the closed file is its clear: " + mine);
            }
        }
    }

    @Test
    void aBurstOfEditsCompilesOnceOrTwice(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(false, 200), false);
            h.open(f, TEXT);
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            int before = fake.analyses.get();
            for (int v = 2; v <= 31; v++) h.change(f, v, LspHarness.range(0, 0, 0, 0), "/**/");
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 31);
            int compiles = fake.analyses.get() - before;
            assertTrue(compiles >= 1 && compiles <= 3, "30 edits in a burst compiled " + compiles + " times");
        }
    }

    @Test
    void aFailedFastPathIsLoggedToTheClientWithItsReason(@TempDir Path root) throws Exception {
        Path f = file(root);
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        fake.gate = (what, req, cancel) -> {
            if (what.equals("slice")) throw new IllegalStateException("the slicer broke");
            return false;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(true, 0), false);
            h.open(f, TEXT);
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            h.change(f, 2, LspHarness.range(3, 0, 3, 0), "\t_ = new(int)\n");
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 2);
            var logged = h.client.await("the fast path's failure in the client's log", () -> h.client.logs.stream()
                    .filter(m -> m.getMessage().contains("fast path") && m.getMessage().contains("the slicer broke")).findFirst());
            assertEquals(org.eclipse.lsp4j.MessageType.Info, logged.getType());
        }
    }

    /**
     * An edit in another package makes nothing of this package's older: hover detail taken after it
     * must not make this package's running compile look outdated (its answer would be dropped and the
     * package never reach ready).
     */
    @Test
    void anEditInAnotherPackageDoesNotOutdateThisPackagesCompile(@TempDir Path root) throws Exception {
        Path f = file(root);
        Path other = Files.createDirectories(root.resolve("other")).resolve("b.go");
        Files.writeString(other, "package other\n\nfunc G() {\n\t_ = new(int)\n}\n");
        FakeAnalyzer fake = new FakeAnalyzer(1, 0, false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.gate = (what, req, cancel) -> {
            if (what.equals("analyze") && req.dir().equals(f.getParent()) && req.overlay().contents().get(f).startsWith("// v2")) {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return false;
        };
        try (LspHarness h = new LspHarness(fake)) {
            h.initialize(options(true, 0), false);
            h.open(f, TEXT);
            h.open(other, Files.readString(other));
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 1);
            h.client.awaitStatus(0, "ready", LspHarness.uri(other), 1);
            h.change(f, 2, LspHarness.range(0, 0, 0, 0), "// v2\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            h.change(other, 2, LspHarness.range(0, 0, 0, 0), "// elsewhere\n");
            h.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(LspHarness.uri(f)),
                    new Position(4, 6))).get(10, TimeUnit.SECONDS);
            release.countDown();
            h.client.awaitStatus(0, "ready", LspHarness.uri(f), 2);
        }
    }
}
