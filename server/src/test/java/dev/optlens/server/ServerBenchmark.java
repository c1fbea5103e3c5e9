package dev.optlens.server;

import com.google.gson.JsonParser;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.syntax.TextRange;
import dev.optlens.analysis.toolchain.GoToolchain;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The performance benchmark: figures printed from one run on this machine, not a pass/fail test.
 * Run it with {@code scripts/benchmark.sh}. It drives the server as an editor does: a separate
 * {@code optlens lsp} process over stdio, default settings.
 *
 * <ul>
 *   <li>edit→publish latency (median, p90) on test-workspaces/basics and on a ~4k-line copy of
 *       encoding/json, with the bare {@code go tool compile -m=2} time of that package and the ratio;</li>
 *   <li>edits inside a function of that copy and of net/http, answered by the edit's closure or by
 *       the package compile, beside the plain path (fast path off), against bare -m=2;</li>
 *   <li>the slice proof: identical decisions over a 200-function sample, slice and slicer times;</li>
 *   <li>the per-keystroke cost (apply edit, reparse, move decisions) on a 5,000-line file;</li>
 *   <li>the server's RSS with 20 open files of a 300-file workspace.</li>
 * </ul>
 */
public final class ServerBenchmark {
    private static final int EDITS = 12;

    /** Sections, in order; {@code ServerBenchmark <repo> [section...]} runs only those named. */
    private static final List<String> SECTIONS = List.of("basics", "cold", "json", "json-fast", "http-fast", "proof", "keystrokes", "rss", "big", "placement", "check", "check-again");

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : SECTIONS;
        Path jar = repo.resolve("server/target/optlens.jar");
        Path tmp = Files.createTempDirectory("optlens-bench-");
        try {
            GoToolchain go = PackageAnalyzer.fromSystem().toolchain(Optional.empty());
            System.out.println("optlens benchmark — " + go.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");

            if (only.contains("basics")) {
                Path basics = repo.resolve("test-workspaces/basics/basics.go");
                Bare bare = bareCompile(go, basics.getParent(), tmp);
                Timed small = latency(jar, basics, -1, null, bare);
                report("basics", small);
            }
            if (only.contains("json") || only.contains("json-fast") || only.contains("cold")) {
                Path json = copyStdPackage(go, "encoding/json", tmp.resolve("medium"));
                Bare bare = bareCompile(go, json, tmp);
                String name = "encoding/json copy (" + lines(json) + " lines)";
                if (only.contains("json")) outsideFunctions(jar, name, json.resolve("encode.go"), bare);
                if (only.contains("cold")) coldOpen(jar, name, json.resolve("encode.go"), bare);
                if (only.contains("json-fast")) fastPath(jar, name, json.resolve("encode.go"), "func isValidTag(s string) bool {", "s", bare);
            }
            if (only.contains("http-fast")) {
                // net/http where it lives (its internal imports keep it from being copied): nothing is written there.
                Path http = Path.of(go.env().get("GOROOT"), "src", "net", "http");
                Bare bare = bareCompile(go, http, tmp);
                String name = "net/http (" + lines(http) + " lines)";
                fastPath(jar, name, http.resolve("server.go"), "func (c *conn) hijacked() bool {", "c.remoteAddr", bare);
                outsideFunctions(jar, name, http.resolve("server.go"), bare);
            }
            if (only.contains("proof")) {
                Path proof = Files.createDirectories(tmp.resolve("proof"));
                System.out.println(dev.optlens.analysis.slice.SliceProof.run(PackageAnalyzer.fromSystem(), proof, 200).summary());
            }
            if (only.contains("keystrokes")) ScaleBenchmark.keystrokes(tmp.resolve("big"));
            if (only.contains("rss")) ScaleBenchmark.rss(jar, tmp.resolve("wide"));
            if (only.contains("big")) ScaleBenchmark.big(go, jar, tmp.resolve("big5"), tmp);
            if (only.contains("placement")) ScaleBenchmark.placement(go, tmp.resolve("placement"));
            if (only.contains("check")) ScaleBenchmark.check(go, jar, tmp.resolve("check"));
            if (only.contains("check-again")) ScaleBenchmark.checkAgain(go, jar, tmp.resolve("check-again"));
        } finally {
            dev.optlens.analysis.process.TempRoot.deleteTree(tmp);
        }
    }

