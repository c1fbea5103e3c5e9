package dev.optlens.server;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code optlens lsp} process fed raw bytes: a message that cannot be read is skipped by its
 * Content-Length (answered with an error where it had an id), and the next request is answered
 * within a second.
 */
class FramingTest {
    private RawServerProcess server;

    @BeforeEach
    void start() throws Exception {
        server = new RawServerProcess();
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
        await(1, 60_000);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void send(String json) throws IOException {
        server.send(json);
    }

    private void sendRaw(byte[] body) throws IOException {
        server.sendRaw(body);
    }

    private JsonObject await(int id, long millis) throws InterruptedException {
        return server.await(id, millis);
    }

    /** A request that always has a cheap answer: a hover in a file nobody opened. */
    private void hover(int id) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"file:///nowhere/x.go\"},\"position\":{\"line\":0,\"character\":0}}}");
    }

    private void stillAnswers(int id) throws Exception {
        hover(id);
        long t0 = System.nanoTime();
        JsonObject answer = await(id, 1_000);
        assertTrue(answer.has("result"), answer.toString());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aBadValueInALargeNotificationIsSkipped() throws Exception {
        char[] text = new char[100_000];
        Arrays.fill(text, 'x');
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///w/a.go\","
                + "\"languageId\":\"go\",\"version\":\"one\",\"text\":\"package a // " + new String(text) + "\"}}}");
        stillAnswers(10);
    }

    @Test
    void aBatchIsRefusedAndTheStreamStaysInStep() throws Exception {
        send("[{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"textDocument/hover\",\"params\":{}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"textDocument/hover\",\"params\":{}}]");
        stillAnswers(22);
    }

    @Test
    void garbageOfAnySizeIsSkipped() throws Exception {
        byte[] garbage = new byte[50 << 20];
        new java.util.Random(7).nextBytes(garbage);
        sendRaw(garbage);
        stillAnswers(30);
        sendRaw("{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"textDocument/hover\",\"params\":{\"position\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        stillAnswers(32);
    }

    @Test
    void aRequestWhoseParamsCannotBeReadGetsAnErrorWithItsId() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":7},"
                + "\"position\":{\"line\":\"zero\",\"character\":0}}}");
        JsonObject answer = await(40, 5_000);
        assertTrue(answer.has("error"), answer.toString());
        int code = answer.getAsJsonObject("error").get("code").getAsInt();
        assertTrue(code == -32700 || code == -32602, answer.toString());
        stillAnswers(41);
    }

    @Test
    void aHoverWithoutParamsIsAnInvalidParamsError() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"textDocument/hover\",\"params\":null}");
        JsonObject answer = await(50, 5_000);
        assertEquals(-32602, answer.getAsJsonObject("error").get("code").getAsInt(), answer.toString());
        stillAnswers(51);
    }

    /**
     * A valid 50 MB document: kept as text without a syntax tree (a tree would take 3.6 GB), its package
     * not analysed, one status saying why; a hover in it is answered at once.
     */
    @Test
    void aFiftyMegabyteDocumentIsSummarisedAndHoversInItAnswer(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("go.mod"), "module big\n\ngo 1.21\n");
        StringBuilder text = new StringBuilder("package big\n\n");
        String fn = "func F() int { x := 1; return x }\n";
        while (text.length() < (50 << 20)) text.append(fn);
        String uri = dir.resolve("big.go").toUri().toString();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                + "\",\"languageId\":\"go\",\"version\":1,\"text\":\"" + text.toString().replace("\n", "\\n").replace("\t", "\\t") + "\"}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":60,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                + "\"},\"position\":{\"line\":1000,\"character\":5}}}");
        JsonObject answer = await(60, 30_000);
        assertTrue(answer.has("result"), answer.toString());
        server.await(o -> RawServerProcess.isNotification(o, "optlens/status")
                && o.getAsJsonObject("params").get("message").getAsString().contains("above optlens.maxFileKB"),
                "status saying the file is too large", 30_000);
        stillAnswers(61);
    }

    /** After shutdown every request is InvalidRequest (-32600) with a plain message; exit then ends the process with 0. */
    @Test
    void requestsAfterShutdownAreInvalidRequests() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        JsonObject down = await(2, 30_000);
        assertTrue(down.has("result") && !down.has("error"), down.toString());
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///x.go\"},"
                + "\"position\":{\"line\":0,\"character\":0}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
        for (int id : new int[]{3, 4}) {
            JsonObject error = await(id, 10_000).getAsJsonObject("error");
            assertEquals(-32600, error.get("code").getAsInt(), error.toString());
            assertTrue(!error.toString().contains("java.") && !error.toString().contains("Exception"), error.toString());
        }
        send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "exit did not end the server");
        assertEquals(0, server.process.exitValue());
    }

    /** The server's log reaches the client once, as window/logMessage: no copy on stderr (VS Code shows both). */
    @Test
    void eachLogLineReachesTheClientOnce() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeConfiguration\",\"params\":{\"settings\":"
                + "{\"optlens\":{\"hints\":{\"stack\":true}}}}}");
        server.await(o -> RawServerProcess.isNotification(o, "window/logMessage")
                && o.getAsJsonObject("params").get("message").getAsString().contains("settings changed"), "log message", 30_000);
        stillAnswers(70); // the log line was written by now, wherever it went
        String err = Files.readString(server.stderr);
        assertTrue(!err.contains("settings changed"), "the log line is on stderr too: " + err);
    }
}
