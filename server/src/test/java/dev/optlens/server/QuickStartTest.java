package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answer to {@code initialize} sent before the server is built: the same answer the server gives,
 * sent once, and everything the client sent still reaches the server, byte for byte.
 */
class QuickStartTest {
    private static final String INITIALIZE_UTF8 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\",\"utf-16\"]}}}}";

    private static byte[] framed(String... bodies) {
        StringBuilder b = new StringBuilder();
        for (String body : bodies) {
            b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The messages written to a stream, parsed. */
    private static List<JsonObject> messages(byte[] written) throws IOException {
        List<JsonObject> out = new java.util.ArrayList<>();
        InputStream in = new ByteArrayInputStream(written);
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        for (var body = QuickStart.frame(in, ignored); body.isPresent(); body = QuickStart.frame(in, ignored)) {
            out.add(JsonParser.parseString(new String(body.get(), StandardCharsets.UTF_8)).getAsJsonObject());
        }
        return out;
    }

    @Test
    void anInitializeIsAnsweredAndStillReachesTheServerWithWhatFollows() throws IOException {
        byte[] sent = framed(INITIALIZE_UTF8, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuickStart quick = new QuickStart(new ByteArrayInputStream(sent), out);
        assertTrue(quick.answerFirst());
        assertArrayEquals(sent, quick.input().readAllBytes(), "the server reads every byte the client sent");
        List<JsonObject> answers = messages(out.toByteArray());
        assertEquals(1, answers.size());
        assertEquals(1, answers.get(0).get("id").getAsInt());
        assertEquals("utf-8", answers.get(0).getAsJsonObject("result").getAsJsonObject("capabilities").get("positionEncoding").getAsString());
        assertEquals(PositionCodec.UTF8, quick.announced().orElseThrow());
        assertTrue(quick.isAnswered("1"));
        assertFalse(quick.isAnswered("2"));
    }

    @Test
    void anythingElseFirstIsPassedOnUnanswered() throws IOException {
        List<byte[]> firsts = List.of(
                framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}"),
                framed("{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{}}"), // no id: nothing to answer
                framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":[1]}"),
                framed("{not json at all"),
                "Content-Length: twelve\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII),
                "no header here, and no end to it".getBytes(StandardCharsets.US_ASCII),
                "Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"".getBytes(StandardCharsets.US_ASCII),
                new byte[0]);
        for (byte[] sent : firsts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QuickStart quick = new QuickStart(new ByteArrayInputStream(sent), out);
            String what = new String(sent, StandardCharsets.UTF_8);
            assertFalse(quick.answerFirst(), what);
            assertEquals(0, out.size(), what);
            assertArrayEquals(sent, quick.input().readAllBytes(), what);
            assertTrue(quick.announced().isEmpty(), what);
        }
    }

    /**
     * What follows an answered initialize is read while the server is being built: each message is
     * shown before the server can read it, and the server still reads every byte as it was sent. Once
     * the server waits for a message, the read-ahead hands it over unseen and stops; later bytes go to
     * the server straight from the connection.
     */
    @Test
    void theMessagesAfterInitializeAreSeenFirstAndReachTheServerUntouched() throws Exception {
        BytePipe client = new BytePipe();
        String didOpen = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///p/a.go\"}}}";
        byte[] first = framed(INITIALIZE_UTF8, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}", didOpen);
        client.out.write(first);
        QuickStart quick = new QuickStart(client.in, new ByteArrayOutputStream());
        assertTrue(quick.answerFirst());
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        Thread ahead = new Thread(() -> quick.readAhead(m -> {
            seen.add(m.get("method").getAsString());
            both.countDown();
        }));
        ahead.start();
        assertTrue(both.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of("initialized", "textDocument/didOpen"), seen);
        InputStream server = quick.input();
        assertArrayEquals(first, server.readNBytes(first.length));

        // The server now waits for the next message: it gets it, and the read-ahead does not look at it.
        byte[] second = framed("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        java.util.concurrent.CompletableFuture<byte[]> read = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(server.readNBytes(second.length));
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        });
        reader.start();
        // Its one way to wait: for the message the read-ahead is reading.
        while (reader.getState() != Thread.State.WAITING) Thread.onSpinWait();
        client.out.write(second);
        assertArrayEquals(second, read.get(10, java.util.concurrent.TimeUnit.SECONDS));
        ahead.join(10_000);
        assertFalse(ahead.isAlive(), "the read-ahead stopped");
        byte[] third = framed("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        client.out.write(third);
        client.out.close();
        assertArrayEquals(third, server.readAllBytes());
        assertEquals(List.of("initialized", "textDocument/didOpen"), seen);
    }

    /** A message the read-ahead cannot read (a broken header, one too large to hold) ends it there: the server reads it as sent. */
    @Test
    void theReadAheadStopsAtAMessageItCannotRead() throws IOException {
        byte[] tooLarge = framed("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"" + "a".repeat(5 << 20) + "\"}");
        for (byte[] rest : List.of("Content-Length: twelve\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII), tooLarge,
                framed("{not json"), new byte[0])) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            sent.write(framed(INITIALIZE_UTF8));
            sent.write(rest);
            sent.write(framed("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}"));
            QuickStart quick = new QuickStart(new ByteArrayInputStream(sent.toByteArray()), new ByteArrayOutputStream());
            assertTrue(quick.answerFirst());
            List<JsonObject> seen = new java.util.ArrayList<>();
            quick.readAhead(seen::add); // returns: at the message it cannot read, or at the end of the stream
            assertArrayEquals(sent.toByteArray(), quick.input().readAllBytes());
            assertTrue(seen.stream().noneMatch(m -> m.has("params") && m.get("params").isJsonPrimitive()), "nothing too large was parsed");
        }
    }