    /**
     * Edits inside a function of a large package, two kinds, each made with the closure on and with
     * the fast path off (the plain path: the package compile alone), side by side in one run: a
     * comment line (the function's facts kept: the closure should answer, its "ready" ≤ 0.7× the bare
     * -m=2 compile on the json copy, ≤ 0.4× on net/http) and a line that makes the parameter escape
     * (facts changed: the package compile answers; ≤ 1.0× the bare compile, and never slower than the
     * plain path).
     */
    private static void fastPath(Path jar, String name, Path file, String function, String param, Bare bare) throws Exception {
        String text = Files.readString(file);
        int inBody = (int) text.substring(0, text.indexOf(function)).lines().count() + 1;
        String[] comment = {"\t// edited\n", ""};
        String[] escape = {"\tif len(" + param + ") == -1 { panic(&" + param + ") }\n", ""};
        for (String[] kind : List.of(comment, escape)) {
            String label = kind == comment ? "comment line" : "parameter escapes";
            for (boolean closure : new boolean[]{true, false}) {
                Edits e = edits(jar, file, inBody, kind, closure ? "{}" : "{\"fastPath\": false}", bare);
                report(name + ", " + label + (closure ? "" : " (plain path)"), new Timed(e.ms(), e.bare()));
                if (closure) {
                    System.out.printf("    answered by the closure: %d of %d edits; fallbacks: %s%n", e.closures(), e.ms().length, e.fallbacks());
                }
            }
        }
    }

