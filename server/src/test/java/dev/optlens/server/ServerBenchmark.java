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
 *   <li>the fast path on that copy and on net/http: an edit inside a function, the slice's publish
 *       against bare -m=2 and the package compile's against bare -m;</li>
 *   <li>the slice proof: identical decisions over a 200-function sample, slice and slicer times;</li>
 *   <li>the per-keystroke cost (apply edit, reparse, move decisions) on a 5,000-line file;</li>
 *   <li>the server's RSS with 20 open files of a 300-file workspace.</li>
 * </ul>
 */
public final class ServerBenchmark {
    private static final int EDITS = 12;

    /** Sections, in order; {@code ServerBenchmark <repo> [section...]} runs only those named. */
    private static final List<String> SECTIONS = List.of("basics", "json", "json-fast", "http-fast", "proof", "keystrokes", "rss", "big", "placement", "check");

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
                double[] small = latency(jar, basics, -1, null);
                report("basics", small, bareCompile(go, basics.getParent(), tmp).m2(), "-m=2");
            }
            if (only.contains("json") || only.contains("json-fast")) {
                Path json = copyStdPackage(go, "encoding/json", tmp.resolve("medium"));
                Bare bare = bareCompile(go, json, tmp);
                String name = "encoding/json copy (" + lines(json) + " lines)";
                if (only.contains("json")) outsideFunctions(jar, name, json.resolve("encode.go"), bare);
                if (only.contains("json-fast")) fastPath(jar, name, json.resolve("encode.go"), "func isValidTag(s string) bool {", bare);
            }
            if (only.contains("http-fast")) {
                // net/http where it lives (its internal imports keep it from being copied): nothing is written there.
                Path http = Path.of(go.env().get("GOROOT"), "src", "net", "http");
                Bare bare = bareCompile(go, http, tmp);
                String name = "net/http (" + lines(http) + " lines)";
                fastPath(jar, name, http.resolve("server.go"), "func (c *conn) hijacked() bool {", bare);
                outsideFunctions(jar, name, http.resolve("server.go"), bare);
            }
            if (only.contains("proof")) {
                Path proof = Files.createDirectories(tmp.resolve("proof"));
                System.out.println(dev.optlens.analysis.slice.SliceProof.run(PackageAnalyzer.fromSystem(), proof, 200).summary());
            }
            if (only.contains("keystrokes")) keystrokes(tmp.resolve("big"));
            if (only.contains("rss")) rss(jar, tmp.resolve("wide"));
            if (only.contains("big")) big(go, jar, tmp.resolve("big5"), tmp);
            if (only.contains("placement")) placement(go, tmp.resolve("placement"));
            if (only.contains("check")) check(go, jar, tmp.resolve("check"));
        } finally {
            dev.optlens.analysis.process.TempRoot.deleteTree(tmp);
        }
    }

    /**
     * Edits inside a function of a large package: the fast path publishes that function's decisions
     * from a slice ("partial", target ≤ 0.35× the bare -m=2 compile; net/http-sized ≤ 0.25×), then the
     * package compile's ("ready", target ≤ 1.3× the bare compile at the level the server compiles a large
     * package: -m=2 where explanations are cheap, as in both packages measured here).
     */
    private static void fastPath(Path jar, String name, Path file, String function, Bare bare) throws Exception {
        String text = Files.readString(file);
        int inBody = (int) text.substring(0, text.indexOf(function)).lines().count() + 1;
        double[] partial = new double[EDITS];
        double[] reconciled = latency(jar, file, inBody, partial);
        report(name + ", edit in a function: partial", partial, bare.m2(), "-m=2");
        report(name + ", edit in a function: full", reconciled, bare.m2(), "-m=2");
    }

    /**
     * Edits outside any function (no slice): the first publish (a large package's escapes and
     * inlining, printed before the compile's backend) and the complete one, against bare -m=2.
     */
    private static void outsideFunctions(Path jar, String name, Path file, Bare bare) throws Exception {
        double[] first = new double[EDITS];
        double[] all = latency(jar, file, -1, null, first);
        report(name + ", edit outside functions: first", first, bare.m2(), "-m=2");
        report(name + ", edit outside functions: all", all, bare.m2(), "-m=2");
    }

    private static void report(String name, double[] ms, double bare, String flag) {
        Arrays.sort(ms);
        double median = ms[ms.length / 2];
        double p90 = ms[(int) Math.ceil(ms.length * 0.9) - 1];
        System.out.printf("edit→publish %-52s median %6.0f ms  p90 %6.0f ms  | bare compile %-4s %6.0f ms | ratio %.2f%n",
                name, median, p90, flag, bare, median / bare);
    }

    /**
     * Opens the file in a server process, then makes isolated edits (a quiet moment between each):
     * a comment line inserted and removed at {@code line} (the end of the file when negative).
     * Returns edit→publish times; with {@code partial} non-null, also edit→fast-path-publish times.
     */
    private static double[] latency(Path jar, Path file, int line, double[] partial) throws Exception {
        return latency(jar, file, line, partial, null);
    }

    /** {@link #latency(Path, Path, int, double[])}; with {@code first} non-null, also edit→first diagnostics of the version. */
    private static double[] latency(Path jar, Path file, int line, double[] partial, double[] first) throws Exception {
        try (ServerProcess s = new ServerProcess(jar)) {
            String uri = file.toUri().toString();
            String text = Files.readString(file);
            s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "go", 1, text)));
            s.client.awaitDiagnostics(uri, 1);
            double[] ms = new double[EDITS];
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
                if (partial != null) {
                    s.client.awaitStatus(before, "partial", uri, version);
                    partial[i] = (System.nanoTime() - t0) / 1e6;
                }
                if (first != null) {
                    s.client.awaitDiagnostics(uri, version);
                    first[i] = (System.nanoTime() - t0) / 1e6;
                }
                s.client.awaitStatus(before, "ready", uri, version);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return ms;
        }
    }

    /** Bare compile times (medians of three) of a package's non-test files at -m and at -m=2. */
    private record Bare(double m1, double m2) {
    }

    /** Bare {@code go tool compile} runs of the package's non-test files (as the go command selects them), with a ready importcfg. */
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
        double[] m = new double[2];
        for (int level = 1; level <= 2; level++) {
            List<String> cmd = new ArrayList<>(List.of(go.toolDir().resolve("compile").toString(), "-m=" + level, "-p", importPath,
                    "-importcfg", cfg.toString(), "-o", tmp.resolve("out.a").toString()));
            if (std) cmd.add("-std");
            for (String f : files.trim().split("\\s+")) cmd.add(dir.resolve(f).toString());
            double[] t = new double[3];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                run(dir, cmd.toArray(String[]::new));
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(t);
            m[level - 1] = t[1];
        }
        return new Bare(m[0], m[1]);
    }

    /** The in-process cost of one keystroke: apply the edit, reparse incrementally, move every decision. */
    private static void keystrokes(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module bench/big\n\ngo 1.21\n");
        StringBuilder b = new StringBuilder("package big\n\nimport \"fmt\"\n\n");
        for (int i = 0; b.toString().lines().count() < 5000; i++) {
            b.append("// F").append(i).append(" allocates and formats.\nfunc F").append(i).append("(n int) []string {\n")
                    .append("\tout := make([]string, 0, n)\n\tfor i := 0; i < n; i++ {\n")
                    .append("\t\tp := &struct{ a, b int }{i, n}\n\t\tout = append(out, fmt.Sprint(p.a+p.b))\n\t}\n")
                    .append("\treturn out\n}\n\n");
        }
        Path file = dir.resolve("big.go");
        Files.writeString(file, b);
        var report = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        Workspace ws = new Workspace();
        String uri = file.toUri().toString();
        ws.open(uri, file, 1, b.toString(), Long.MAX_VALUE);
        ws.apply(ws.input(dir), new Outcome.Whole(report, List.of()));
        int n = 2000;
        double[] ms = new double[n];
        int line = 2500;
        for (int i = 0; i < n; i++) {
            int v = i + 2;
            TextRange at = TextRange.of(line, 2 + (i % 2 == 0 ? 0 : 1), line, 2 + (i % 2 == 0 ? 0 : 1) + (i % 2 == 0 ? 0 : 1));
            String text = i % 2 == 0 ? "x" : "";
            long t0 = System.nanoTime();
            ws.change(uri, v, List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(PositionCodec.UTF16.toProtocol(
                    ws.view().document(uri).orElseThrow().source().lines(), at), text)), PositionCodec.UTF16, Long.MAX_VALUE);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] warm = Arrays.copyOfRange(ms, 200, n);
        Arrays.sort(warm);
        System.out.printf("keystroke (apply + reparse + move %d decisions) on a %d-line file: median %.2f ms  p99 %.2f ms%n",
                report.decisions().size(), b.toString().lines().count(), warm[warm.length / 2], warm[(int) (warm.length * 0.99)]);
    }

    /** RSS of the server process with 20 open files of a 300-file workspace, after their packages compiled. */
    private static void rss(Path jar, Path root) throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve("go.mod"), "module bench/wide\n\ngo 1.21\n");
        List<Path> open = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            Path dir = Files.createDirectories(root.resolve("p" + p));
            for (int f = 0; f < 10; f++) {
                StringBuilder b = new StringBuilder("package p" + p + "\n\n");
                for (int k = 0; k < 20; k++) {
                    b.append("func F").append(f).append('_').append(k).append("(n int) *[]int {\n\ts := make([]int, n)\n\treturn &s\n}\n\n");
                }
                Path file = dir.resolve("f" + f + ".go");
                Files.writeString(file, b);
                if (p < 10 && f < 2) open.add(file);
            }
        }
        try (ServerProcess s = new ServerProcess(jar)) {
            for (Path f : open) {
                s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                        new TextDocumentItem(f.toUri().toString(), "go", 1, Files.readString(f))));
            }
            for (Path f : open) s.client.awaitDiagnostics(f.toUri().toString(), 1);
            String status = Files.readString(Path.of("/proc/" + s.process.pid() + "/status"));
            String rss = status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
            System.out.println("server " + rss + " with 20 open files of a 300-file workspace");
        }
    }

    /** A generated Go file of about {@code bytes}: small functions that allocate, close over, call and index. */
    static String generated(int bytes) {
        StringBuilder b = new StringBuilder("package big\n\nimport \"fmt\"\n\ntype point struct{ x, y int }\n\n");
        for (int i = 0; b.length() < bytes; i++) {
            b.append("func G").append(i).append("(n int, s []int) (*point, string) {\n")
                    .append("\tp := &point{n, len(s)}\n")
                    .append("\tf := func() int { return p.x + n }\n")
                    .append("\tif n < len(s) {\n\t\tp.y = s[n] + f()\n\t}\n")
                    .append("\treturn p, fmt.Sprint(p.x)\n}\n\n");
        }
        return b.toString();
    }

    /**
     * A 5 MB generated file opened in a server started as the VS Code extension starts it: time to
     * {@code ready} against the bare -m=2 compile of its package, the server's peak RSS, and a hover
     * and an inlay hint request on it.
     */
    private static void big(GoToolchain go, Path jar, Path dir, Path tmp) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module bench/big5\n\ngo 1.21\n");
        Path file = dir.resolve("big.go");
        String text = generated(5 << 20);
        Files.writeString(file, text);
        long t = System.nanoTime();
        run(dir, go.go().toString(), "build", "-gcflags=-m=2", "-o", tmp.resolve("big5.a").toString(), ".");
        double bare = (System.nanoTime() - t) / 1e6;
        // The flags the VS Code extension starts the server with (vscode-client/src/java.ts), or -Doptlens.bench.jvm.
        List<String> flags = List.of(System.getProperty("optlens.bench.jvm",
                "-XX:+UseSerialGC -XX:MaxNewSize=64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30").split(" "));
        try (ServerProcess s = new ServerProcess(jar, flags)) {
            String uri = file.toUri().toString();
            long t0 = System.nanoTime();
            s.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "go", 1, text)));
            s.client.awaitStatus(0, "ready", uri, 1);
            double ready = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            s.server.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(new org.eclipse.lsp4j.TextDocumentIdentifier(uri),
                    new org.eclipse.lsp4j.Position(100_000, 3))).get(120, TimeUnit.SECONDS);
            double hover = (System.nanoTime() - t1) / 1e6;
            long t2 = System.nanoTime();
            var hints = s.server.getTextDocumentService().inlayHint(new org.eclipse.lsp4j.InlayHintParams(
                    new org.eclipse.lsp4j.TextDocumentIdentifier(uri), LspHarness.range(100_000, 0, 100_060, 0))).get(120, TimeUnit.SECONDS);
            double hint = (System.nanoTime() - t2) / 1e6;
            String status = Files.readString(Path.of("/proc/" + s.process.pid() + "/status"));
            String peak = status.lines().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
            int diagnostics = s.client.awaitDiagnostics(uri, 1).getDiagnostics().size();
            if (flags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))) {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                System.out.println(run(dir, jcmd.toString(), String.valueOf(s.process.pid()), "VM.native_memory", "summary"));
            }
            System.out.printf("5 MB file (%d lines, %d diagnostics), server " + flags + ": ready %.0f ms | bare go build -gcflags=-m=2 %.0f ms | ratio %.2f | "
                            + "hover %.0f ms, %d hints in 60 lines %.0f ms | server peak %s%n",
                    text.lines().count(), diagnostics, ready, bare, ready / bare, hover, hints.size(), hint, peak);
        }
    }

    /** Per kind, how many decisions cover the syntax their message names, on copies of standard-library packages. */
    private static void placement(GoToolchain go, Path tmp) throws Exception {
        PlacementRate rate = new PlacementRate();
        List<String> pkgs = List.of("encoding/json", "net/http", "go/types", "compress/flate");
        for (String pkg : pkgs) {
            Path dir = dev.optlens.analysis.StdPackages.open(go.goroot().orElseThrow(), go.version().major() + "." + go.version().minor(), pkg, tmp);
            rate.add(PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE));
        }
        System.out.println("placement on " + pkgs + " (" + go.version() + "):");
        System.out.print(rate.summary());
    }

    /**
     * {@code optlens check} (a new JVM, as a user or CI runs it) against {@code go test -c -vet=off
     * -gcflags=-m=2} of the same package, on the packages: copies of encoding/json and
     * compress/flate (test files that import internal packages left out) and net/http and go/types in
     * GOROOT (nothing is written there). Neither may replay a cached compile: optlens's fresh -json
     * directory recompiles the package; go test gets a fresh {@code -D} path among its gcflags (a no-op
     * for packages without local imports) for the same effect. Medians of three, with the detail
     * level optlens chose (auto: full up to 1 MB of Go source).
     */
    private static void check(GoToolchain go, Path jar, Path dir) throws Exception {
        Path goroot = Path.of(go.env().get("GOROOT"));
        List<Path> packages = new ArrayList<>();
        for (String copied : List.of("encoding/json", "compress/flate")) {
            Path to = dir.resolve(copied.replace('/', '-'));
            Files.createDirectories(to);
            Files.writeString(to.resolve("go.mod"), "module stdcopy/" + copied + "\n\ngo " + go.version().major() + "." + go.version().minor() + "\n");
            try (Stream<Path> files = Files.list(goroot.resolve("src").resolve(copied))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".go")).toList()) {
                    String text = Files.readString(f);
                    if (!text.contains("\"internal/")) Files.writeString(to.resolve(f.getFileName()), text);
                }
            }
            packages.add(to);
        }
        packages.add(goroot.resolve("src/net/http"));
        packages.add(goroot.resolve("src/go/types"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path binary = dir.resolve("pkg.test");
        for (Path pkg : packages) {
            double[] gotest = new double[3];
            double[] optlens = new double[3];
            String detail = "";
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                run(pkg, go.go().toString(), "test", "-c", "-vet=off", "-gcflags=-m=2 -D=" + dir.resolve("fresh-" + System.nanoTime()),
                        "-o", binary.toString(), ".");
                gotest[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                // The flags the optlens launcher gives a one-shot command.
                String err = runExitErr(pkg, javaBin, "-XX:+UseSerialGC", "-XX:MaxNewSize=64m", "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "check", ".");
                optlens[i] = (System.nanoTime() - t1) / 1e6;
                detail = err.contains("compiled without the -json log") ? "explained" : "full";
            }
            Arrays.sort(gotest);
            Arrays.sort(optlens);
            String name = pkg.startsWith(goroot) ? goroot.resolve("src").relativize(pkg).toString() : pkg.getFileName() + " (copy)";
            System.out.printf("optlens check %s with tests (%s detail): median %.0f ms | go test -c -vet=off -gcflags=-m=2 %.0f ms | ratio %.2f%n",
                    name, detail, optlens[1], gotest[1], optlens[1] / gotest[1]);
        }
    }

    /** Runs a command to its end whatever its exit code; its stderr. */
    private static String runExitErr(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return err;
    }


    private static long lines(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            long n = 0;
            for (Path p : s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).toList()) n += Files.readAllLines(p).size();
            return n;
        }
    }

    private static Path copyStdPackage(GoToolchain go, String pkg, Path dest) throws Exception {
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

    private static String run(Path dir, String... cmd) throws Exception {
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
    private static final class ServerProcess implements AutoCloseable {
        final Process process;
        final RecordingClient client = new RecordingClient();
        final LanguageServer server;

        ServerProcess(Path jar) throws Exception {
            this(jar, List.of());
        }

        /** @param jvmFlags flags for the server's JVM, as an editor extension passes them */
        ServerProcess(Path jar, List<String> jvmFlags) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-jar", jar.toString(), "lsp"));
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
            init.setInitializationOptions(JsonParser.parseString("{}"));
            server.initialize(init).get(60, TimeUnit.SECONDS);
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
