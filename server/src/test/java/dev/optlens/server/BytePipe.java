package dev.optlens.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An in-memory pipe for JSON-RPC in tests. java.io's piped streams break ("Write end dead") when
 * the last thread that wrote ends, and LSP4J writes from pool threads that come and go.
 */
final class BytePipe {
    private final byte[] buf = new byte[1 << 20];
    private int head;
    private int size;
    private boolean closed;

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            synchronized (BytePipe.this) {
                while (size == 0 && !closed) {
                    try {
                        BytePipe.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                if (size == 0) return -1;
                int n = Math.min(len, Math.min(size, buf.length - head));
                System.arraycopy(buf, head, b, off, n);
                head = (head + n) % buf.length;
                size -= n;
                BytePipe.this.notifyAll();
                return n;
            }
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (BytePipe.this) {
                while (len > 0) {
                    while (size == buf.length && !closed) {
                        try {
                            BytePipe.this.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                    }
                    if (closed) throw new IOException("pipe closed");
                    int tail = (head + size) % buf.length;
                    int n = Math.min(len, Math.min(buf.length - size, buf.length - tail));
                    System.arraycopy(b, off, buf, tail, n);
                    size += n;
                    off += n;
                    len -= n;
                    BytePipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            synchronized (BytePipe.this) {
                closed = true;
                BytePipe.this.notifyAll();
            }
        }
    };
}