    /**
     * A first open in a new server process (the go command's cache warm, as on a developer's machine):
     * process start → initialize answered, and didOpen → the first decisions; target: the bare -m=2
     * compile of the package + 200 ms.
     */
    private static void coldOpen(Path jar, String name, Path file, Bare bare) throws Exception {
        int runs = 5;
        double[] init = new double[runs];
        double[] first = new double[runs];
        double[] bareMs = new double[runs];
        double[] over = new double[runs];
        // As an editor starts it: the launcher, with its class-data archive (the first run, not counted, may write it).
        List<String> launcher = launcher(jar);
        try (ServerProcess warm = new ServerProcess(launcher, "{}")) {
            warm.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(file.toUri().toString(), "go", 1,
                    Files.readString(file))));
            warm.client.awaitDiagnostics(file.toUri().toString(), 1);
        }
        for (int i = 0; i < runs; i++) {
            try (ServerProcess s = new ServerProcess(launcher, "{}")) {
                init[i] = s.initializeMillis;
                String uri = file.toUri().toString();
                long t0 = System.nanoTime();
                s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "go", 1, Files.readString(file))));
                s.client.awaitDiagnostics(uri, 1);
                first[i] = (System.nanoTime() - t0) / 1e6;
            }
            bareMs[i] = bare.once();
            over[i] = first[i] - bareMs[i];
        }
        Arrays.sort(init);
        Arrays.sort(first);
        Arrays.sort(bareMs);
        Arrays.sort(over);
        System.out.printf("cold open %-44s initialize median %4.0f ms | didOpen→first decisions median %5.0f ms | bare compile -m=2 %5.0f ms"
                + " | over it (each run against the bare compile after it) median %+5.0f ms%n", name, init[runs / 2], first[runs / 2],
                bareMs[runs / 2], over[runs / 2]);
    }

    /** Edit→ready times, the bare compile timed after each, how many edits the closure answered, and why the others fell back. */
    private record Edits(double[] ms, double[] bare, int closures, java.util.Map<String, Integer> fallbacks) {
    }

    /** Edit→publish times, each with the bare -m=2 compile timed right after it (this machine's speed at that moment). */
    private record Timed(double[] ms, double[] bare) {
    }

    /**
     * The server as an editor starts it: the launcher (its JVM flags, its class-data archive). The
     * first session of a run may write the archive; every later one maps it.
     */
    private static List<String> launcher(Path jar) {
        return List.of(jar.getParent().getParent().getParent().resolve("optlens").toString(), "lsp");
    }

    /**
     * Opens the file in a server process with these initialization options, then alternately inserts
     * {@code kind[0]} at {@code line} and removes it again (a quiet moment between each edit).
     */
    private static Edits edits(Path jar, Path file, int line, String[] kind, String options, Bare bare) throws Exception {
        try (ServerProcess s = new ServerProcess(launcher(jar), options)) {
            String uri = file.toUri().toString();
            s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "go", 1, Files.readString(file))));
            s.client.awaitStatus(0, "ready", uri, 1);
            double[] ms = new double[EDITS];
            double[] bareMs = new double[EDITS];
            int closures = 0;
            java.util.Map<String, Integer> fallbacks = new java.util.TreeMap<>();
            for (int i = 0; i < EDITS; i++) {
                Thread.sleep(400); // a quiet moment, as between a user's edits
                int before = s.client.statusCount();
                long t0 = System.nanoTime();
                boolean insert = i % 2 == 0;
                s.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, i + 2), List.of(new TextDocumentContentChangeEvent(
                        LspHarness.range(line, 0, insert ? line : line + 1, 0), insert ? kind[0] : kind[1]))));
                com.google.gson.JsonObject ready = s.client.awaitStatus(before, "ready", uri, i + 2);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                bareMs[i] = bare.once();
                if (ready.has("route") && ready.get("route").getAsString().equals("closure")) closures++;
                if (ready.has("closureFallback")) {
                    fallbacks.merge(ready.get("closureFallback").getAsString().replaceAll("^.*'s facts changed.*$", "facts changed"), 1, Integer::sum);
                }
            }
            return new Edits(ms, bareMs, closures, fallbacks);
        }
    }

    /**
     * Edits outside any function (no slice): the first publish (a large package's escapes and
     * inlining, printed before the compile's backend) and the complete one, against bare -m=2.
     */
    private static void outsideFunctions(Path jar, String name, Path file, Bare bare) throws Exception {
        double[] first = new double[EDITS];
        Timed all = latency(jar, file, -1, first, bare);
        report(name + ", edit outside functions: first", new Timed(first, all.bare()));
        report(name + ", edit outside functions: all", all);
    }

    /**
     * The edits' median and p90, the bare compile's median, and the median of each edit's ratio to the
     * bare compile timed right after it: on a shared machine, whose speed drifts within a run, a ratio
     * of two medians taken minutes apart says more about the machine than about optlens.
     */
    private static void report(String name, Timed t) {
        double[] ratios = new double[t.ms().length];
        for (int i = 0; i < ratios.length; i++) ratios[i] = t.ms()[i] / t.bare()[i];
        double[] ms = t.ms().clone();
        double[] bare = t.bare().clone();
        Arrays.sort(ms);
        Arrays.sort(bare);
        Arrays.sort(ratios);
        System.out.printf("edit→publish %-52s median %6.0f ms  p90 %6.0f ms  | bare compile -m=2 %6.0f ms | ratio %.2f (p90 %.2f)%n",
                name, ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.9) - 1], bare[bare.length / 2], ratios[ratios.length / 2],
                ratios[(int) Math.ceil(ratios.length * 0.9) - 1]);
    }

    /**
     * Opens the file in a server process, then makes isolated edits (a quiet moment between each):
     * a comment line inserted and removed at {@code line} (the end of the file when negative).
     * Returns edit→ready times; with {@code first} non-null, also edit→first diagnostics of the version.
     */
    private static Timed latency(Path jar, Path file, int line, double[] first, Bare bare) throws Exception {
        try (ServerProcess s = new ServerProcess(launcher(jar), "{}")) {
            String uri = file.toUri().toString();
            String text = Files.readString(file);
            s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "go", 1, text)));
            s.client.awaitDiagnostics(uri, 1);
            double[] ms = new double[EDITS];
            double[] bareMs = new double[EDITS];
            int at = line >= 0 ? line : (int) text.lines().count();
            for (int i = 0; i < EDITS; i++) {
                Thread.sleep(400); // a quiet moment, as between a user's edits
                int version = i + 2;
                int before = s.client.statusCount();
                long t0 = System.nanoTime();
                String edit = (i % 2 == 0) ? "\t// edited\n" : "";
                int endLine = (i % 2 == 0) ? at : at + 1;
                s.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(
                        LspHarness.range(at, 0, endLine, 0), edit))));
                if (first != null) {
                    s.client.awaitDiagnostics(uri, version);
                    first[i] = (System.nanoTime() - t0) / 1e6;
                }
                s.client.awaitStatus(before, "ready", uri, version);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                bareMs[i] = bare.once();
            }
            return new Timed(ms, bareMs);
        }
    }

    /** The bare -m=2 compile of a package's non-test files, to time after each edit. */
    private record Bare(Path dir, List<String> command) {
        /**
         * The bare -m=2 compile once more, after a quiet moment (whatever the server still does after
         * its answer, say a cancelled compile being killed, does not slow it): its milliseconds.
         */
        double once() throws Exception {
            Thread.sleep(400);
            long t0 = System.nanoTime();
            run(dir, command.toArray(String[]::new));
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * A bare {@code go tool compile -m=2} of the package's non-test files (as the go command selects them),
     * with a ready importcfg; run once here, so that no edit is compared with a first run's cold caches.
     */
    private static Bare bareCompile(GoToolchain go, Path dir, Path tmp) throws Exception {
        Path cfg = tmp.resolve("importcfg-" + dir.getFileName());
        String list = run(dir, go.go().toString(), "list", "-export", "-deps", "-f",
                "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}", ".");
        String maps = run(dir, go.go().toString(), "list", "-f",
                "{{range $k, $v := .ImportMap}}importmap {{$k}}={{$v}}\n{{end}}", ".");
        Files.writeString(cfg, maps + list);
        String importPath = run(dir, go.go().toString(), "list", "-f", "{{.ImportPath}}", ".").trim();
        boolean std = run(dir, go.go().toString(), "list", "-f", "{{.Standard}}", ".").trim().equals("true");
        String files = run(dir, go.go().toString(), "list", "-f", "{{join .GoFiles \" \"}}", ".");
        List<String> cmd = new ArrayList<>(List.of(go.toolDir().resolve("compile").toString(), "-m=2", "-p", importPath,
                "-importcfg", cfg.toString(), "-o", tmp.resolve("out.a").toString()));
        if (std) cmd.add("-std");
        for (String f : files.trim().split("\\s+")) cmd.add(dir.resolve(f).toString());
        Bare bare = new Bare(dir, cmd);
        run(dir, cmd.toArray(String[]::new));
        return bare;
    }

    static long lines(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            long n = 0;
            for (Path p : s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).toList()) n += Files.readAllLines(p).size();
            return n;
        }
    }

    static Path copyStdPackage(GoToolchain go, String pkg, Path dest) throws Exception {
        Path src = Path.of(go.env().get("GOROOT"), "src", pkg);
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("go.mod"), "module bench/" + pkg.replace('/', '_') + "\n\ngo 1.23\n");
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).toList()) {
                Files.copy(f, dest.resolve(f.getFileName()));
            }
        }
        return dest;
    }

    static String run(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOPROXY", "off");
        Process p = pb.start();
        p.getOutputStream().close();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().readAllBytes();
            } catch (Exception ignored) {
                // benchmark: the exit code below tells
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
        drain.join();
        return out;
    }

    /** An {@code optlens lsp} process and a recording client on its stdio. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final RecordingClient client = new RecordingClient();
        final LanguageServer server;
        /** From the process's start to the answer to initialize. */
        final double initializeMillis;

        ServerProcess(Path jar) throws Exception {
            this(jar, List.of());
        }

        /** @param jvmFlags flags for the server's JVM, as an editor extension passes them */
        ServerProcess(Path jar, List<String> jvmFlags) throws Exception {
            this(jar, jvmFlags, "{}");
        }

        /** @param options the initialization options (settings) */
        ServerProcess(Path jar, List<String> jvmFlags, String options) throws Exception {
            this(javaCommand(jar, jvmFlags), options);
        }

        private static List<String> javaCommand(Path jar, List<String> jvmFlags) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-jar", jar.toString(), "lsp"));
            return cmd;
        }

        /** @param cmd the server's command line (the launcher's, as an editor starts it) */
        ServerProcess(List<String> cmd, String options) throws Exception {
            long started = System.nanoTime();
            process = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "optlens-bench.log")))
                    .start();
            Launcher<LanguageServer> l = new LSPLauncher.Builder<LanguageServer>().setLocalService(client)
                    .setRemoteInterface(LanguageServer.class).setInput(process.getInputStream())
                    .setOutput(process.getOutputStream()).create();
            l.startListening();
            server = l.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            init.setInitializationOptions(JsonParser.parseString(options));
            server.initialize(init).get(60, TimeUnit.SECONDS);
            initializeMillis = (System.nanoTime() - started) / 1e6;
            server.initialized(new InitializedParams());
        }

        @Override
        public void close() throws Exception {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
