package dev.optlens.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code optlens diff} and baselines by toolchain, as a user runs them, on test-workspaces/releases. */
class DiffCommandTest {
    private static final String RELEASES = Workspaces.workspace("releases").toString();

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(env, args);
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** The oldest release before go1.25 and the newest from it. */
    private static List<GoReleases.Release> pair() {
        Optional<GoReleases.Release> old = GoReleases.all().stream().filter(r -> r.version().minor() < 25).findFirst();
        assumeTrue(old.isPresent() && GoReleases.newest().version().minor() >= 25, "needs a release before go1.25 and one from it");
        return List.of(old.get(), GoReleases.newest());
    }

    private static String releases(List<GoReleases.Release> pair) {
        return "--go=" + pair.get(0).languageVersion() + "," + pair.get(1).languageVersion();
    }

    @Test
    void twoReleasesTextGroupedByFunctionInTheCompilersWords() {
        List<GoReleases.Release> pair = pair();
        CliRun r = run("diff", releases(pair), RELEASES);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("optlens diff: A = go" + pair.get(0).languageVersion() + "  (" + pair.get(0).version()), r.out());
        assertTrue(r.out().contains("  Sum\n    releases.go:10:11  make([]int, n) escapes to heap → make([]int, n) does not escape\n"), r.out());
        assertTrue(r.out().contains("  Negate\n    releases.go:31:6  cannot inline Negate: function too complex: cost 88 exceeds budget 80"
                + " → can inline Negate with cost 48\n"), r.out());
        assertTrue(r.out().contains("4 differences in 1 package (4 changed, 0 only with A, 0 only with B)"), r.out());
        assertFalse(r.out().contains("Scale"), "a closure the releases name differently is no difference:\n" + r.out());
    }

    @Test
    void jsonAndGithubCarryTheSameDifferences() {
        List<GoReleases.Release> pair = pair();
        CliRun json = run("diff", releases(pair), "--format=json", RELEASES);
        assertEquals(1, json.code(), json.err());
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(pair.get(1).version().text(), o.getAsJsonObject("b").get("go").getAsString());
        assertEquals(4, o.get("differences").getAsInt());
        JsonObject sum = o.getAsJsonArray("packages").get(0).getAsJsonObject().getAsJsonArray("differences").asList().stream()
                .map(e -> e.getAsJsonObject()).filter(e -> e.get("function").getAsString().equals("Sum")).findFirst().orElseThrow();
        assertEquals("changed", sum.get("change").getAsString());
        assertEquals("make([]int, n) escapes to heap", sum.get("a").getAsString());
        assertEquals("make([]int, n) does not escape", sum.get("b").getAsString());
        assertEquals(10, sum.get("line").getAsInt());

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GITHUB_WORKSPACE", Workspaces.repo().toString());
        CliRun gh = run(env, "diff", releases(pair), "--format=github", RELEASES);
        assertTrue(gh.out().contains("::notice file=test-workspaces/releases/releases.go,line=10,endLine=10,col=7,endColumn="), gh.out());
        assertTrue(gh.out().contains("title=optlens%3A diff go" + pair.get(0).languageVersion() + " → go"), gh.out());
    }

    @Test
    void aSecondDiffOfUnchangedPackagesCompilesNothing(@TempDir Path tmp) {
        List<GoReleases.Release> pair = pair();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("OPTLENS_COMPILE_CACHE", tmp.resolve("cache").toString());
        CliRun first = run(env, "diff", releases(pair), RELEASES);
        assertFalse(first.err().contains("read back"), first.err());
        CliRun second = run(env, "diff", releases(pair), RELEASES);
        assertTrue(second.err().contains("optlens diff: 2 of 2 compiles read back from the compile cache"), second.err());
        assertEquals(first.out(), second.out(), "the same differences");
    }

    @Test
    void twoArchitecturesAndNothingThatDiffers() {
        CliRun arch = run("diff", "--goarch=amd64,386", RELEASES);
        assertEquals(1, arch.code(), arch.err());
        assertTrue(arch.out().contains("  Big\n    releases.go:47:11  make([]int, 10000) escapes to heap → make([]int, 10000) does not escape"),
                arch.out());
        assertTrue(arch.out().contains("only B (386): inlining call to bits.OnesCount64"), arch.out());
        CliRun same = run("diff", "--goarch=amd64,arm64", RELEASES);
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("  no differences\n"), same.out());
    }

    @Test
    void badUsageAndMissingReleasesAreClearMessages() {
        CliRun none = run("diff", RELEASES);
        assertEquals(2, none.code());
        assertTrue(none.err().contains("name what differs: --go=1.23,1.27"), none.err());
        CliRun two = run("diff", "--go=1.23,1.27", "--goarch=amd64,arm64", RELEASES);
        assertEquals(2, two.code());
        assertTrue(two.err().contains("one axis at a time"), two.err());
        CliRun missing = run("diff", "--go=1.99," + GoReleases.newest().languageVersion(), RELEASES);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Go 1.99 is not installed") && missing.err().contains("never downloads"), missing.err());
        CliRun variable = run("diff", "--env=GOFLAGS=-mod=mod,-x", RELEASES);
        assertEquals(2, variable.code());
        assertTrue(variable.err().contains("cannot differ between the builds"), variable.err());
    }

    @Test
    void aBaselineOfAnotherReleaseWarnsAndNamesTheDiff(@TempDir Path tmp) throws Exception {
        List<GoReleases.Release> pair = pair();
        CliRun b = run(pair.get(0).env(), "baseline", RELEASES);
        assertEquals(0, b.code(), b.err());
        JsonObject recorded = JsonParser.parseString(b.out()).getAsJsonObject();
        assertEquals(pair.get(0).version().text(), recorded.get("goVersion").getAsString());
        assertFalse(recorded.get("goarch").getAsString().isEmpty());
        Path file = tmp.resolve("optlens-baseline.json");
        Files.writeString(file, b.out());

        CliRun same = run(pair.get(0).env(), "check", "--baseline=" + file, RELEASES);
        assertFalse(same.err().contains("the baseline was recorded with"), same.err());
        CliRun other = run(pair.get(1).env(), "check", "--baseline=" + file, RELEASES);
        assertTrue(other.err().contains("optlens: warning: the baseline was recorded with " + pair.get(0).version()), other.err());
        assertTrue(other.err().contains("'optlens diff --go=" + pair.get(0).version().text().substring(2) + ","
                + pair.get(1).version().text().substring(2) + " PATH...'"), other.err());
        CliRun arch = run(pair.get(0).env(), "check", "--goarch=386", "--baseline=" + file, RELEASES);
        assertTrue(arch.err().contains("'optlens diff --goarch=" + recorded.get("goarch").getAsString() + ",386 PATH...'"), arch.err());
    }
}
