package dev.optlens.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code optlens lsp} process stopped in the middle of a compile leaves no process running
 * and nothing in the temp folder: after stdin ends, and, killed with SIGKILL, once the next one starts.
 */
class LeftoversTest {
    private static Process server(Path tmpdir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"),
                "dev.optlens.cli.Main", "lsp")
                .redirectError(ProcessBuilder.Redirect.appendTo(tmpdir.resolveSibling(tmpdir.getFileName() + ".log").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Opens a large package (net/http in GOROOT, seconds to compile) and waits until its go command runs. */
    private static List<ProcessHandle> startACompile(Process p) throws Exception {
        OutputStream out = p.getOutputStream();
        send(out, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},"
                + "\"initializationOptions\":{\"debounceMs\":0}}}");
        send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        Path goroot = Path.of(dev.optlens.analysis.engine.PackageAnalyzer.fromSystem().toolchain(java.util.Optional.empty())
                .env().get("GOROOT"));
        Path file = goroot.resolve("src/net/http/server.go");
        String text = Files.readString(file);
        com.google.gson.JsonObject open = new com.google.gson.JsonObject();
        open.addProperty("uri", file.toUri().toString());
        open.addProperty("languageId", "go");
        open.addProperty("version", 1);
        open.addProperty("text", text);
        send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":" + open + "}}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> gos = p.toHandle().descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/go") || c.endsWith("/compile")).orElse(false)).toList();
            if (!gos.isEmpty()) return p.toHandle().descendants().toList();
            Thread.sleep(20);
        }
        throw new AssertionError("no go command started");
    }

    private static List<Path> leftovers(Path tmpdir) throws IOException {
        try (Stream<Path> s = Files.list(tmpdir)) {
            return s.toList();
        }
    }

    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(h -> h.pid() + " " + h.info().command())
                .toList(), "still running");
    }

    @Test
    void theEndOfStdinEndsTheCompileAndRemovesTheTempFolder(@TempDir Path tmpdir) throws Exception {
        Process p = server(tmpdir);
        try {
            List<ProcessHandle> children = startACompile(p);
            assertFalse(leftovers(tmpdir).isEmpty(), "the compile runs in a temp folder");
            p.getOutputStream().close(); // the editor went away
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server ends when its input ends");
            awaitGone(children);
            assertEquals(List.of(), leftovers(tmpdir));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aServerKilledMidCompileIsCleanedUpByTheNextOne(@TempDir Path tmpdir) throws Exception {
        Process first = server(tmpdir);
        List<ProcessHandle> children;
        try {
            children = startACompile(first);
            first.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }
        Process next = server(tmpdir);
        try {
            send(next.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
            awaitGone(children);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Path mine = tmpdir.resolve("optlens-run-" + next.pid());
            while (!leftovers(tmpdir).equals(List.of(mine)) && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(List.of(mine), leftovers(tmpdir), "only the running server's folder is left");
        } finally {
            next.getOutputStream().close();
            next.waitFor(20, TimeUnit.SECONDS);
            next.destroyForcibly();
        }
    }
}
