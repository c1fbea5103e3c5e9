package dev.optlens.analysis.slice;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.process.DaemonThreads;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.process.ProcessRoot;
import dev.optlens.analysis.process.TempRoot;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The slicer helper: a small Go module ({@code analysis/src/main/go/slicer}) shipped as source, built
 * on first use with the user's toolchain into optlens's cache, and kept running (one JSON request per
 * line on stdin, one response per line on stdout). Requests are served one at a time. What it writes
 * on stderr is kept (the last few kilobytes) and told when it fails.
 */
public final class SlicerProcess implements AutoCloseable {
    private static final String SOURCE_DIR = "/dev/optlens/slicer/";
    /** The module's files (its tests stay out of the jar); a test checks this against the folder. */
    public static final List<String> SOURCES = List.of("go.mod", "main.go", "session.go", "slice.go", "closure.go", "plan.go");
    private static final int STDERR_KEPT = 4096;

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    /** What the helper holds from earlier requests: package + file name → the text it got. */
    private final Map<String, String> known = new java.util.HashMap<>();

    /** The end of what the helper wrote on stderr. */
    private final StringBuilder stderr = new StringBuilder();

    private SlicerProcess(Process process) {
        this.process = process;
        DaemonThreads.start("optlens-slicer-stderr", this::keepStderr);
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Builds the helper when the cache lacks this source built by this toolchain, then starts it. */
    public static SlicerProcess start(GoToolchain go, Map<String, String> env) throws IOException {
        Map<String, byte[]> sources = new java.util.LinkedHashMap<>();
        for (String name : SOURCES) {
            try (InputStream s = SlicerProcess.class.getResourceAsStream(SOURCE_DIR + name)) {
                if (s == null) throw new IOException("the slicer source " + name + " is missing from the optlens jar");
                sources.put(name, s.readAllBytes());
            }
        }
        Path cache = cacheDir(env);
        Path binary = cache.resolve("optlens-slicer-" + hash(sources, go.version().text()));
        if (!Files.isExecutable(binary)) build(go, env, sources, binary);
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        Process p = pb.start();
        ProcessRoot.started(p.toHandle());
        return new SlicerProcess(p);
    }

    private static void build(GoToolchain go, Map<String, String> env, Map<String, byte[]> sources, Path binary) throws IOException {
        Files.createDirectories(binary.getParent());
        try (TempRoot tmp = new TempRoot("optlens-slicer-src-")) {
            for (var e : sources.entrySet()) Files.write(tmp.resolve(e.getKey()), e.getValue());
            // Built inside our temp folder (gone with the process, even if it is killed), then copied
            // beside its final name and renamed: the cache never holds a partial binary for long.
            Path built = tmp.resolve("slicer");
            ProcessResult r;
            try {
                r = GoProcess.runWithin(List.of(go.go().toString(), "build", "-o", built.toString(), "."), tmp.dir(),
                        GoEnvironment.forGo(env), 300);
            } catch (java.util.concurrent.CancellationException e) {
                throw new IOException("building the slicer: " + e.getMessage());
            }
            if (r.exitCode() != 0) throw new IOException("building the slicer failed: " + (r.stdout() + r.stderr()).strip());
            Path partial = binary.resolveSibling(binary.getFileName() + ".partial" + ProcessHandle.current().pid());
            try {
                Files.copy(built, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(partial, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static Path cacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return base.resolve("optlens");
    }

    private static String hash(Map<String, byte[]> sources, String goVersion) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (var e : sources.entrySet()) {
                d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(e.getValue());
            }
            d.update(goVersion.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one request and waits for its response. A helper that does not answer within
     * {@link #TIMEOUT_SECONDS} is killed (the next request starts a new one): the fast path must
     * never wait on it for long.
     */
    public synchronized JsonObject request(JsonObject request) throws IOException {
        if (!process.isAlive()) throw new IOException("the slicer exited" + stderrTail());
        var watchdog = WATCHDOG.schedule(process::destroyForcibly, TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        try {
            in.write(request.toString());
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) throw new IOException("the slicer exited" + stderrTail());
            return JsonParser.parseString(line).getAsJsonObject();
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * Sends a slice request for a package's files: a text the helper already got in an earlier
     * request goes as null (a megabyte of net/http need not cross the pipe on every edit). When
     * the helper does not know a file after all, everything is sent again.
     */
    public synchronized JsonObject slice(JsonObject request, String importPath, Map<String, String> files) throws IOException {
        for (int attempt = 0; ; attempt++) {
            com.google.gson.JsonObject contents = new com.google.gson.JsonObject();
            files.forEach((name, text) -> {
                if (text.equals(known.get(importPath + '\0' + name))) contents.add(name, com.google.gson.JsonNull.INSTANCE);
                else contents.addProperty(name, text);
            });
            request.add("files", contents);
            JsonObject answer = request(request);
            if (answer.has("resend") && answer.get("resend").getAsBoolean() && attempt == 0) {
                known.clear();
                continue;
            }
            if (known.size() > 4096) known.clear();
            files.forEach((name, text) -> known.put(importPath + '\0' + name, text));
            return answer;
        }
    }

    static final long TIMEOUT_SECONDS = 20;
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = DaemonThreads.TIMER;

    private void keepStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buf = new byte[1024];
            for (int n; (n = err.read(buf)) > 0; ) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_KEPT) stderr.delete(0, stderr.length() - STDERR_KEPT);
                }
            }
        } catch (IOException e) {
            // the helper is gone
        }
    }

    /** ": " and what the helper last wrote on stderr, or nothing. */
    private String stderrTail() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.isEmpty() ? "" : ": " + s;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
