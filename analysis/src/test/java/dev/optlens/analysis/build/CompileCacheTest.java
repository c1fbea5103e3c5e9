package dev.optlens.analysis.build;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compile cache: an unchanged package is read back exactly as compiled; each input changed in
 * turn (a file, unsaved text, a dependency, a flag, GOARCH, the toolchain) is a recompile; a crashed
 * writer's leftovers and the size limit are handled.
 */
class CompileCacheTest {
    @TempDir
    Path tmp;

    private Map<String, String> env(Path cache, GoReleases.Release release) {
        Map<String, String> env = new HashMap<>(release.env());
        env.put("OPTLENS_COMPILE_CACHE", cache.toString());
        return env;
    }

    /** Analyses as optlens check does: a new analyzer (process) each time. */
    private static PackageReport check(Map<String, String> env, Path dir, BuildOptions options, Overlay overlay) throws Exception {
        return new PackageAnalyzer(new ToolchainLocator(env), env, true)
                .analyze(new AnalysisRequest(dir, options, overlay, Optional.empty()), CancellationToken.NONE);
    }

    private record Run(PackageReport report, boolean hit) {
    }

    private static Run run(Map<String, String> env, Path dir, BuildOptions options, Overlay overlay) throws Exception {
        // No kept report: it would answer before the compile is read back (KeptReportTest).
        dev.optlens.analysis.process.TempRoot.deleteTree(Path.of(env.get("OPTLENS_COMPILE_CACHE")).resolve("report"));
        long before = CompileCache.hits();
        PackageReport r = check(env, dir, options, overlay);
        assertTrue(r.compiled(), r.errors().toString());
        return new Run(r, CompileCache.hits() > before);
    }

    private static List<String> decisions(PackageReport r) {
        return r.decisions().stream().map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + " " + d.kind().id() + " "
                + d.message() + " " + d.range() + " " + d.explanation().size() + " " + d.allocation()).toList();
    }

    @Test
    void anUnchangedPackageIsReadBackAndEveryInputChangeRecompiles() throws Exception {
        GoReleases.Release release = GoReleases.all().get(0);
        Path cache = tmp.resolve("cache");
        Map<String, String> env = env(cache, release);
        Path module = Workspaces.copy("multi-package", tmp);
        Path app = module.resolve("cmd/app");
        BuildOptions full = BuildOptions.DEFAULT;

        Run first = run(env, app, full, Overlay.NONE);
        assertFalse(first.hit(), "nothing kept yet");
        Run second = run(env, app, full, Overlay.NONE);
        assertTrue(second.hit(), "the same compile is read back");
        assertEquals(decisions(first.report()), decisions(second.report()), "exactly what the compile said");
        assertFalse(first.report().decisions().isEmpty());
        // What allocates, read from the assembly: the same from the few lines kept of it.
        assertFalse(first.report().allocatingCalls().isEmpty(), "the package calls into the runtime to allocate");
        assertEquals(first.report().allocatingCalls(), second.report().allocatingCalls());
        assertTrue(keptAssembly(cache) < 50, "of the assembly, only the lines that tell something are kept: " + keptAssembly(cache));

        Path main = app.resolve("main.go");
        String text = Files.readString(main, StandardCharsets.UTF_8);
        long kept = new CompileCache(cache, Long.MAX_VALUE).entries();
        assertFalse(run(env, app, full, new Overlay(Map.of(main, text + "\nfunc extra() *int { x := 1; return &x }\n"))).hit(), "unsaved text");
        assertEquals(kept, new CompileCache(cache, Long.MAX_VALUE).entries(), "an editor's unsaved text is compiled, not kept");
        assertTrue(run(env, app, full, new Overlay(Map.of(main, text))).hit(), "an open, saved file: kept");
        assertTrue(run(env, app, full, Overlay.NONE).hit(), "the saved text again: kept");

        Path store = module.resolve("store/store.go");
        Files.writeString(store, Files.readString(store, StandardCharsets.UTF_8) + "\n// Len counts.\nfunc (s *Store) Len() int { return len(s.m) }\n");
        assertFalse(run(env, app, full, Overlay.NONE).hit(), "a dependency changed: its export data did");

        assertFalse(run(env, app, new BuildOptions("-l", Optional.empty(), Optional.empty(), List.of()), Overlay.NONE).hit(), "a flag");
        assertFalse(run(env, app, new BuildOptions("", Optional.empty(), Optional.of("386"), List.of()), Overlay.NONE).hit(), "GOARCH");
        Map<String, String> amd64v3 = new HashMap<>(env);
        amd64v3.put("GOAMD64", "v3");
        assertFalse(run(amd64v3, app, full, Overlay.NONE).hit(), "a variable the compiler reads");
        if (GoReleases.all().size() > 1) {
            assertFalse(run(env(cache, GoReleases.newest()), app, full, Overlay.NONE).hit(), "another toolchain");
        }
        Files.writeString(main, text + "\n");
        assertFalse(run(env, app, full, Overlay.NONE).hit(), "a file on disk");
    }

    /** Lines of assembly in the kept entries. */
    private static long keptAssembly(Path cache) throws Exception {
        long n = 0;
        try (var files = Files.walk(cache)) {
            for (Path gz : files.filter(p -> p.getFileName().toString().equals("out.gz")).toList()) {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        new java.util.zip.GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
                    n += in.lines().filter(dev.optlens.analysis.decision.AllocationSites::isAssembly).count();
                }
            }
        }
        return n;
    }

    @Test
    void aCrashedWriterIsCleanedAndTheSizeIsBounded() throws Exception {
        Path root = tmp.resolve("bounded");
        Files.createDirectories(root);
        CompileCache c = new CompileCache(root, 10_000);
        Path log = Files.createDirectories(tmp.resolve("log"));
        Files.writeString(log.resolve("a.json"), "x".repeat(3_000));
        Path left = Files.createDirectories(root.resolve("tmp-1-2"));
        Files.setLastModifiedTime(left, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        for (int i = 0; i < 6; i++) {
            String key = String.format("%064x", i + 1);
            c.put(key, List.of("line " + i), true, 1, log);
            Files.setLastModifiedTime(root.resolve(key.substring(0, 2)).resolve(key),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - (10 - i) * 60_000L));
        }
        c.prune();
        assertFalse(Files.exists(left), "a crashed writer's folder older than an hour is removed");
        assertTrue(c.entries() <= 2, "at most three quarters of 10 kB kept: " + c.entries());
        assertTrue(c.get(String.format("%064x", 6)).isPresent(), "the most recently used stays");
        assertTrue(c.get(String.format("%064x", 1)).isEmpty(), "the least recently used went first");
        Files.writeString(root.resolve("00").resolve(String.format("%064x", 6)).resolve("meta"), "");
        assertTrue(c.get(String.format("%064x", 6)).isEmpty(), "an unreadable entry is a miss, not an error");
    }
}
