package dev.optlens.analysis.engine;

import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real compiler over every test workspace and compares kind, message, placement (with the
 * source text each range covers) and inline chains with reviewed golden files. Regenerate with
 * {@code ./mvnw test -Doptlens.updateGoldens=true} and review the diff.
 */
class WorkspaceGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"basics", "broken", "generics", "methods-and-interfaces", "tests-included",
            "multi-package/store", "multi-package/cmd/app", "go-work/alpha", "go-work/beta", "unicode", "same-basename", "vendored"})
    void decisionsMatchTheGolden(String pkg) throws Exception {
        Path dir = Workspaces.workspace(pkg);
        Map<Path, String> before = Workspaces.snapshot(dir);
        PackageReport report = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        String actual = new GoldenRenderer(Workspaces.repo().resolve("test-workspaces")).render(report);

        Path golden = Workspaces.repo().resolve("analysis/src/test/resources/golden").resolve(pkg.replace('/', '_') + ".txt");
        if (Boolean.getBoolean("optlens.updateGoldens")) Files.writeString(golden, actual, StandardCharsets.UTF_8);
        assertTrue(Files.exists(golden), "no golden file " + golden + ": run with -Doptlens.updateGoldens=true and review it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden);
        assertEquals(before, Workspaces.snapshot(dir), "analysis must not write into the workspace");
    }
}
