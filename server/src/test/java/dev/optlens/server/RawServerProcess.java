package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A real {@code optlens lsp} process spoken to in raw bytes: every message it writes is kept, in order. */
final class RawServerProcess implements AutoCloseable {
    final Process process;
    final Path stderr;
    private final OutputStream toServer;
    private final List<JsonObject> received = new ArrayList<>();

    RawServerProcess() throws IOException {
        this(java.util.Map.of());
    }

    /** @param env what changes in the server's environment */
    RawServerProcess(java.util.Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        stderr = Files.createTempFile("optlens-raw-", ".log");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.optlens.cli.Main", "lsp")
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        toServer = process.getOutputStream();
        Thread reader = new Thread(() -> readFrames(process.getInputStream()), "raw-server-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A {@code textDocument/didOpen} of the file as it is on disk, version 1. */
    static String didOpen(Path file) throws IOException {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", file.toUri().toString());
        doc.addProperty("languageId", "go");
        doc.addProperty("version", 1);
        doc.addProperty("text", Files.readString(file));
        JsonObject params = new JsonObject();
        params.add("textDocument", doc);
        return "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":" + params + "}";
    }

    void send(String json) throws IOException {
        sendRaw(json.getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] body) throws IOException {
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    /** The messages written so far. */
    List<JsonObject> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void readFrames(InputStream in) {
        try {
            while (true) {
                int length = -1;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                }
                byte[] body = in.readNBytes(length);
                JsonObject o = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                synchronized (received) {
                    received.add(o);
                    received.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("end of stream");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** The response with this id, within the time given. */
    JsonObject await(int id, long millis) throws InterruptedException {
        return await(o -> {
            JsonElement i = o.get("id");
            return i != null && i.isJsonPrimitive() && i.getAsJsonPrimitive().isNumber() && i.getAsInt() == id && !o.has("method");
        }, "an answer to request " + id, millis);
    }

    /** The first message that matches, within the time given. */
    JsonObject await(Predicate<JsonObject> wanted, String what, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (received) {
            while (true) {
                for (JsonObject o : received) {
                    if (wanted.test(o)) return o;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("no " + what + " in " + millis + " ms; got " + received);
                received.wait(left);
            }
        }
    }

    /** Whether the message is a notification of this method. */
    static boolean isNotification(JsonObject o, String method) {
        return o.has("method") && !o.has("id") && o.get("method").getAsString().equals(method);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }
}
