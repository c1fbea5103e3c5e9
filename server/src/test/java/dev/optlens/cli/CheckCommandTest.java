package dev.optlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: output, exit codes, messages, and nothing written. */
class CheckCommandTest {
    private static final Path WORKSPACES = Path.of(System.getProperty("optlens.repo", "..")).toAbsolutePath()
            .normalize().resolve("test-workspaces");

    private static CliRun check(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    private static CliRun check(String... args) {
        return check(System.getenv(), args);
    }

    @Test
    void humanOutputGroupsByFileAndFunctionWithASummary() {
        CliRun r = check(WORKSPACES.resolve("basics").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  basics.go\n    Double\n      8:13    heap-escape      make([]int, 0, len(xs) * 2) escapes to heap\n"), r.out());
        assertTrue(r.out().contains("  example.com/basics: 10 heap allocations, 6 inlinable functions, 4 refused\n"), r.out());
    }

    @Test
    void jsonOutputHasTheDocumentedShape() {
        CliRun r = check("--json", WORKSPACES.resolve("basics/basics.go").toString());
        assertEquals(0, r.code(), r.err());
        JsonObject pkg = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("packages").get(0).getAsJsonObject();
        assertEquals("example.com/basics", pkg.get("importPath").getAsString());
        assertTrue(pkg.get("goVersion").getAsString().startsWith("go1."));
        assertEquals(0, pkg.getAsJsonArray("errors").size());
        JsonArray decisions = pkg.getAsJsonArray("decisions");
        JsonObject moved = null;
        for (var d : decisions) {
            if (d.getAsJsonObject().get("message").getAsString().equals("moved to heap: p")) moved = d.getAsJsonObject();
        }
        assertTrue(moved != null, r.out());
        assertEquals(java.util.Set.of("file", "line", "column", "range", "kind", "message", "function", "allocation", "explanation",
                "inlinedFrom"), moved.keySet());
        assertEquals("allocates", moved.get("allocation").getAsString(), "the assembly calls runtime.newobject for p");
        assertEquals("moved-to-heap", moved.get("kind").getAsString());
        assertEquals("NewPoint", moved.get("function").getAsString());
        assertEquals("{\"start\":{\"line\":51,\"character\":1},\"end\":{\"line\":51,\"character\":2}}", moved.get("range").toString());
        JsonObject step = moved.getAsJsonArray("explanation").get(2).getAsJsonObject();
        assertEquals("from &p (address-of)", step.get("message").getAsString());
        assertEquals(53, step.get("line").getAsInt());
    }

    @Test
    void patternsCoverEveryPackageBelow() {
        CliRun r = check("--json", WORKSPACES.resolve("multi-package").toString() + "/...");
        assertEquals(0, r.code(), r.err());
        JsonArray pkgs = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("packages");
        assertEquals(2, pkgs.size());
        assertEquals("example.com/multi/cmd/app", pkgs.get(0).getAsJsonObject().get("importPath").getAsString());
        assertEquals("example.com/multi/store", pkgs.get(1).getAsJsonObject().get("importPath").getAsString());
    }

    @Test
    void aPackageThatDoesNotCompileExitsOneWithItsErrors() {
        Path dir = WORKSPACES.resolve("broken");
        Map<Path, String> before = snapshot(dir);
        CliRun r = check(dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("example.com/broken does not compile:\n  broken.go:5:9: undefined: undefinedName"), r.err());
        assertEquals(before, snapshot(dir));
    }

    @Test
    void aSyntaxErrorExitsOne(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/syn\n\ngo 1.21\n");
        Files.writeString(tmp.resolve("s.go"), "package syn\n\nfunc F( {\n");
        Map<Path, String> before = snapshot(tmp);
        CliRun r = check(tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("s.go:3:9: syntax error"), r.err());
        assertEquals(before, snapshot(tmp));
    }

    @Test
    void aFolderWithNoGoIsAUsageError(@TempDir Path tmp) {
        CliRun r = check(tmp.toString());
        assertEquals(2, r.code(), "a directory without Go files is not a package");
        assertTrue(r.err().contains("no Go files in " + tmp), r.err());
        CliRun none = check(tmp + "/...");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no Go packages match"), none.err());
        CliRun missing = check(tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
    }

    @Test
    void missingToolchainExitsTwoWithAClearMessage(@TempDir Path tmp) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPTLENS_GO", tmp.resolve("no-go-here").toString());
        CliRun r = check(env, WORKSPACES.resolve("basics").toString());
        assertEquals(2, r.code());
        assertEquals("optlens: Go not found at " + tmp.resolve("no-go-here") + " (set by OPTLENS_GO): no executable go there.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void tooOldToolchainExitsTwoNamingVersionAndPlace(@TempDir Path tmp) throws IOException {
        Path go = tmp.resolve("go");
        Files.writeString(go, "#!/bin/sh\necho '{\"GOVERSION\":\"go1.20.14\"}'\n");
        assertTrue(go.toFile().setExecutable(true));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPTLENS_GO", go.toString());
        CliRun r = check(env, WORKSPACES.resolve("basics").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Go go1.20.14 at " + go + " (found via OPTLENS_GO) is too old: optlens needs go1.21 or newer"), r.err());
    }

    @Test
    void asmPrintsTheListingUnderItsSourceLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"asm", WORKSPACES.resolve("asm/asm.go") + ":Add", "--goarch=arm64"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.startsWith("// asm.Add for linux/arm64\n       TEXT asm.Add "), text);
        assertTrue(text.contains("    7  return a + b\n"), text);
        int missing = Main.run(new String[]{"asm", WORKSPACES.resolve("asm/asm.go") + ":Nope"}, new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        assertEquals(2, missing);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no function Nope in asm.go (functions: Add, Vec.Dot"), err.toString());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, check().code());
        assertEquals(2, check("--frobnicate", "x").code());
        assertEquals(2, Main.run(new String[]{"nonsense"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Map.of()));
    }

    private static Map<Path, String> snapshot(Path root) {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> out.put(root.relativize(p), p.toFile().length() + "@" + p.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A scratch file outside any module works as 'go build scratch.go' does, for check and asm, and nothing is written. */
    @Test
    void aLoneFileOutsideAnyModule(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path scratch = tmp.resolve("scratch.go");
        Files.writeString(scratch, "package main\n\nfunc Keep() *int { x := 1; return &x }\n\nfunc main() { println(*Keep()) }\n");
        java.util.Map<Path, String> before = dev.optlens.analysis.Workspaces.snapshot(tmp);
        CliRun r = check(scratch.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("moved-to-heap    moved to heap: x"), r.out());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"asm", scratch + ":Keep"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("TEXT main.Keep"), out.toString(StandardCharsets.UTF_8));
        assertEquals(before, dev.optlens.analysis.Workspaces.snapshot(tmp), "nothing written beside the file");
    }

    /**
     * A file whose name holds a line break (Go accepts it) would split the compiler's messages about it:
     * its violated assertion must fail the gate, not vanish into "1 of 1 hold".
     */
    @Test
    void aFileNameWithALineBreakFailsTheGateNamingTheFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/names\n\ngo 1.21\n");
        Files.writeString(tmp.resolve("a\nb.go"), "package names\n\nfunc Keep() *int {\n\tx := 1 //optlens:noescape\n\treturn &x\n}\n");
        for (String format : new String[]{"text", "json", "sarif", "github"}) {
            CliRun r = check("--format=" + format, tmp.toString());
            assertEquals(1, r.code(), format + ": " + r.out() + r.err());
            assertTrue(r.err().contains("a\\x0ab.go: this file's name holds a line break"), format + ": " + r.err());
            assertTrue(!r.out().contains("1 of 1 hold") && !r.out().contains("\"failed\":false"), format + ": " + r.out());
        }
    }

    /** A typo in an assertion, or one that applies to no code, fails the gate as invalid; it never holds. */
    @Test
    void aMistypedOrStrayAssertionFailsTheGate(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/typo\n\ngo 1.21\n");
        Files.writeString(tmp.resolve("t.go"), "package typo\n\nfunc Keep() *int {\n\tx := 1 //optlens:stack xx\n\treturn &x\n}\n"
                + "\nfunc Use(v0 int) int {\n\ty := v0 //optlens:stack v0\n\treturn y\n}\n\n//optlens:noescape\n");
        CliRun r = check(tmp.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("'xx' is not declared on the line this assertion is about (line 4); declared there: x"), r.out());
        assertTrue(r.out().contains("'v0' is not declared on the line this assertion is about (line 9); declared there: y"), r.out());
        assertTrue(r.out().contains("this assertion applies to no code"), r.out());
        assertTrue(!r.out().contains("3 of 3 hold"), r.out());
    }
}
