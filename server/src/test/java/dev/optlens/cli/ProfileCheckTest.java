package dev.optlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.profile.BenchmarkProfiler;
import dev.optlens.analysis.profile.CpuProfiles;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check --profile}: test-workspaces/profiles' benchmark profiled by the real go test, then its
 * allocations ranked with the compiler's reasons, as text, JSON and SARIF.
 */
class ProfileCheckTest {
    private static final Path HOT = Workspaces.workspace("profiles");
    @TempDir
    static Path tmp;
    private static BenchmarkProfiler.Run run;

    @BeforeAll
    static void profile() throws Exception {
        run = BenchmarkProfiler.run(new ToolchainLocator(System.getenv()).locate(Optional.empty()), System.getenv(), HOT, "Work",
                List.of("-benchtime=200x"), tmp.resolve("profiles"), CancellationToken.NONE);
    }

    @Test
    void theCostliestAllocationsWithTheCompilersReasons() {
        CliRun r = CliRun.run("check", "--profile=" + run.memProfile(), "--sort=hot", "--top=2", HOT.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).contains("the 2 costliest of 5 allocating lines"), r.out());
        assertTrue(lines.get(2).matches("\\s+\\d\\d%\\s+804\\.0 kB\\s+201 obj\\s+hot\\.go:31\\s+Buffer"), r.out());
        assertEquals("make([]byte, n) escapes to heap", lines.get(3).strip(), r.out());
        assertTrue(lines.get(4).contains("hot.go:22") && lines.get(4).contains("Grow"), r.out());
        // Before go1.25 the append's growth is not marked: its source line and the runtime call the
        // compile's assembly makes there say what allocates.
        if (lines.get(5).strip().startsWith("not marked")) {
            assertEquals("not marked by the compiler: out = append(out, i)", lines.get(5).strip(), r.out());
            assertEquals("the line calls runtime.growslice (append grows a slice)", lines.get(6).strip(), r.out());
        } else {
            assertEquals("append escapes to heap", lines.get(5).strip(), r.out());
        }
        assertFalse(r.out().contains("Concat"), "--top=2 shows two");
        assertTrue(r.err().contains("profiles: " + run.memProfile() + " (alloc_objects, alloc_space"), r.err());
    }

    @Test
    void jsonGivesEachDecisionItsShareAndThePackageItsAllocations() {
        CliRun r = CliRun.run("check", "--json", "--profile=" + run.memProfile(), HOT.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject pkg = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("packages").get(0).getAsJsonObject();
        JsonArray allocations = pkg.getAsJsonArray("allocations");
        JsonObject first = allocations.get(0).getAsJsonObject();
        assertEquals(31, first.get("line").getAsInt());
        assertEquals(201 * 4096, first.getAsJsonObject("bytes").get("value").getAsLong());
        assertEquals("make([]byte, n) escapes to heap", first.getAsJsonArray("reasons").get(0).getAsJsonObject().get("message").getAsString());
        JsonObject buffer = null;
        for (var d : pkg.getAsJsonArray("decisions")) {
            JsonObject o = d.getAsJsonObject();
            if (o.get("line").getAsInt() == 31 && o.get("kind").getAsString().equals("heap-escape")) buffer = o;
        }
        assertTrue(buffer != null && buffer.has("hot"), r.out());
        assertEquals(first.getAsJsonObject("bytes").get("share").getAsDouble(), buffer.getAsJsonObject("hot").get("share").getAsDouble(), 1e-9);
        assertEquals("bytes", buffer.getAsJsonObject("hot").get("quantity").getAsString());
    }

    @Test
    void aProfileThatCannotBeReadIsNamedWithWhy(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("truncated.pprof");
        byte[] whole = Files.readAllBytes(run.memProfile());
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRun r = CliRun.run("check", "--profile=" + truncated, HOT.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(truncated + " is a truncated or damaged gzip file"), r.err());

        Path text = dir.resolve("heap.txt");
        Files.writeString(text, "heap profile: 1: 16 [1: 16] @ heap/1048576\n");
        assertTrue(CliRun.run("check", "--profile=" + text, HOT.toString()).err().contains("is a text profile (written with debug=1)"));
        Path garbage = dir.resolve("garbage.pprof");
        Files.write(garbage, new byte[]{0x0a, (byte) 0xff, 0x7f, 0x00, 0x12});
        CliRun g = CliRun.run("check", "--profile=" + garbage, HOT.toString());
        assertEquals(2, g.code());
        assertTrue(g.err().contains(garbage + " is not a pprof profile"), g.err());
        CliRun none = CliRun.run("check", "--sort=hot", HOT.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--sort=hot ranks by a profile: give --profile=FILE"), none.err());
    }

    @Test
    void aMainPackagesDefaultPgoGuidesTheLibraryAndItsDecisionsAreMarked(@TempDir Path dir) throws Exception {
        Path module = Workspaces.copy("profiles", dir);
        CpuProfiles.pgoHotEdge(module.resolve("cmd/app/default.pgo"));
        String pkg = module.resolve("pgo").toString();
        CliRun r = CliRun.run("check", "--json", pkg);
        assertEquals(0, r.code(), r.err());
        JsonObject p = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("packages").get(0).getAsJsonObject();
        assertEquals("default.pgo of cmd/app", p.getAsJsonObject("pgo").get("why").getAsString());
        List<String> byProfile = new java.util.ArrayList<>();
        for (var d : p.getAsJsonArray("decisions")) {
            JsonObject o = d.getAsJsonObject();
            if (o.has("pgo") && !o.get("kind").getAsString().equals("other")) byProfile.add(o.get("line") + " " + o.get("message").getAsString().replaceFirst(" as: .*", ""));
        }
        assertTrue(byProfile.contains("40 inlining call to Mix"), byProfile::toString);
        assertTrue(byProfile.contains("6 can inline Mix with cost 114"), byProfile::toString);

        CliRun text = CliRun.run("check", pkg);
        assertTrue(text.out().contains("  pgo: default.pgo of cmd/app (" + module.resolve("cmd/app/default.pgo") + ")"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.strip().equals("40:11   inlined-call     inlining call to Mix (PGO)")), text.out());
        CliRun off = CliRun.run("check", "--pgo=off", pkg);
        assertFalse(off.out().contains("inlining call to Mix") || off.out().contains("\n  pgo: "), off.out());

        CliRun diff = CliRun.run("check", "--pgo-diff", pkg);
        assertEquals(1, diff.code(), diff.err());
        assertTrue(diff.out().contains("pgo.go:40:11  only B (with default.pgo of cmd/app): inlining call to Mix"), diff.out());
        assertTrue(diff.out().contains("pgo.go:6:6  cannot inline Mix: function too complex: cost 114 exceeds budget 80 → can inline Mix with cost 114"), diff.out());
        // Exactly what the profile changed: Mix's budget, the hot call inlined, and Sum's cost that grew by it.
        assertTrue(diff.out().contains("pgo.go:37:6  cannot inline Sum: function too complex: cost 81 exceeds budget 80"
                + " → cannot inline Sum: function too complex: cost 138 exceeds budget 80"), diff.out());
        assertTrue(diff.out().contains("3 differences in 1 package (2 changed, 0 only with A, 1 only with B)"), diff.out());

        CliRun memory = CliRun.run("check", "--pgo=" + run.memProfile(), pkg);
        assertEquals(2, memory.code());
        assertTrue(memory.err().contains("is not a CPU profile"), memory.err());
    }
}
