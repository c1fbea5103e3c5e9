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

/** The benchmark's sections about scale: keystrokes, memory, a 5 MB file, placement rate, optlens check (see {@link ServerBenchmark}). */
final class ScaleBenchmark {
    private ScaleBenchmark() {
    }

    /** The in-process cost of one keystroke: apply the edit, reparse incrementally, move every decision. */
    static void keystrokes(Path dir) throws Exception {
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
        ServerLoop loop = new ServerLoop();
        Workspace ws = new Workspace(loop);
        String uri = file.toUri().toString();
        loop.ask(() -> ws.open(uri, file, 1, b.toString())).join();
        loop.ask(() -> ws.apply(ws.input(dir), new Outcome.Whole(report, List.of()))).join();
        int n = 2000;
        double[] ms = new double[n];
        int line = 2500;
        for (int i = 0; i < n; i++) {
            int v = i + 2;
            TextRange at = TextRange.of(line, 2 + (i % 2 == 0 ? 0 : 1), line, 2 + (i % 2 == 0 ? 0 : 1) + (i % 2 == 0 ? 0 : 1));
            String text = i % 2 == 0 ? "x" : "";
            var change = List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(PositionCodec.UTF16.toProtocol(
                    ws.view().document(uri).orElseThrow().source().lines(), at), text));
            ms[i] = loop.ask(() -> { // timed on the loop, where edits are applied
                long t0 = System.nanoTime();
                ws.change(uri, v, change);
                return (System.nanoTime() - t0) / 1e6;
            }).join();
        }
        double[] warm = Arrays.copyOfRange(ms, 200, n);
        Arrays.sort(warm);
        System.out.printf("keystroke (apply + reparse + move %d decisions) on a %d-line file: median %.2f ms  p99 %.2f ms%n",
                report.decisions().size(), b.toString().lines().count(), warm[warm.length / 2], warm[(int) (warm.length * 0.99)]);
    }

    /** RSS of the server process with 20 open files of a 300-file workspace, after their packages compiled. */
    static void rss(Path jar, Path root) throws Exception {
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
        try (ServerBenchmark.ServerProcess s = new ServerBenchmark.ServerProcess(jar)) {
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
    static void big(GoToolchain go, Path jar, Path dir, Path tmp) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module bench/big5\n\ngo 1.21\n");
        Path file = dir.resolve("big.go");
        String text = generated(5 << 20);
        Files.writeString(file, text);
        long t = System.nanoTime();
        ServerBenchmark.run(dir, go.go().toString(), "build", "-gcflags=-m=2", "-o", tmp.resolve("big5.a").toString(), ".");
        double bare = (System.nanoTime() - t) / 1e6;
        // The flags the VS Code extension starts the server with (vscode-client/src/java.ts), or -Doptlens.bench.jvm.
        List<String> flags = List.of(System.getProperty("optlens.bench.jvm",
                "-XX:+UseSerialGC -XX:MaxNewSize=64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1").split(" "));
        try (ServerBenchmark.ServerProcess s = new ServerBenchmark.ServerProcess(jar, flags)) {
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
                System.out.println(ServerBenchmark.run(dir, jcmd.toString(), String.valueOf(s.process.pid()), "VM.native_memory", "summary"));
            }
            System.out.printf("5 MB file (%d lines, %d diagnostics), server " + flags + ": ready %.0f ms | bare go build -gcflags=-m=2 %.0f ms | ratio %.2f | "
                            + "hover %.0f ms, %d hints in 60 lines %.0f ms | server peak %s%n",
                    text.lines().count(), diagnostics, ready, bare, ready / bare, hover, hints.size(), hint, peak);
        }
    }

    /** Per kind, how many decisions cover the syntax their message names, on copies of standard-library packages. */
    static void placement(GoToolchain go, Path tmp) throws Exception {
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
    static void check(GoToolchain go, Path jar, Path dir) throws Exception {
        Path goroot = Path.of(go.env().get("GOROOT"));
        List<Path> packages = checkPackages(go, dir);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path binary = dir.resolve("pkg.test");
        for (Path pkg : packages) {
            double[] gotest = new double[3];
            double[] optlens = new double[3];
            String detail = "";
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                ServerBenchmark.run(pkg, go.go().toString(), "test", "-c", "-vet=off", "-gcflags=-m=2 -D=" + dir.resolve("fresh-" + System.nanoTime()),
                        "-o", binary.toString(), ".");
                gotest[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                String err = runExitErr(pkg, java.util.Map.of("OPTLENS_COMPILE_CACHE", "off"), checkCommand(javaBin, jar));
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

    /** The flags the optlens launcher gives a one-shot command. */
    private static String[] checkCommand(String javaBin, Path jar, String... more) {
        return checkCommand(javaBin, jar, List.of("."), more);
    }

    /** The same, checking {@code paths} in one run. */
    private static String[] checkCommand(String javaBin, Path jar, List<String> paths, String... more) {
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC", "-XX:MaxNewSize=64m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1", "-Xlog:disable", "-Xlog:all=warning,cds=off:stderr"));
        cmd.addAll(List.of(more));
        cmd.addAll(List.of("-jar", jar.toString(), "check"));
        cmd.addAll(paths);
        return cmd.toArray(String[]::new);
    }

    /**
     * A second {@code optlens check} of unchanged packages, with its cache (a fresh one, filled by a
     * first run: the package's description, compile and whole report), against a warm
     * {@code go test -c -vet=off -gcflags=-m=2} that replays the go command's cached compile: medians of
     * three after one run each to warm. optlens runs as its launcher runs it, with a class-data archive.
     */
    static void checkAgain(GoToolchain go, Path jar, Path dir) throws Exception {
        Path goroot = Path.of(go.env().get("GOROOT"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path binary = dir.resolve("pkg.test");
        java.util.Map<String, String> cached = java.util.Map.of("OPTLENS_COMPILE_CACHE", dir.resolve("compile-cache").toString());
        Path archive = dir.resolve("cli.jsa");
        double sumOptlens = 0;
        double sumGo = 0;
        List<Path> packages = checkPackages(go, dir);
        for (Path pkg : packages) {
            double[] gotest = new double[3];
            double[] optlens = new double[3];
            ServerBenchmark.run(pkg, go.go().toString(), "test", "-c", "-vet=off", "-gcflags=-m=2", "-o", binary.toString(), ".");
            // As the optlens launcher runs it: the first check writes the class-data archive, later ones map it.
            runExitErr(pkg, cached, checkCommand(javaBin, jar, Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive
                    : "-XX:ArchiveClassesAtExit=" + archive));
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                ServerBenchmark.run(pkg, go.go().toString(), "test", "-c", "-vet=off", "-gcflags=-m=2", "-o", binary.toString(), ".");
                gotest[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                runExitErr(pkg, cached, checkCommand(javaBin, jar, "-XX:SharedArchiveFile=" + archive));
                optlens[i] = (System.nanoTime() - t1) / 1e6;
            }
            Arrays.sort(gotest);
            Arrays.sort(optlens);
            sumOptlens += optlens[1];
            sumGo += gotest[1];
            String name = pkg.startsWith(goroot) ? goroot.resolve("src").relativize(pkg).toString() : pkg.getFileName() + " (copy)";
            System.out.printf("second optlens check %s, unchanged (kept report): median %.0f ms | warm go test -c -vet=off -gcflags=-m=2 %.0f ms"
                    + " | ratio %.2f%n", name, optlens[1], gotest[1], optlens[1] / gotest[1]);
        }
        System.out.printf("second optlens check, all packages: %.0f ms | warm go test -c loop %.0f ms | ratio %.2f%n", sumOptlens, sumGo,
                sumOptlens / sumGo);
        // As `optlens check ./...` runs a module: one process for every package.
        double[] together = new double[3];
        List<String> paths = packages.stream().map(Path::toString).toList();
        for (int i = 0; i < together.length; i++) {
            long t0 = System.nanoTime();
            runExitErr(dir, cached, checkCommand(javaBin, jar, paths, "-XX:SharedArchiveFile=" + archive));
            together[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(together);
        System.out.printf("second optlens check of all packages in one run: median %.0f ms | warm go test -c loop %.0f ms | ratio %.2f%n",
                together[1], sumGo, together[1] / sumGo);
    }

    /** The packages: copies of encoding/json and compress/flate, net/http and go/types in GOROOT. */
    private static List<Path> checkPackages(GoToolchain go, Path dir) throws Exception {
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
        return packages;
    }

    /** Runs a command to its end whatever its exit code; its stderr. */
    private static String runExitErr(Path dir, java.util.Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().putAll(env);
        Process p = b.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return err;
    }
}