    /** Without an initialize answered early there is no read-ahead: the server reads everything itself. */
    @Test
    void noReadAheadBeforeAnAnsweredInitialize() throws IOException {
        byte[] sent = framed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        QuickStart quick = new QuickStart(new ByteArrayInputStream(sent), new ByteArrayOutputStream());
        assertFalse(quick.answerFirst());
        List<JsonObject> seen = new java.util.ArrayList<>();
        quick.readAhead(seen::add);
        assertEquals(List.of(), seen);
        assertArrayEquals(sent, quick.input().readAllBytes());
    }

    @Test
    void aStringIdIsAnsweredWithTheSameId() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuickStart quick = new QuickStart(new ByteArrayInputStream(framed(
                "{\"jsonrpc\":\"2.0\",\"id\":\"start\",\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}")), out);
        assertTrue(quick.answerFirst());
        JsonObject answer = messages(out.toByteArray()).get(0);
        assertEquals("start", answer.get("id").getAsString());
        assertEquals("utf-16", answer.getAsJsonObject("result").getAsJsonObject("capabilities").get("positionEncoding").getAsString());
        assertTrue(quick.isAnswered("start"));
    }

    /** A key LSP4J does not know would be lost on the server's own path and differ from the early answer. */
    @Test
    void theAnswerReadsIntoLsp4jsTypesWithoutLosingAField() {
        Gson gson = new MessageJsonHandler(Map.of()).getGson();
        for (PositionCodec codec : List.of(PositionCodec.UTF8, PositionCodec.UTF16)) {
            JsonObject json = InitializeAnswer.result(codec);
            InitializeResult typed = gson.fromJson(json, InitializeResult.class);
            assertEquals(json, gson.toJsonTree(typed));
            assertEquals(List.of(ServerApi.COMMAND_DECISIONS, ServerApi.COMMAND_REFRESH, ServerApi.COMMAND_SHOW_ASSEMBLY,
                    ServerApi.COMMAND_DIFFERENCES, ServerApi.COMMAND_COMPARE_CHOICES, ServerApi.COMMAND_RUN_BENCHMARKS),
                    typed.getCapabilities().getExecuteCommandProvider().getCommands());
            assertTrue(typed.getCapabilities().getInlayHintProvider().getLeft());
        }
    }

    /**
     * A real server process sent what an editor sends at once (initialize, initialized, didOpen) starts
     * the document's compile before the server is built, and the server takes it: the decisions are the
     * file's, published once, and the log says the compile was started ahead.
     */
    @Test
    void aDocumentOpenedWhileTheServerIsBuiltIsCompiledAtOnce() throws Exception {
        Path file = ServerWireTest.BASICS.toAbsolutePath();
        try (RawServerProcess server = new RawServerProcess()) {
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},"
                    + "\"initializationOptions\":{\"logLevel\":\"debug\"}}}");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            server.send(RawServerProcess.didOpen(file));
            JsonObject diagnostics = server.await(o -> RawServerProcess.isNotification(o, "textDocument/publishDiagnostics"),
                    "diagnostics of basics.go", 120_000);
            assertTrue(diagnostics.getAsJsonObject("params").getAsJsonArray("diagnostics").toString().contains("make([]int, 0, len(xs) * 2) escapes to heap"),
                    diagnostics.toString());
            server.await(o -> RawServerProcess.isNotification(o, "window/logMessage")
                    && o.getAsJsonObject("params").get("message").getAsString().contains("before it was asked for, as the document was opened"),
                    "a log line saying the compile was started ahead", 10_000);
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
            server.await(2, 30_000);
            assertEquals(1, server.received().stream().filter(o -> RawServerProcess.isNotification(o, "textDocument/publishDiagnostics")).count(),
                    "one publication: the compile's, not a second one");
        }
    }

    /**
     * A real server process: one answer to initialize, the one the server itself gives; the position
     * encoding it announced holds even when LSP4J cannot read the rest of the request ({@code processId}
     * a string), so a column after non-ASCII text is counted in bytes.
     */
    @Test
    void theServerProcessAnswersOnceAndKeepsTheEncodingItAnnounced() throws Exception {
        Path file = ServerWireTest.BASICS.getParent().getParent().resolve("unicode/unicode.go").toAbsolutePath();
        try (RawServerProcess server = new RawServerProcess()) {
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":\"not a number\","
                    + "\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\"]}},\"initializationOptions\":{\"debounceMs\":0}}}");
            JsonObject answer = server.await(1, 60_000);
            Gson gson = new MessageJsonHandler(Map.of()).getGson();
            assertEquals(gson.toJsonTree(gson.fromJson(InitializeAnswer.result(PositionCodec.UTF8), InitializeResult.class)),
                    answer.get("result"));
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            server.send(RawServerProcess.didOpen(file));
            JsonObject diagnostics = server.await(o -> RawServerProcess.isNotification(o, "textDocument/publishDiagnostics")
                    && o.getAsJsonObject("params").getAsJsonArray("diagnostics").toString().contains("moved to heap: 值"),
                    "diagnostics of unicode.go", 120_000);
            for (var d : diagnostics.getAsJsonObject("params").getAsJsonArray("diagnostics")) {
                JsonObject o = d.getAsJsonObject();
                if (!o.get("message").getAsString().contains("moved to heap: 值")) continue;
                // "func 世界() *int { " is 21 bytes and 17 UTF-16 units.
                assertEquals(21, o.getAsJsonObject("range").getAsJsonObject("start").get("character").getAsInt(), o.toString());
            }
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
            server.await(2, 30_000);
            long answersToInitialize = server.received().stream()
                    .filter(o -> !o.has("method") && o.has("id") && o.get("id").getAsJsonPrimitive().isNumber() && o.get("id").getAsInt() == 1)
                    .count();
            assertEquals(1, answersToInitialize, server.received().toString());
            server.await(o -> RawServerProcess.isNotification(o, "window/logMessage")
                    && o.getAsJsonObject("params").get("message").getAsString().contains("could not read the initialize it answered early"),
                    "a log line saying the initialize could not be read", 10_000);
        }
    }
}
