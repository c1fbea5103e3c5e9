package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real compiler over every test workspace and compares kind, message, placement (with the
 * source text each range covers) and inline chains with reviewed golden files: {@code golden/} for
 * the default toolchain (the one found on this machine), {@code golden/go1.27/} for go1.27, whose
 * text differs (flow headers name the function, append's backing store escapes on its own).
 * Regenerate with {@code ./mvnw test -Doptlens.updateGoldens=true} and review the diff.
 */
class WorkspaceGoldenTest {
    private static final List<String> PACKAGES = List.of("basics", "broken", "generics", "methods-and-interfaces",
            "tests-included", "multi-package/store", "multi-package/cmd/app", "go-work/alpha", "go-work/beta", "unicode",
            "same-basename", "vendored", "placement-shapes", "allocs");

    static Stream<Arguments> packages() {
        List<Arguments> out = new ArrayList<>();
        PACKAGES.forEach(p -> out.add(Arguments.of("default", p)));
        GoReleases.minor(27).ifPresent(r -> PACKAGES.forEach(p -> out.add(Arguments.of("go1.27", p))));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packages")
    void decisionsMatchTheGolden(String release, String pkg) throws Exception {
        Path dir = Workspaces.workspace(pkg);
        Map<Path, String> before = Workspaces.snapshot(dir);
        PackageAnalyzer analyzer = release.equals("default") ? PackageAnalyzer.fromSystem()
                : GoReleases.minor(27).orElseThrow().analyzer();
        PackageReport report = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        String actual = new GoldenRenderer(Workspaces.repo().resolve("test-workspaces")).render(report);

        Path goldens = Workspaces.repo().resolve("analysis/src/test/resources/golden");
        if (!release.equals("default")) goldens = Files.createDirectories(goldens.resolve(release));
        Path golden = goldens.resolve(pkg.replace('/', '_') + ".txt");
        if (Boolean.getBoolean("optlens.updateGoldens")) Files.writeString(golden, actual, StandardCharsets.UTF_8);
        assertTrue(Files.exists(golden), "no golden file " + golden + ": run with -Doptlens.updateGoldens=true and review it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden);
        assertEquals(before, Workspaces.snapshot(dir), "analysis must not write into the workspace");
    }
}
