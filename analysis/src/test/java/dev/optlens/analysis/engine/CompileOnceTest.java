package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code optlens check} compiles each package once, as a test binary needs it (described by go list
 * without compiling, then compiled directly, or through go test -c when a dependency is recompiled
 * for the tests), where go list -test -export compiles the package and its test variant both. The
 * decisions must be the go list route's, exactly.
 */
class CompileOnceTest {
    private static PackageAnalyzer once() {
        return new PackageAnalyzer(ToolchainLocator.fromSystem(), System.getenv(), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"basics", "generics", "methods-and-interfaces", "tests-included", "multi-package/store",
            "multi-package/cmd/app", "go-work/alpha", "unicode", "same-basename", "broken", "vendored", "gate/holds"})
    void compilingOnceGivesTheGoListRoutesDecisions(String pkg) throws Exception {
        Path dir = Workspaces.workspace(pkg);
        PackageReport listed = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        PackageReport once = once().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertEquals(listed.decisions(), once.decisions());
        assertEquals(listed.errors(), once.errors());
        // A direct compile's copies have names of their own: same-basename's shared log file is not lost.
        assertEquals(pkg.equals("same-basename") ? List.of() : listed.warnings(), once.warnings());
        assertEquals(listed.importPath(), once.importPath());
    }

    /**
     * A package whose external test imports a package that imports it: that dependency is recompiled
     * for the test, so no direct compile; go test -c compiles it, and the decisions still agree.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDependencyRecompiledForTheTestsGoesThroughGoTest(boolean broken, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/cycle\n\ngo 1.21\n");
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("a.go"), "package a\n\nvar sink any\n\nfunc Keep(n int) *int {\n\tv := n\n\treturn &v\n}\n"
                + (broken ? "\nfunc Broken() int { return undefinedName }\n" : ""));
        Files.writeString(a.resolve("a_test.go"), "package a\n\nimport \"testing\"\n\nfunc TestKeep(t *testing.T) {\n\tif *Keep(1) != 1 {\n\t\tt.Fatal()\n\t}\n}\n");
        Files.writeString(a.resolve("x_test.go"), "package a_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/cycle/b\"\n)\n\n"
                + "func TestTwice(t *testing.T) {\n\tif b.Twice(2) != 4 {\n\t\tt.Fatal()\n\t}\n}\n");
        Files.writeString(b.resolve("b.go"), "package b\n\nimport \"example.com/cycle/a\"\n\nfunc Twice(n int) int { return *a.Keep(n) * 2 }\n");
        PackageReport listed = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(a), CancellationToken.NONE);
        PackageReport once = once().analyze(AnalysisRequest.of(a), CancellationToken.NONE);
        assertEquals(broken, !once.compiled(), once.errors().toString());
        assertEquals(listed.decisions(), once.decisions());
        assertEquals(listed.errors(), once.errors());
        assertEquals("example.com/cycle/a", once.importPath());
        if (!broken) assertTrue(once.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.MOVED_TO_HEAP), once.decisions().toString());
    }

    /**
     * The compiler's -json log may name a file through a symbolic link the package was not opened
     * through (Debian's GOROOT/src is one; go test names GOROOT's path): its records still belong to
     * the file, and no file is reported lost.
     */
    @org.junit.jupiter.api.Test
    void aLogNamingAFileThroughALinkBelongsToIt(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("share/src/p"));
        Path file = real.resolve("a.go");
        Files.writeString(file, "package p\n");
        Files.createDirectories(tmp.resolve("lib"));
        Files.createSymbolicLink(tmp.resolve("lib/src"), tmp.resolve("share/src"));
        Path log = Files.createDirectories(tmp.resolve("log/p"));
        Files.writeString(log.resolve("a.json"), "{\"version\":0,\"package\":\"p\",\"goos\":\"linux\",\"goarch\":\"amd64\","
                + "\"gc_version\":\"go1.23.5\",\"file\":\"" + tmp.resolve("lib/src/p/a.go") + "\"}\n"
                + "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"severity\":3,"
                + "\"code\":\"nilcheck\",\"source\":\"go compiler\",\"message\":\"\"}\n");
        dev.optlens.analysis.decision.LogoptJson.Log read = dev.optlens.analysis.decision.LogoptJson.read(tmp.resolve("log"),
                java.util.Set.of(file), java.util.Optional.empty());
        assertEquals(1, read.entries().size());
        assertEquals(file, read.entries().get(0).file());
        assertEquals(java.util.Set.of(), read.lostFiles());
    }

    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    /**
     * Debian's GOROOT/src is a symbolic link; opened by its real path, a standard package whose tests
     * recompile a dependency (testing imports sort) goes through go test -c, whose -json log names
     * GOROOT's path. Every file's log is still found: nil checks are there, nothing is lost.
     */
    @ParameterizedTest
    @MethodSource("releases")
    void aPackageBehindASymbolicLinkKeepsItsJsonLog(GoReleases.Release release) throws Exception {
        Path goroot = Path.of(release.toolchain().env().get("GOROOT"));
        Path dir = goroot.resolve("src/sort").toRealPath();
        // Both routes: go list (the editor's first compile), and once (check).
        for (PackageAnalyzer analyzer : List.of(release.analyzer(), new PackageAnalyzer(new ToolchainLocator(release.env()), release.env(), true))) {
            PackageReport r = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
            assertTrue(r.compiled(), r.errors().toString());
            assertTrue(r.count(DecisionKind.NIL_CHECK) > 0, release + ": no nil check read from the -json log");
            assertEquals(List.of(), r.warnings(), release.toString());
        }
    }
}
