package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When no slice can be made for an edit, the fallback says why, so the status and the closure proof
 * tell a file this build leaves out from a slice that failed: an edit in a Windows-only file on
 * Linux is answered by the package compile (which leaves the file out too), and the reason names the file.
 */
class ClosureFallbackReasonTest {
    private static final String WINDOWS = """
            package fr

            func pathSep(p *int) *int {
            	return p
            }
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void anEditInAFileThisBuildLeavesOutSaysSo(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/fr\n\ngo " + release.languageVersion() + "\n");
        Files.writeString(tmp.resolve("fr.go"), "package fr\n\nfunc Keep(p *int) *int { return p }\n");
        Path windows = tmp.resolve("sep_windows.go");
        Files.writeString(windows, WINDOWS);

        Optional<String> why = ClosureMethodValueTest.closureOfAnEditIn(release.analyzer(), tmp, windows, WINDOWS, "func pathSep");
        assertTrue(why.isPresent(), "a closure stood for a file the build leaves out");
        assertTrue(why.get().equals("no slice could be made: sep_windows.go is not in this build of the package "
                + "(build constraints: GOOS, GOARCH or tags)"), why.get());
    }
}
