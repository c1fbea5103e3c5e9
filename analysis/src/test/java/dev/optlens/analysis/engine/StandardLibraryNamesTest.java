package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A decision made in inlined standard-library code names the file as GOROOT names it, whatever the
 * go command's cache saw first. Debian's GOROOT/src is a link; once a standard package is opened by
 * its real path, the cache keeps export data that names the real path, and the compiler prints it
 * in every later compile that inlines from it (allocs: context.Background). The same decision must
 * not cite another file depending on the machine's history (a golden file failed on a fresh CI
 * machine where the tests ran in another order).
 */
class StandardLibraryNamesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void inlinedStandardLibraryCodeIsNamedAsGorootNamesIt(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Path goroot = Path.of(release.toolchain().env().get("GOROOT"));
        assumeTrue(Files.isSymbolicLink(goroot.resolve("src")), "GOROOT/src is not a symbolic link here (Debian's is)");
        Map<String, String> env = release.env();
        env.put("GOCACHE", Files.createDirectories(tmp.resolve("gocache")).toString());
        PackageAnalyzer analyzer = new PackageAnalyzer(new ToolchainLocator(env), env);
        // A standard package opened where its files really are: its tests rebuild what they import.
        PackageReport sort = analyzer.analyze(AnalysisRequest.of(goroot.resolve("src/sort").toRealPath()), CancellationToken.NONE);
        assertTrue(sort.compiled(), sort.errors().toString());

        Path allocs = Workspaces.copy("allocs", tmp.resolve("ws"));
        String printed = goBuild(release, env, allocs);
        Path real = goroot.resolve("src").toRealPath();
        assertTrue(printed.contains(real.resolve("context").toString()), "the go command's cache did not keep the real path, "
                + "so this test shows nothing: " + printed);

        PackageReport r = analyzer.analyze(AnalysisRequest.of(allocs), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        List<InlineSite> sites = r.decisions().stream().map(Decision::inlinedFrom).flatMap(List::stream).toList();
        assertFalse(sites.isEmpty(), "no decision made in inlined code");
        for (InlineSite s : sites) {
            if (s.file().startsWith(allocs)) continue;
            assertTrue(s.file().startsWith(goroot.resolve("src")), s + " is not named under " + goroot);
        }
    }

    /** What a plain -m=2 compile with its -json log names: the log's file URIs. */
    private static String goBuild(GoReleases.Release release, Map<String, String> env, Path dir) throws Exception {
        Path json = Files.createTempDirectory(dir.getParent(), "json");
        ProcessBuilder pb = new ProcessBuilder(release.go().toString(), "build", "-o", "/dev/null",
                "-gcflags=-m=2 -json=0," + json.toUri(), ".").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOPROXY", "off");
        Process p = pb.start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "go build did not end");
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(json)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) all.append(Files.readString(f));
        }
        return all.toString();
    }
}
