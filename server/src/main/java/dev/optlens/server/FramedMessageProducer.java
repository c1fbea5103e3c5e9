package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads each message whole (its Content-Length bytes) before LSP4J parses it. LSP4J's own producer
 * parses straight from the stream, so a message that fails to map part-way ({@code "version":"one"}
 * in a large didOpen, garbage) leaves the rest of its bytes in the stream and no later message is
 * ever read. Here a message that cannot be read is dropped whole; a request among them (an id can
 * still be read) is answered with an error through {@link ServerApi#INVALID_MESSAGE}.
 */
final class FramedMessageProducer extends StreamMessageProducer {
    private static final Logger LOG = Logger.getLogger(FramedMessageProducer.class.getName());
    /** Larger messages are skipped unread: nobody edits a Go file of a quarter gigabyte. */
    static final int MAX_MESSAGE_BYTES = 256 << 20;

    private MessageConsumer consumer;
    private Throwable failure;

    FramedMessageProducer(InputStream input, MessageJsonHandler jsonHandler) {
        super(input, jsonHandler);
    }

    @Override
    public void listen(MessageConsumer callback) {
        this.consumer = callback;
        super.listen(callback);
    }

    @Override
    protected void fireError(Throwable error) {
        failure = error;
        super.fireError(error);
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
        int length = headers.contentLength;
        if (length < 0) return super.handleMessage(input, headers);
        if (length > MAX_MESSAGE_BYTES) {
            input.skipNBytes(length);
            LOG.warning("skipped a message of " + length + " bytes (more than " + MAX_MESSAGE_BYTES + ")");
            return true; // false would make LSP4J stop reading the stream
        }
        byte[] body = new byte[length];
        for (int read = 0; read < length; ) {
            int n = input.read(body, read, length - read); // never asks for 0 bytes: some streams block on that
            if (n < 0) throw new IOException("the stream ended inside a message");
            read += n;
        }
        if (!startsAnObject(body)) {
            // Garbage, or a batch: not a message LSP has, and no id to answer; dropped without decoding it.
            LOG.info("dropped a message of " + length + " bytes that is not a JSON object");
            return true; // false would make LSP4J stop reading the stream
        }
        failure = null;
        boolean ok = super.handleMessage(new ByteArrayInputStream(body), headers);
        if (failure != null) answerIfRequest(body, failure);
        return ok;
    }

    /** Whether the body's first character past white space opens a JSON object, as every JSON-RPC message does. */
    private static boolean startsAnObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') return true;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        }
        return false;
    }

    /** A message that could not be read but has an id gets an error response (JSON-RPC: the request must be answered). */
    private void answerIfRequest(byte[] body, Throwable why) {
        String id = idOf(body);
        LOG.log(Level.INFO, "dropped a message that could not be read" + (id == null ? "" : " (request " + id + ")"), why);
        if (id == null || consumer == null) return;
        RequestMessage answerMe = new RequestMessage();
        answerMe.setJsonrpc("2.0");
        if (id.startsWith("\"")) answerMe.setId(JsonParser.parseString(id).getAsString());
        else answerMe.setId(Integer.parseInt(id));
        answerMe.setMethod(ServerApi.INVALID_MESSAGE);
        answerMe.setParams(String.valueOf(rootCause(why).getMessage()));
        consumer.consume(answerMe);
    }

    /** The id of a message, as JSON text, when the body is a JSON object whose id is a number or a string. */
    private static String idOf(byte[] body) {
        try {
            JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) return null;
            JsonObject o = root.getAsJsonObject();
            JsonElement id = o.get("id");
            if (id == null || !id.isJsonPrimitive()) return null;
            if (id.getAsJsonPrimitive().isString()) return id.toString();
            if (id.getAsJsonPrimitive().isNumber()) return String.valueOf(id.getAsInt());
            return null;
        } catch (RuntimeException e) {
            return null; // not JSON at all: nobody to answer
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }
}
