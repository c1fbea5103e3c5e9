package dev.optlens.server;

import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes each outgoing message with its {@code Content-Length} header, serialised straight into UTF-8
 * bytes. LSP4J's own consumer builds the JSON as a String and then encodes it: for the diagnostics
 * of a generated 5 MB file (tens of megabytes of JSON) that held three copies of the message at once.
 */
final class FramedMessageConsumer implements MessageConsumer {
    private final OutputStream out;
    private final MessageJsonHandler json;

    FramedMessageConsumer(OutputStream out, MessageJsonHandler json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void consume(Message message) {
        Chunks body = new Chunks();
        try (Writer w = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            json.serialize(message, w);
        } catch (IOException e) {
            throw new JsonRpcException(e);
        }
        byte[] header = ("Content-Length: " + body.size() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (this) {
            try {
                out.write(header);
                body.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new JsonRpcException(e);
            }
        }
    }

    /** Bytes in blocks: growing never copies what is written (a byte array doubling would hold it twice). */
    private static final class Chunks extends OutputStream {
        private static final int BLOCK = 64 * 1024;
        private final java.util.List<byte[]> full = new java.util.ArrayList<>();
        private byte[] current = new byte[1024];
        private int used;

        @Override
        public void write(int b) {
            if (used == current.length) next();
            current[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (used == current.length) next();
                int n = Math.min(len, current.length - used);
                System.arraycopy(b, off, current, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void next() {
            full.add(current);
            current = new byte[BLOCK];
            used = 0;
        }

        long size() {
            long n = used;
            for (byte[] c : full) n += c.length;
            return n;
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] c : full) out.write(c);
            out.write(current, 0, used);
        }
    }
}
