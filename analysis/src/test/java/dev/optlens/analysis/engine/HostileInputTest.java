package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.ExcludedFile;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.GcFlags;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.CompileError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input from a user's buffers, settings and environment: errors land on the user's file at the
 * compiler's line and column whatever route compiled it, and nothing is written into the workspace.
 */
class HostileInputTest {
    /**
     * A module right in the temp folder, beside optlens's own temp roots: there the go command names
     * an overlay file by a relative path ({@code ../optlens-build-…/overlay/0-a.go}), shorter than the absolute one.
     */
    private static Path module(Path tmp) throws Exception {
        Path dir = tmp;
        Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
        Files.writeString(dir.resolve("a.go"), "package m\n\nfunc A() int { return 1 }\n");
        Files.writeString(dir.resolve("b.go"), "package m\n\nfunc B() *int { x := 2; return &x }\n");
        return dir;
    }

    private static AnalysisRequest request(Path dir, BuildOptions options, Map<Path, String> unsaved) {
        return new AnalysisRequest(dir, options, new Overlay(unsaved), Optional.empty());
    }

    /** An unsaved buffer that does not compile, on the first (go list) route and on the direct one. */
    @Test
    void aCompileErrorInAnUnsavedBufferNamesTheUsersFileAtItsPositionOnEveryRoute(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path a = dir.resolve("a.go");
        String broken = "package m\n\nimport \"strings\"\n\nfunc A() int { return 1 }\n";
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        for (String route : List.of("go list", "direct")) {
            if (route.equals("direct")) {
                assertTrue(analyzer.analyze(request(dir, BuildOptions.DEFAULT, Map.of()), CancellationToken.NONE).compiled());
            }
            PackageReport r = analyzer.analyze(request(dir, BuildOptions.DEFAULT, Map.of(a, broken)), CancellationToken.NONE);
            assertFalse(r.compiled(), route);
            CompileError e = r.errors().get(0);
            assertEquals(Optional.of(a), e.file(), route + ": " + r.errors());
            assertEquals(3, e.line(), route + ": " + e);
            assertEquals(8, e.column(), route + ": " + e);
            assertEquals("\"strings\" imported and not used", e.message(), route + ": " + e);
            assertFalse(r.errors().toString().contains("optlens-build-") || r.errors().toString().contains("overlay"),
                    route + ": a temp path leaked: " + r.errors());
        }
    }

