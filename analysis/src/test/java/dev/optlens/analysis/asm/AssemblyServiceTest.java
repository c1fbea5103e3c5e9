package dev.optlens.analysis.asm;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real compiler's -S listings, for several architectures, cut per function and mapped to source. */
class AssemblyServiceTest {
    private static final Path ASM = Workspaces.workspace("asm").resolve("asm.go");
    private final AssemblyService service = new AssemblyService(System.getenv(), new SourceCache());
    private final GoToolchain go = toolchain();

    private static GoToolchain toolchain() {
        try {
            return new ToolchainLocator(System.getenv()).locate(Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AssemblyView view(Path file, int line, int character, String goarch) throws Exception {
        return service.view(go, file, Optional.of(new TextPosition(line, character)),
                new BuildOptions("", Optional.of("linux"), Optional.of(goarch), List.of()), Overlay.NONE, true, CancellationToken.NONE);
    }

    private static List<String> headers(AssemblyView v) {
        return v.lines().stream().map(AssemblyView.Line::text).filter(t -> t.startsWith("TEXT ")).map(t -> t.split(" ")[1]).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm64", "riscv64"})
    void eachKindOfFunctionForEachArchitecture(String goarch) throws Exception {
        AssemblyView add = view(ASM, 6, 8, goarch); // inside Add's body
        assertEquals("asm.Add", add.function());
        assertEquals(goarch, add.goarch());
        assertEquals("linux", add.goos());
        assertEquals(List.of("asm.Add"), headers(add));
        assertTrue(add.sourceLines().containsKey(6), "the body line has instructions: " + add.sourceLines());
        for (int i : add.sourceLines().get(6)) assertEquals(Optional.of(6), add.lines().get(i).line());

        assertEquals(List.of("asm.Vec.Dot"), headers(view(ASM, 14, 6, goarch)), "value receiver");
        assertEquals(List.of("asm.(*Vec).Scale"), headers(view(ASM, 19, 6, goarch)), "pointer receiver");
        // The closure is listed with its parent, and so is the copy made where Adder was inlined into Use.
        assertEquals(List.of("asm.Adder", "asm.Adder.func1", "asm.Use.Adder.func1"), headers(view(ASM, 25, 1, goarch)));
        List<String> max = headers(view(ASM, 29, 6, goarch));
        assertTrue(max.containsAll(List.of("asm.Max[go.shape.int]", "asm.Max[go.shape.float64]")), "shape instantiations: " + max);
    }

    /** Every release of the matrix: the same functions are found and cut out (closure copies are named differently). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#all")
    void eachKindOfFunctionOnEveryRelease(GoReleases.Release release) throws Exception {
        AssemblyService svc = new AssemblyService(release.env(), new SourceCache());
        BuildOptions amd64 = new BuildOptions("", Optional.of("linux"), Optional.of("amd64"), List.of());
        java.util.function.Function<TextPosition, AssemblyView> at = p -> {
            try {
                return svc.view(release.toolchain(), ASM, Optional.of(p), amd64, Overlay.NONE, true, CancellationToken.NONE);
            } catch (Exception e) {
                throw new IllegalStateException(release + ": " + e.getMessage(), e);
            }
        };
        AssemblyView add = at.apply(new TextPosition(6, 8));
        assertEquals(List.of("asm.Add"), headers(add), release.toString());
        assertTrue(add.sourceLines().containsKey(6), release + ": " + add.sourceLines());
        assertEquals(List.of("asm.Vec.Dot"), headers(at.apply(new TextPosition(14, 6))), release.toString());
        assertEquals(List.of("asm.(*Vec).Scale"), headers(at.apply(new TextPosition(19, 6))), release.toString());
        // go1.27 names the copy of an inlined closure asm.Adder.func1#<hash> instead of asm.Use.Adder.func1.
        List<String> adder = headers(at.apply(new TextPosition(25, 1)));
        assertEquals(3, adder.size(), release + ": " + adder);
        assertTrue(adder.containsAll(List.of("asm.Adder", "asm.Adder.func1")), release + ": " + adder);
        List<String> max = headers(at.apply(new TextPosition(29, 6)));
        assertTrue(max.containsAll(List.of("asm.Max[go.shape.int]", "asm.Max[go.shape.float64]")), release + ": " + max);
    }

    @Test
    void jumpsBecomeLabelsAndCallsNameTheirCallee() throws Exception {
        AssemblyView run = view(Workspaces.workspace("basics").resolve("basics.go"), 60, 3, "amd64");
        List<String> text = run.lines().stream().map(AssemblyView.Line::text).toList();
        List<String> labels = text.stream().filter(t -> t.matches("L\\d+:")).toList();
        assertFalse(labels.isEmpty(), "labels");
        assertEquals(labels.size(), labels.stream().distinct().count(), "each label once: " + labels);
        assertTrue(text.stream().anyMatch(t -> t.matches("\\tJ[A-Z]+\\tL\\d+.*")), "jumps to labels");
        assertTrue(text.contains("\tCALL\tbasics.LogSum"), "calls show the callee: " + text);
        assertFalse(text.stream().anyMatch(t -> t.contains("PCDATA") || t.contains("FUNCDATA")), "noise hidden");
        assertTrue(run.lines().stream().anyMatch(l -> l.inlined().equals(Optional.of("Double"))), "inlined code is attributed");
    }

    @Test
    void aFunctionInATestFile() throws Exception {
        AssemblyView t = view(Workspaces.workspace("basics").resolve("basics_test.go"), 5, 2, "amd64");
        assertEquals("basics.TestSum", t.function());
        assertEquals(List.of("basics.TestSum"), headers(t));
    }

    @Test
    void unsavedContentIsWhatTheListingShows() throws Exception {
        String text = Files.readString(ASM).replace("return a + b", "return a*b + 424242");
        AssemblyView v = service.view(go, ASM, Optional.of(new TextPosition(6, 8)), BuildOptions.DEFAULT,
                new Overlay(Map.of(ASM, text)), true, CancellationToken.NONE);
        assertTrue(v.lines().stream().anyMatch(l -> l.text().contains("424242")), v.lines().toString());
    }

    @Test
    void clearErrorsForAnUnknownArchitectureAndAPositionOutsideAnyFunction() {
        AssemblyException arch = assertThrows(AssemblyException.class, () -> view(ASM, 6, 8, "vax"));
        assertTrue(arch.getMessage().contains("linux/vax"), arch.getMessage());
        AssemblyException outside = assertThrows(AssemblyException.class, () -> view(ASM, 10, 0, "amd64"));
        assertEquals("no function at line 11 of asm.go: put the cursor inside a function", outside.getMessage());
    }

    /**
     * A file of GOROOT opened through a symbolic link (Debian's GOROOT/src is one; the go command
     * prints real paths): its function's code is there, each instruction on its source line.
     */
    @Test
    void aGorootFileReachedThroughALinkHasItsCode(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path real = go.goroot().orElseThrow().resolve("src/unicode/utf8").toRealPath();
        Path linked = tmp.resolve("goroot-src");
        Files.createSymbolicLink(linked, real.getParent().getParent());
        Path file = linked.resolve("unicode/utf8/utf8.go");
        int line = Files.readAllLines(file).indexOf("func RuneLen(r rune) int {");
        assertTrue(line > 0);
        AssemblyView v = view(file, line + 2, 1, "amd64");
        assertEquals("utf8.RuneLen", v.function());
        assertEquals(List.of("utf8.RuneLen"), headers(v));
        assertTrue(v.sourceLines().keySet().stream().anyMatch(l -> l > line), "no instruction maps to RuneLen's body: " + v.sourceLines());
    }

    /** A package whose test file does not compile: a function of the package still has its code (built as the package builds). */
    @Test
    void aBrokenTestFileDoesNotStopThePackagesAssembly(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/bt\n\ngo 1.21\n");
        Path file = tmp.resolve("bt.go");
        Files.writeString(file, "package bt\n\nfunc Twice(v int) int {\n\treturn v * 2\n}\n");
        Files.writeString(tmp.resolve("bench_test.go"), "package bt\n\nimport (\n\t\"testing\"\n\n\t\"example.com/missing/dep\"\n)\n\n"
                + "func BenchmarkTwice(b *testing.B) { dep.X() }\n");
        AssemblyView v = view(file, 3, 1, "amd64");
        assertEquals(List.of("bt.Twice"), headers(v));
        assertTrue(v.sourceLines().containsKey(3), v.sourceLines().toString());
    }
}
