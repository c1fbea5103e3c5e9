package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The first message of a connection, answered while the server is still being built. Building it
 * (LSP4J's reflection over our services, Gson's adapters for every capability a client can send)
 * took most of the 250–300 ms from a process's start to the answer to {@code initialize}; that answer
 * depends only on the position encoding the client offers ({@link InitializeAnswer}). So the first
 * message is read here: an {@code initialize} is answered at once, and the server, once built, reads
 * the same message from {@link #input()} and acts on it as always. Its own answer is not sent again
 * ({@link #isAnswered}). Anything else, or a message that cannot be read, is passed on untouched.
 * Nothing reaches {@link #output()} before the early answer is written. It loads only what that
 * answer needs (Gson's tree classes, read and written by {@link QuickJson}; no logging, no lambdas,
 * no resource from the jar): on the first run each costs milliseconds.
 * The messages after an answered initialize may be read ahead too, until the server reads
 * ({@link #readAhead}): a document opened then starts its compile before the server is built.
 */
public final class QuickStart {
    /** A header longer than this is not LSP's; it is passed on as it is. */
    private static final int MAX_HEADER_BYTES = 4096;
    /** A larger first message is left to the server to read (an initialize is a few kilobytes). */
    private static final int MAX_ANSWERED_BYTES = 4 << 20;

    private final InputStream in;
    private final OutputStream out;
    private final CountDownLatch read = new CountDownLatch(1);
    private volatile JsonElement answeredId;
    private volatile PositionCodec announced;
    private volatile JsonElement initializationOptions;
    /** Guards the four below. */
    private final Object lock = new Object();
    /** Bytes read from the connection that the server has not read yet, in order. */
    private final java.util.ArrayDeque<ByteArrayInputStream> unread = new java.util.ArrayDeque<>();
    /** Whether {@link #readAhead} reads the connection: the server then reads only what it passed on. */
    private boolean readingAhead;
    /** Whether the server waits for bytes {@link #readAhead} has not finished reading: it stops after this message. */
    private boolean serverWaits;
    /** Whether the server has read the connection itself: from then on nothing else may. */
    private boolean serverReads;

    public QuickStart(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Reads the first message and answers it when it is {@code initialize}. Returns whether it did.
     * Whatever it read is then the start of {@link #input()}; until then that stream, and {@link #output()}, wait.
     */
    public boolean answerFirst() {
        ByteArrayOutputStream consumed = new ByteArrayOutputStream();
        try {
            Optional<byte[]> body = frame(in, consumed);
            Optional<JsonObject> initialize = body.isPresent() ? initializeRequest(body.get()) : Optional.empty();
            if (initialize.isEmpty()) return false;
            JsonObject request = initialize.get();
            JsonObject params = request.get("params") instanceof JsonObject p ? p : new JsonObject();
            PositionCodec codec = InitializeAnswer.codec(params);
            JsonObject response = new JsonObject();
            response.addProperty("jsonrpc", "2.0");
            response.add("id", request.get("id"));
            response.add("result", InitializeAnswer.result(codec));
            byte[] bytes = QuickJson.write(response).getBytes(StandardCharsets.UTF_8);
            out.write(("Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            answeredId = request.get("id");
            announced = codec;
            initializationOptions = params.get("initializationOptions");
            return true;
        } catch (IOException e) {
            return false; // the server meets the same end of the stream, and says so
        } finally {
            synchronized (lock) {
                unread.add(new ByteArrayInputStream(consumed.toByteArray()));
            }
            read.countDown();
        }
    }

    /**
     * After an answered {@code initialize}, reads the messages that follow it while the server is still
     * being built, each whole, and shows each to {@code observer} before the server can read it (a
     * client opens its documents right after initialize: their compiles can start now). Stops once
     * the server waits for a message not read yet, or at a message this cannot read (the server reads
     * it, untouched), or at the end of the stream. Runs on a thread of its own; the observer must not
     * wait for the server. Nothing is changed: the server reads every byte as it was sent.
     */
    public void readAhead(java.util.function.Consumer<JsonObject> observer) {
        synchronized (lock) {
            if (answeredId == null || serverWaits || serverReads) return;
            readingAhead = true;
        }
        try {
            while (true) {
                ByteArrayOutputStream consumed = new ByteArrayOutputStream();
                Optional<byte[]> body;
                try {
                    body = frame(in, consumed);
                } catch (IOException e) {
                    body = Optional.empty(); // the server reads on, and meets the same failure
                }
                boolean waited;
                synchronized (lock) {
                    waited = serverWaits;
                }
                try {
                    // A server already waiting gains nothing from a look: the message goes to it at once.
                    if (body.isPresent() && !waited) observe(body.get(), observer);
                } finally {
                    synchronized (lock) {
                        unread.add(new ByteArrayInputStream(consumed.toByteArray()));
                    }
                }
                synchronized (lock) {
                    if (body.isEmpty() || serverWaits) return;
                    lock.notifyAll();
                }
            }
        } finally {
            synchronized (lock) {
                readingAhead = false;
                lock.notifyAll();
            }
        }
    }

    private static void observe(byte[] body, java.util.function.Consumer<JsonObject> observer) {
        try {
            if (QuickJson.parse(new String(body, StandardCharsets.UTF_8)) instanceof JsonObject o) observer.accept(o);
        } catch (RuntimeException e) {
            // not JSON, or the observer could not use it: the server reads it as it reads any message
        }
    }

    /** The {@code initializationOptions} of the initialize answered early; null when none was answered or it had none. */
    public JsonElement initializationOptions() {
        return initializationOptions;
    }

    /** The position encoding of the early answer, if one was sent: the server must use that one. */
    public Optional<PositionCodec> announced() {
        return Optional.ofNullable(announced);
    }

    /** Whether a response with this id ({@code getId()} of LSP4J's message) answers the request answered early. */
    boolean isAnswered(String id) {
        JsonElement answered = answeredId;
        return answered != null && id != null && id.equals(answered.getAsString());
    }

    /** The connection's input, from its first byte: it waits until {@link #answerFirst()} has read. */
    public InputStream input() {
        return new InputStream() {
            /** Where the next bytes come from: what was read for the server first, then the connection. */
            private InputStream source() throws IOException {
                awaitRead();
                synchronized (lock) {
                    while (true) {
                        while (!unread.isEmpty() && unread.peek().available() == 0) unread.remove();
                        if (!unread.isEmpty()) return unread.peek();
                        if (!readingAhead) {
                            serverReads = true;
                            return in;
                        }
                        serverWaits = true;
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted while the next message was read");
                        }
                    }
                }
            }

            @Override
            public int read() throws IOException {
                return source().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                return source().read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                awaitRead();
                synchronized (lock) {
                    for (ByteArrayInputStream b : unread) {
                        if (b.available() > 0) return b.available();
                    }
                    if (readingAhead) return 0;
                }
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** The connection's output: a write waits until the early answer, if any, is written. */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                awaitRead();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                awaitRead();
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                awaitRead();
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private void awaitRead() throws IOException {
        // Not await() alone: it refuses an interrupted thread even once open, and the server's loop
        // answers shutdown while it is being stopped.
        if (read.getCount() == 0) return;
        try {
            read.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted before the first message was read");
        }
    }

    /**
     * Reads one message's header and, when it is LSP's and not too large, its body; every byte read is
     * also put in {@code consumed}. Empty when the header is not one this reads (the server then reads on).
     */
    static Optional<byte[]> frame(InputStream in, ByteArrayOutputStream consumed) throws IOException {
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
            if (consumed.size() >= MAX_HEADER_BYTES) return Optional.empty();
            int b = in.read();
            if (b < 0) return Optional.empty();
            consumed.write(b);
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) break;
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    length = Integer.parseInt(header.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        if (length < 0 || length > MAX_ANSWERED_BYTES) return Optional.empty();
        byte[] body = in.readNBytes(length);
        consumed.write(body);
        return body.length == length ? Optional.of(body) : Optional.empty();
    }

    /** The message, when it is an {@code initialize} request with a number or string id and params that are an object or absent. */
    static Optional<JsonObject> initializeRequest(byte[] body) {
        try {
            if (!(QuickJson.parse(new String(body, StandardCharsets.UTF_8)) instanceof JsonObject o)) return Optional.empty();
            JsonElement method = o.get("method");
            JsonElement id = o.get("id");
            JsonElement params = o.get("params");
            boolean isInitialize = method != null && method.isJsonPrimitive() && "initialize".equals(method.getAsString());
            boolean hasId = id != null && id.isJsonPrimitive() && (id.getAsJsonPrimitive().isNumber() || id.getAsJsonPrimitive().isString());
            boolean paramsOk = params == null || params.isJsonNull() || params.isJsonObject();
            return isInitialize && hasId && paramsOk ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not JSON: the server answers it as it answers any such message
        }
    }
}