    /** Flags that write files or run programs are refused, whatever a repository's settings say. */
    @ParameterizedTest
    @ValueSource(strings = {"-cpuprofile=/tmp/x", "-memprofile /tmp/x", "-o /tmp/x", "-asmhdr=/tmp/x", "-linkobj=/tmp/x",
            "-bench=/tmp/x", "-blockprofile=/tmp/x", "-mutexprofile=/tmp/x", "-traceprofile=/tmp/x", "-buildid=x",
            "-importcfg=/etc/passwd", "-pack", "-trimpath=/", "-D /", "-I /", "-embedcfg=/tmp/x", "-symabis=/tmp/x",
            "-goversion=go1", "-p=main", "-shared", "-dynlink", "-race", "-msan", "-asan", "N -l", "all=-cpuprofile=/tmp/x",
            "-d=ssa/check/on -o /tmp/x", "-V", "-h", "-c=1000", "-json=0,/tmp/x"})
    void flagsThatWriteFilesOrChangeTheBuildAreRefused(String flags) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GcFlags.checked(flags));
        assertTrue(e.getMessage().startsWith("optlens.gcflags: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-l", "-N -l", "-B", "-C", "-d=ssa/check_bce/debug=1", "-spectre=all", "-m", "-m=2",
            "all=-l", "example.com/m=-N -l", "-d=loopvar=2", "-l=4", "'-d=ssa/prove/debug=1'", "-wb=false", "-live"})
    void flagsThatOnlyChangeDecisionsPass(String flags) {
        GcFlags.checked(flags);
    }

    @Test
    void refusedFlagsAreReportedAsAnErrorAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path target = tmp.resolveSibling(tmp.getFileName() + "-written-by-the-compiler");
        Map<Path, String> before = Workspaces.snapshot(tmp);
        PackageReport r = PackageAnalyzer.fromSystem().analyze(request(dir,
                new BuildOptions("-l -cpuprofile=" + target, Optional.empty(), Optional.empty(), List.of()), Map.of()),
                CancellationToken.NONE);
        assertFalse(r.compiled());
        assertTrue(r.errors().get(0).message().contains("-cpuprofile"), r.errors().toString());
        assertEquals(before, Workspaces.snapshot(tmp), "nothing written");
        assertFalse(Files.exists(target), "the profile was written");
    }

    /** GOFLAGS=-mod=mod in the user's environment would make go list rewrite go.mod. */
    @Test
    void goModIsNeverRewrittenWhateverGoflagsSays(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nogo"));
        Files.writeString(dir.resolve("go.mod"), "module example.com/nogo\n"); // no go line: -mod=mod would add one
        Files.writeString(dir.resolve("n.go"), "package nogo\n\nfunc N() *int { x := 1; return &x }\n");
        Map<Path, String> before = Workspaces.snapshot(tmp);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GOFLAGS", "-mod=mod");
        PackageAnalyzer analyzer = new PackageAnalyzer(new dev.optlens.analysis.toolchain.ToolchainLocator(env), env);
        PackageReport r = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertEquals(before, Workspaces.snapshot(tmp), "go.mod rewritten");
        // Set empty, not removed: a go command starts from optlens's own environment, where it may still be.
        assertEquals("", dev.optlens.analysis.process.GoEnvironment.forGo(env).get("GOFLAGS"));
        assertEquals("-trimpath", dev.optlens.analysis.process.GoEnvironment.forGo(Map.of("GOFLAGS", "-mod=mod -trimpath")).get("GOFLAGS"));
    }

    /** A buffer of another package that cannot be encoded does not break this one's compile. */
    @Test
    void anotherPackagesUnencodableBufferStaysOutOfThisCompile(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path other = Files.createDirectories(tmp.resolve("sub/other")).resolve("o.go");
        Files.writeString(other, "package other\n");
        Path a = dir.resolve("a.go");
        String lone = "package other\n\nvar s = \"\uD800\"\n";
        PackageReport r = PackageAnalyzer.fromSystem().analyze(request(dir, BuildOptions.DEFAULT,
                Map.of(other, lone, a, "package m\n\nfunc A() *int { y := 3; return &y }\n")), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertTrue(r.decisions().stream().anyMatch(d -> d.message().equals("moved to heap: y")), r.decisions().toString());
    }

    /** This package's own unencodable buffer is compiled with a replacement character, and said so. */
    @Test
    void anUnencodableBufferIsWrittenWithReplacementAndAWarning(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path a = dir.resolve("a.go");
        PackageReport r = PackageAnalyzer.fromSystem().analyze(request(dir, BuildOptions.DEFAULT,
                Map.of(a, "package m\n\n// lone \uD800 surrogate\nfunc A() *int { y := 3; return &y }\n")), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertTrue(r.decisions().stream().anyMatch(d -> d.message().equals("moved to heap: y")), r.decisions().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("a.go") && w.contains("UTF-8")), r.warnings().toString());
    }

    /** A file the build leaves out says why (its name or its constraint, and the target), in the report and in asm. */
    @Test
    void excludedFilesSayWhy(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path windows = dir.resolve("w_windows.go");
        Files.writeString(windows, "package m\n\nfunc W() *int { x := 1; return &x }\n");
        Path ignored = dir.resolve("gen.go");
        Files.writeString(ignored, "// Generator.\n\n//go:build ignore\n\npackage main\n\nfunc main() {}\n");
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        String target = "linux/amd64";
        BuildOptions linux = new BuildOptions("", Optional.of("linux"), Optional.of("amd64"), List.of());
        for (int route = 0; route < 2; route++) { // go list, then direct
            PackageReport r = analyzer.analyze(request(dir, linux, Map.of()), CancellationToken.NONE);
            assertTrue(r.compiled(), r.errors().toString());
            Map<Path, ExcludedFile> byFile = new HashMap<>();
            r.excluded().forEach(x -> byFile.put(x.file(), x));
            assertEquals(java.util.Set.of(windows, ignored), byFile.keySet(), r.excluded().toString());
            assertTrue(byFile.get(windows).message().startsWith("w_windows.go is not compiled for " + target
                    + ": its name ends in _windows"), byFile.get(windows).message());
            assertEquals(3, byFile.get(ignored).line());
            assertTrue(byFile.get(ignored).message().contains("its constraint '//go:build ignore' excludes it"), byFile.get(ignored).message());
        }
        dev.optlens.analysis.asm.AssemblyException e = assertThrows(dev.optlens.analysis.asm.AssemblyException.class,
                () -> new dev.optlens.analysis.asm.AssemblyService(System.getenv(), new SourceCache()).view(
                        analyzer.toolchain(Optional.empty()), windows, Optional.of(new dev.optlens.analysis.syntax.TextPosition(2, 20)),
                        linux, Overlay.NONE, true, CancellationToken.NONE));
        assertTrue(e.getMessage().startsWith("w_windows.go is not compiled for linux/amd64"), e.getMessage());
    }

    /** A package opened through a symbolic link gets every decision the real folder gets, the -json log's included. */
    @Test
    void aSymlinkedPackageFolderLosesNothing(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("go.mod"), "module example.com/sym\n\ngo 1.21\n");
        Files.writeString(real.resolve("a.go"), "package sym\n\ntype T struct{ a [64]int }\n\nfunc Copy(t T) T { u := t; return u }\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        PackageReport viaReal = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(real), CancellationToken.NONE);
        PackageReport viaLink = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(link), CancellationToken.NONE);
        assertEquals(List.of(), viaLink.warnings());
        java.util.function.Function<PackageReport, List<String>> facts = r -> r.decisions().stream()
                .map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + " " + d.kind() + " " + d.message()).sorted().toList();
        assertEquals(facts.apply(viaReal), facts.apply(viaLink));
        assertTrue(viaLink.decisions().stream().anyMatch(d -> d.kind() == dev.optlens.analysis.decision.DecisionKind.LARGE_COPY),
                viaLink.decisions().toString());
        assertTrue(viaLink.decisions().stream().allMatch(d -> d.file().startsWith(link)), "decisions name the folder as opened");
    }

    /** Code after a //line directive: the compiler reports it in the named file; optlens shows it where the code is. */
    @Test
    void decisionsInCodeUnderALineDirectiveAreShownWhereTheCodeIs(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path gen = dir.resolve("gen.go");
        Files.writeString(gen, "package m\n\n//line parser.y:100\nfunc Y() *int {\n\ty := 1\n\treturn &y\n}\n\n//line parser.y:7\nfunc Z() *int {\n\tz := 1\n\treturn &z\n}\n");
        PackageReport r = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        var y = r.decisions().stream().filter(d -> d.message().equals("moved to heap: y")).findFirst().orElseThrow(() -> new AssertionError(r.decisions()));
        assertEquals(gen, y.file());
        assertEquals(new dev.optlens.analysis.syntax.TextRange(new dev.optlens.analysis.syntax.TextPosition(4, 1),
                new dev.optlens.analysis.syntax.TextPosition(4, 2)), y.range(), "exactly the y of line 5");
        var z = r.decisions().stream().filter(d -> d.message().equals("moved to heap: z")).findFirst().orElseThrow();
        assertEquals(10, z.range().start().line(), "the second directive covers z: " + z);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("parser.y → gen.go")), r.warnings().toString());
    }

    /** A repository asking for a toolchain nobody has (and a go.env saying auto) gets the installed Go, downloads nothing. */
    @Test
    void aToolchainLineOrGoEnvInTheRepositoryNeverDownloads(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Files.writeString(dir.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n\ntoolchain go1.99.9\n");
        Files.writeString(dir.resolve("go.env"), "GOTOOLCHAIN=auto\nGOPROXY=https://proxy.golang.org\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GOTOOLCHAIN", "go1.99.9+auto");
        Map<Path, String> before = Workspaces.snapshot(tmp);
        PackageReport r = new PackageAnalyzer(new dev.optlens.analysis.toolchain.ToolchainLocator(env), env)
                .analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertTrue(r.decisions().stream().anyMatch(d -> d.message().equals("moved to heap: x")), r.decisions().toString());
        assertFalse(r.toolchain().startsWith("go1.99"), r.toolchain());
        assertEquals(before, Workspaces.snapshot(tmp));
    }

    /** dir/... through a symbolic link loop ends, listing each package once. */
    @Test
    void aSymlinkLoopUnderAPatternEnds(@TempDir Path tmp) throws Exception {
        Path dir = module(tmp);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("s.go"), "package sub\n");
        Files.createSymbolicLink(sub.resolve("loop"), dir);
        List<Path> found = PackageResolver.resolve(dir + "/...");
        assertEquals(List.of(dir, sub), found.stream().sorted().toList());
    }

    /**
     * Past column 255 of a long line the compiler prints no column ("l.go:6: moved to heap: y"): such a
     * decision is placed on the syntax its message names on that line, not on the line start or the
     * whole function body.
     */
    @Test
    void decisionsWithoutAColumnArePlacedByTheirSubjectOnTheLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/long\n\ngo 1.21\n");
        String sum = "a0" + "+a0".repeat(140);
        String text = "package long\n\nvar sink any\n\nfunc F(a0 int) {\n\tx := " + sum
                + "; sink = &x; y := 1; sink = &y; sink = make([]int, a0); _ = Keep(a0)\n}\n\nfunc Keep(v int) int { return v }\n";
        Path file = tmp.resolve("l.go");
        Files.writeString(file, text);
        PackageReport r = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(tmp), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        dev.optlens.analysis.syntax.GoSource src = dev.optlens.analysis.syntax.GoSource.parse(text);
        Map<String, String> placed = new HashMap<>();
        for (var d : r.decisions()) {
            if (d.line() == 6 && d.column() == 0) placed.put(d.message(), src.textOf(d.range()));
        }
        assertEquals(Map.of("moved to heap: y", "y", "make([]int, a0) escapes to heap", "make([]int, a0)",
                "inlining call to Keep", "Keep(a0)"), placed,
                r.decisions().toString());
    }
}
