package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.ModuleShapes;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modules as people make them ({@link ModuleShapes}: the release's own {@code go mod init}, no go line,
 * {@code go 1.N}, {@code go 1.N.0}, a toolchain line, a go.work, a file-level version), on every release
 * of the matrix, through every route: the go list compile (the editor's first), the direct compile from
 * its cached description (the editor's later ones) and check's describe-then-compile. Each gives what a
 * plain {@code go build -gcflags=-m=2} prints, and go.mod, go.sum and go.work stay byte for byte as
 * they were, with {@code GOFLAGS=-mod=mod} in the user's environment.
 */
class ModuleShapesTest {
    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyShapeGivesTheCompilersDecisionsOnEveryRoute(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(release.env());
        env.put("GOFLAGS", "-mod=mod");
        for (ModuleShapes.Shape shape : ModuleShapes.make(release, tmp)) {
            Map<Path, String> before = moduleFiles(shape.root());
            PackageAnalyzer editor = new PackageAnalyzer(new ToolchainLocator(env), env);
            PackageAnalyzer check = new PackageAnalyzer(new ToolchainLocator(env), env, true);
            for (Path dir : List.of(shape.library(), shape.main())) {
                String name = shape + " " + shape.root().relativize(dir);
                PackageReport listed = editor.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
                PackageReport direct = editor.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
                PackageReport once = check.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
                assertTrue(direct.compiledDirectly(), name + ": the second compile did not go direct");
                for (PackageReport r : List.of(listed, direct, once)) {
                    ReleaseConformanceTest.assertReportsWhatTheCompilerPrinted(release, "shape", name, dir, r);
                }
                assertEquals(listed.decisions(), direct.decisions(), name + ": direct compile");
                assertEquals(listed.decisions(), once.decisions(), name + ": check's route");
                if (dir.equals(shape.library())) {
                    List<String> heap = once.decisions().stream().map(Decision::message)
                            .filter(ModuleShapes.HEAP_DECISION::equals).toList();
                    assertEquals(List.of(ModuleShapes.HEAP_DECISION), heap, name);
                }
            }
            assertEquals(before, moduleFiles(shape.root()), shape + ": go.mod, go.sum or go.work changed");
        }
    }

    /** The contents of every go.mod, go.sum and go.work below root (an absent go.sum stays absent). */
    private static Map<Path, String> moduleFiles(Path root) throws Exception {
        Map<Path, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> List.of("go.mod", "go.sum", "go.work", "go.work.sum").contains(p.getFileName().toString())).toList()) {
                out.put(root.relativize(p), Files.readString(p));
            }
        }
        assertTrue(out.keySet().stream().anyMatch(p -> p.getFileName().toString().equals("go.mod")), "no go.mod below " + root);
        Workspaces.snapshot(root); // every file still readable
        return out;
    }
}
