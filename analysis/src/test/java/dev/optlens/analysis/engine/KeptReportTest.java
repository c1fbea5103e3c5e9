package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second optlens check of an unchanged package reads its whole report back — every decision,
 * range, flow, inline site and allocation exactly as the first check made it — whether the package
 * compiled directly or through go test -c; a changed file (even one of the same size and time) or
 * dependency is compiled again.
 */
class KeptReportTest {
    @TempDir
    Path tmp;

    private final FileTime minuteAgo = FileTime.fromMillis(System.currentTimeMillis() - 60_000);

    private record Run(PackageReport report, boolean kept) {
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(GoReleases.all().get(0).env());
        env.put("OPTLENS_COMPILE_CACHE", tmp.resolve("cache").toString());
        return env;
    }

    private static Run check(Map<String, String> env, Path dir) throws Exception {
        long before = KeptReport.hits();
        PackageReport r = new PackageAnalyzer(new ToolchainLocator(env), env, true)
                .analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT, Overlay.NONE, Optional.empty()), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        return new Run(r, KeptReport.hits() > before);
    }

    /** Files as written a minute ago: what a checkout looks like by the time it is checked. */
    private void aged(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) Files.setLastModifiedTime(p, minuteAgo);
        }
    }

    @Test
    void aSecondCheckReadsTheWholeReportBackAndAChangedFileIsCompiledAgain() throws Exception {
        Map<String, String> env = env();
        for (String workspace : List.of("basics", "allocs", "methods-and-interfaces")) {
            Path dir = Workspaces.copy(workspace, tmp);
            aged(dir);
            Run first = check(env, dir);
            assertFalse(first.kept(), workspace + ": nothing kept yet");
            Run second = check(env, dir);
            assertTrue(second.kept(), workspace + ": read back");
            assertEquals(first.report(), second.report(), workspace + ": every field as the first check made it");
            assertFalse(first.report().decisions().isEmpty());
        }
        // Same size, same time, other bytes: the variable NewPoint moves to the heap renamed.
        Path dir = tmp.resolve("basics");
        Path file = dir.resolve("basics.go");
        Run before = check(env, dir);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String renamed = text.replace("p := Point{", "q := Point{").replace("return &p", "return &q");
        assertEquals(text.length(), renamed.length());
        assertNotEquals(text, renamed);
        Files.writeString(file, renamed, StandardCharsets.UTF_8);
        aged(dir);
        Run after = check(env, dir);
        assertFalse(after.kept(), "other bytes in a file of the same size and time");
        assertNotEquals(before.report().decisions(), after.report().decisions());
        assertTrue(check(env, dir).kept(), "kept again");

        // A kept report cut short (a full disk, another build's format): compiled again, nothing lost.
        try (Stream<Path> reports = Files.list(tmp.resolve("cache/report"))) {
            for (Path r : reports.toList()) Files.write(r, java.util.Arrays.copyOf(Files.readAllBytes(r), (int) Files.size(r) / 2));
        }
        Run cut = check(env, dir);
        assertFalse(cut.kept());
        assertEquals(after.report(), cut.report());
    }

    /**
     * A package whose external tests import a package importing it, recompiled for its in-package
     * tests: go test -c builds it; its report is kept all the same.
     */
    @Test
    void aPackageBuiltByGoTestCIsReadBackAndItsDependencysChangeCompilesAgain() throws Exception {
        Map<String, String> env = env();
        Path module = tmp.resolve("m");
        Files.createDirectories(module.resolve("a"));
        Files.createDirectories(module.resolve("b"));
        Files.writeString(module.resolve("go.mod"), "module example.com/m\n\ngo 1.21\n");
        Files.writeString(module.resolve("a/a.go"), "package a\n\nfunc Keep(x int) *int {\n\treturn &x\n}\n");
        Files.writeString(module.resolve("b/b.go"), "package b\n\nimport \"example.com/m/a\"\n\nfunc Use() int {\n\treturn *a.Keep(1)\n}\n");
        Files.writeString(module.resolve("a/a_test.go"), "package a_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/b\"\n)\n\n"
                + "func TestUse(t *testing.T) {\n\tif b.Use() != 1 {\n\t\tt.Fatal()\n\t}\n}\n");
        Files.writeString(module.resolve("a/keep_test.go"), "package a\n\nimport \"testing\"\n\n"
                + "func TestKeep(t *testing.T) {\n\tif *Keep(3) != 3 {\n\t\tt.Fatal()\n\t}\n}\n");
        aged(module);
        Path a = module.resolve("a");
        Run first = check(env, a);
        assertFalse(first.report().compiledDirectly(), "b is recompiled for a's tests: go test -c builds it");
        assertTrue(first.report().decisions().stream().anyMatch(d -> d.message().equals("moved to heap: x")), first.report().decisions().toString());
        Run second = check(env, a);
        assertTrue(second.kept());
        assertEquals(first.report(), second.report());
        Files.writeString(module.resolve("b/b.go"), "package b\n\nimport \"example.com/m/a\"\n\nfunc Use() int {\n\treturn *a.Keep(2) - 1\n}\n");
        aged(module);
        assertFalse(check(env, a).kept(), "a dependency changed");
        assertTrue(check(env, a).kept());
    }
}
