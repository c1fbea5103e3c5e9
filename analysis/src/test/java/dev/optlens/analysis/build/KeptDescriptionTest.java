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
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second optlens check of an unchanged package takes its description from the first, not from go
 * list, and says the same; whatever the description was made from, changed, has go list describe the
 * package again: a dependency in the module, a new file, go.mod, a variable the go command reads, and
 * a file changed while go list ran is never kept.
 */
class KeptDescriptionTest {
    @TempDir
    Path tmp;

    private record Run(List<String> decisions, boolean kept) {
    }

    private static Run check(Map<String, String> env, Path dir) throws Exception {
        // No kept report: it would answer before the package is described (KeptReportTest).
        dev.optlens.analysis.process.TempRoot.deleteTree(Path.of(env.get("OPTLENS_COMPILE_CACHE")).resolve("report"));
        long before = KeptDescription.hits();
        PackageReport r = new PackageAnalyzer(new ToolchainLocator(env), env, true)
                .analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT, Overlay.NONE, Optional.empty()), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        List<String> decisions = r.decisions().stream().map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + " "
                + d.kind().id() + " " + d.message()).toList();
        return new Run(decisions, KeptDescription.hits() > before);
    }

    /** One time a minute before the test: files are told apart by their size and names, not by when the test wrote them. */
    private final FileTime minuteAgo = FileTime.fromMillis(System.currentTimeMillis() - 60_000);

    /** Files as written a minute ago: what a checkout looks like by the time it is checked. */
    private void aged(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) Files.setLastModifiedTime(p, minuteAgo);
        }
    }

    @Test
    void anUnchangedPackageIsNotDescribedAgainAndEveryChangeIs() throws Exception {
        Map<String, String> env = new HashMap<>(GoReleases.all().get(0).env());
        env.put("OPTLENS_COMPILE_CACHE", tmp.resolve("cache").toString());
        Path module = Workspaces.copy("multi-package", tmp);
        Path app = module.resolve("cmd/app");
        aged(module);

        Run first = check(env, app);
        assertFalse(first.kept(), "nothing kept yet");
        Run second = check(env, app);
        assertTrue(second.kept(), "described by the first check");
        assertEquals(first.decisions(), second.decisions());

        Path store = module.resolve("store/store.go");
        Files.writeString(store, Files.readString(store, StandardCharsets.UTF_8) + "\n// Len counts.\nfunc (s *Store) Len() int { return len(s.m) }\n");
        aged(module);
        assertFalse(check(env, app).kept(), "a dependency in the module changed");
        assertTrue(check(env, app).kept(), "kept again");

        Files.writeString(app.resolve("extra.go"), "package main\n\nfunc extra() int { return 1 }\n");
        aged(module);
        assertFalse(check(env, app).kept(), "a new file in the package");

        Path goMod = module.resolve("go.mod");
        Files.writeString(goMod, Files.readString(goMod, StandardCharsets.UTF_8) + "\n");
        aged(module);
        assertFalse(check(env, app).kept(), "go.mod");

        Map<String, String> tagged = new HashMap<>(env);
        tagged.put("GOFLAGS", "-tags=optlens_test");
        assertFalse(check(tagged, app).kept(), "a variable the go command reads");
        assertTrue(check(env, app).kept(), "each build its own description");

        // Changed now: it may have changed while go list read it; such a description is not kept.
        Path main = app.resolve("main.go");
        Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8) + "\n");
        assertFalse(check(env, app).kept());
        assertFalse(check(env, app).kept(), "a description of files changed during its listing is not kept");
    }
}
