package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A go that never answers, and a temporary folder that is not there: the command line exits 2 within
 * 30 s naming the command and its folder; the server's status names the command it waits for within
 * 10 s and turns failed within 30 s.
 */
class HangingGoTest {
    /** A go binary that sleeps forever. */
    private static Path hangingGo(Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("hang/bin"));
        Path go = bin.resolve("go");
        Files.writeString(go, "#!/bin/sh\nexec sleep 1000\n");
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        return go;
    }

    private static Path module(Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
        Files.writeString(dir.resolve("m.go"), "package m\n\nfunc Box(v int) *int { x := v; return &x }\n");
        return dir;
    }

    record Run(int code, String err, long millis) {
    }

    /** {@code optlens check dir} in a process of its own, with these environment changes. */
    private static Run check(Path dir, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.optlens.cli.Main", "check",
                dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check did not end");
        return new Run(p.exitValue(), err, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void theCommandLineGivesUpOnAHangingGoNamingIt(@TempDir Path tmp) throws Exception {
        Path go = hangingGo(tmp);
        Run r = check(module(tmp), Map.of("OPTLENS_GO", go.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.millis() < 30_000, "took " + r.millis() + " ms");
        assertTrue(r.err().contains("'" + go + " env -json'") && r.err().contains("run in " + go.getParent())
                && r.err().contains("did not answer in 20 s"), r.err());
    }

    @Test
    void aMissingTemporaryFolderIsSaidAsThat(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("no-such-folder");
        Run r = check(module(tmp), Map.of("TMPDIR", missing.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("TMPDIR (" + missing + ") does not exist"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void theServerNamesTheCommandItWaitsForThenFails(@TempDir Path tmp) throws Exception {
        Path go = hangingGo(tmp);
        Path dir = module(tmp);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPTLENS_GO", go.toString());
        try (LspHarness h = new LspHarness(new PackageAnalyzer(new ToolchainLocator(env), env))) {
            h.initialize(ServerWireTest.options("{\"debounceMs\": 0}"), false);
            Path file = dir.resolve("m.go");
            long t0 = System.nanoTime();
            h.open(file, Files.readString(file));
            String uri = LspHarness.uri(file);
            JsonObject waiting = h.client.await("a status naming the command it waits for", () -> h.client.statuses.stream()
                    .filter(st -> st.get("state").getAsString().equals("analysing")
                            && st.get("message").getAsString().startsWith("waiting for")).findFirst());
            long named = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waiting.get("message").getAsString().contains("'" + go + " env") && waiting.get("message").getAsString()
                    .contains("in " + go.getParent()), waiting.toString());
            assertTrue(named < 10_000, "named after " + named + " ms");
            JsonObject failed = h.client.awaitStatus(0, "failed", uri, 1);
            long gaveUp = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(gaveUp < 30_000, "failed after " + gaveUp + " ms");
            assertTrue(failed.get("message").getAsString().contains("did not answer in 20 s"), failed.toString());
        }
    }

    /**
     * The same through stdio, the document opened with initialize as editors do: its compile starts
     * while the server is still being built (see {@code QuickStart#readAhead}), and the status still
     * names the command it waits for, then fails.
     */
    @Test
    void aCompileStartedAheadStillNamesTheCommandItWaitsFor(@TempDir Path tmp) throws Exception {
        Path go = hangingGo(tmp);
        Path file = module(tmp).resolve("m.go");
        try (RawServerProcess server = new RawServerProcess(Map.of("OPTLENS_GO", go.toString()))) {
            long t0 = System.nanoTime();
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            server.send(RawServerProcess.didOpen(file));
            JsonObject waiting = server.await(o -> RawServerProcess.isNotification(o, "optlens/status")
                    && o.getAsJsonObject("params").get("message").getAsString().startsWith("waiting for"), "a status naming the command", 15_000);
            long named = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waiting.toString().contains("'" + go + " env"), waiting.toString());
            assertTrue(named < 10_000, "named after " + named + " ms");
            JsonObject failed = server.await(o -> RawServerProcess.isNotification(o, "optlens/status")
                    && o.getAsJsonObject("params").get("state").getAsString().equals("failed"), "a failed status", 40_000);
            assertTrue(failed.toString().contains("did not answer in 20 s"), failed.toString());
        }
    }
}
