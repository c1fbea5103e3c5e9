package dev.optlens.analysis.compare;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * test-workspaces/releases compared across Go releases and architectures: exactly the differences
 * its comments name, and none more when lines move and closures are added.
 */
class ComparisonTest {
    /** The differences that matter, one line each: function, change, and the compiler's words. */
    static List<String> lines(Comparison.PackageDiff d) {
        assertTrue(d.compiled(), () -> "both sides compile: " + d.a().errors() + " / " + d.b().errors());
        return d.differences().stream().filter(Difference::matters)
                .map(x -> x.function() + " " + x.change().id() + ": " + x.summary()).toList();
    }

    static Comparison.PackageDiff compare(BuildSide a, BuildSide b, Path dir) throws Exception {
        Map<String, String> env = System.getenv();
        return Comparison.run(Comparison.side(a, env), Comparison.side(b, env),
                List.of(AnalysisRequest.of(dir)), CancellationToken.NONE).get(0);
    }

    private static BuildSide go(GoReleases.Release r) {
        return new BuildSide(r.toString(), Optional.of(r.go().toString()), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** The oldest release of the matrix before go1.25 and the newest from it, when both are installed. */
    private static List<GoReleases.Release> acrossGo125() {
        Optional<GoReleases.Release> old = GoReleases.all().stream().filter(r -> r.version().minor() < 25).findFirst();
        GoReleases.Release newest = GoReleases.newest();
        assumeTrue(old.isPresent() && newest.version().minor() >= 25, "needs a release before go1.25 and one from it");
        return List.of(old.get(), newest);
    }

    @Test
    void acrossReleasesExactlyTheDifferencesTheWorkspaceNames() throws Exception {
        List<GoReleases.Release> pair = acrossGo125();
        Comparison.PackageDiff d = compare(go(pair.get(0)), go(pair.get(1)), Workspaces.workspace("releases"));
        assertEquals(List.of(
                "Apply changed: can inline Apply with cost 71 → can inline Apply with cost 31",
                "Negate changed: cannot inline Negate: function too complex: cost 88 exceeds budget 80 → can inline Negate with cost 48",
                "Sum changed: make([]int, n) escapes to heap → make([]int, n) does not escape",
                "Twice changed: cannot inline Twice: function too complex: cost 122 exceeds budget 80"
                        + " → cannot inline Twice: function too complex: cost 82 exceeds budget 80"), lines(d));
    }

    @Test
    void acrossArchitecturesTheSizeAndIntrinsicDifferences() throws Exception {
        Comparison.PackageDiff d = compare(BuildSide.axis("goarch", "amd64,386").get(0), BuildSide.axis("goarch", "amd64,386").get(1),
                Workspaces.workspace("releases"));
        List<String> lines = lines(d);
        assertEquals("Big changed: make([]int, 10000) escapes to heap → make([]int, 10000) does not escape", lines.get(0));
        assertTrue(lines.get(1).startsWith("Pop changed: can inline Pop with cost 18 → cannot inline Pop: function too complex: cost 10"), lines::toString);
        assertTrue(lines.contains("Pop only-b: inlining call to bits.OnesCount64"), lines::toString);
        assertTrue(lines.contains("Pop only-b: inlining call to bits.Len64"), lines::toString);
        assertTrue(lines.stream().allMatch(l -> l.startsWith("Big ") || l.startsWith("Pop ") || l.startsWith("Sum only-b: Found Is")),
                () -> "only Big, Pop and 386's own bounds checks: " + lines);
        assertTrue(lines(compare(BuildSide.axis("goarch", "amd64,arm64").get(0), BuildSide.axis("goarch", "amd64,arm64").get(1),
                Workspaces.workspace("releases"))).isEmpty(), "amd64 and arm64 decide the same here");
    }

    /**
     * Twenty lines inserted above, a closure added before Twice's two (which the compiler then numbers
     * func2 and func3) and a function with a closure of its own: the same differences by identity.
     */
    @Test
    void movedLinesAndRenumberedClosuresAreNoDifference(@TempDir Path tmp) throws Exception {
        List<GoReleases.Release> pair = acrossGo125();
        Path copy = Workspaces.copy("releases", tmp);
        Path file = copy.resolve("releases.go");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        text = text.replace("import \"math/bits\"\n", "import \"math/bits\"\n" + "// moved\n".repeat(20)
                + "func Counter() func() int {\n\tn := 0\n\treturn func() int { n++; return n }\n}\n");
        text = text.replace("\tk := 3\n", "\tk := 3\n\tdouble := func(v int) int { return 2 * v }\n\txs[0] = double(xs[0])\n");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Comparison.PackageDiff original = compare(go(pair.get(0)), go(pair.get(1)), Workspaces.workspace("releases"));
        Comparison.PackageDiff moved = compare(go(pair.get(0)), go(pair.get(1)), copy);
        assertEquals(identities(original), identities(moved));
        assertTrue(moved.differences().stream().anyMatch(x -> x.where().line() > 40), "the lines did move");
    }

    /** Function, change, kind and each side's words without numbers: what stays when code moves. */
    private static List<String> identities(Comparison.PackageDiff d) {
        return d.differences().stream().filter(Difference::matters).map(x -> x.function() + " " + x.change().id() + " " + x.kind().id()
                + " " + x.a().map(v -> DecisionDiff.normalized(v.message())).orElse("-")
                + " " + x.b().map(v -> DecisionDiff.normalized(v.message())).orElse("-")).toList();
    }

    @Test
    void aVariableOfOneSideReachesItsCompiles() throws Exception {
        // The go command refuses an unknown experiment: the variable reached it, and the user is told.
        ToolchainException e = assertThrows(ToolchainException.class, () -> compare(BuildSide.current("current"),
                BuildSide.parse("GOEXPERIMENT=nosuch"), Workspaces.workspace("releases")));
        assertTrue(e.getMessage().contains("unknown GOEXPERIMENT"), e.getMessage());
    }

    @Test
    void aReleaseThatIsNotInstalledIsNamedWithHowToGetIt() {
        ToolchainException e = assertThrows(ToolchainException.class,
                () -> Comparison.side(BuildSide.parse("go=1.99"), System.getenv()));
        assertTrue(e.getMessage().startsWith("Go 1.99 is not installed (installed: go1."), e.getMessage());
        assertTrue(e.getMessage().contains("golang-1.99-go") && e.getMessage().contains("never downloads"), e.getMessage());
        assertTrue(assertThrows(ToolchainException.class, () -> Comparison.side(BuildSide.parse("go=1.19"), System.getenv()))
                .getMessage().contains("older than optlens supports"));
    }

    @Test
    void aModuleTooNewForTheNamedReleaseIsNotBuiltWithAnother(@TempDir Path tmp) throws Exception {
        GoReleases.Release oldest = GoReleases.all().get(0);
        Path copy = Workspaces.copy("releases", tmp);
        Files.writeString(copy.resolve("go.mod"), "module example.com/releases\n\ngo 1." + (oldest.version().minor() + 1) + ".0\n");
        Comparison.PackageDiff d = compare(go(oldest), BuildSide.current("current"), copy);
        assertFalse(d.a().compiled());
        assertTrue(d.a().errors().get(0).message().contains(oldest.version() + " cannot build it"), () -> d.a().errors().toString());
    }

    @Test
    void sidesAreReadAsUsersWriteThem() {
        BuildSide b = BuildSide.parse("go=1.27 goarch=arm64 GOAMD64=v3 gcflags='-l -B'");
        assertEquals(Optional.of("1.27"), b.go());
        assertEquals(Optional.of("arm64"), b.goarch());
        assertEquals(Optional.of("-l -B"), b.gcflags());
        assertEquals(Map.of("GOAMD64", "v3"), b.env());
        assertEquals("-l -B", b.options(BuildOptions.DEFAULT).gcflags());
        assertEquals(List.of("go1.23", "go1.27"), BuildSide.axis("go", "1.23,go1.27").stream().map(BuildSide::label).toList());
        assertEquals(List.of("GOAMD64=v1", "GOAMD64=v3"), BuildSide.axis("env", "GOAMD64=v1,v3").stream().map(BuildSide::label).toList());
        assertThrows(IllegalArgumentException.class, () -> BuildSide.parse("GOFLAGS=-mod=mod"));
        assertThrows(IllegalArgumentException.class, () -> BuildSide.parse("GOAMD64=v3;rm"));
        assertThrows(IllegalArgumentException.class, () -> BuildSide.axis("go", "1.23"));
        assertThrows(IllegalArgumentException.class, () -> BuildSide.parse("gcflags='-l"));
    }
}
