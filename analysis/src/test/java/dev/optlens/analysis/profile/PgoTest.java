package dev.optlens.analysis.profile;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profile-guided builds of test-workspaces/profiles/pgo on every release of the matrix: a CPU profile
 * written here makes Sum's call of Mix hot; with it the compiler inlines Mix there beyond the budget,
 * without it Mix is refused — both exactly as {@code go build -pgo=FILE -gcflags=-m=2} prints.
 */
class PgoTest {
    private static final Path MODULE = Workspaces.workspace("profiles");
    private static final Path PGO = MODULE.resolve("pgo");

    static Path hotEdge(Path file) throws Exception {
        return CpuProfiles.pgoHotEdge(file);
    }

    private static PackageReport analyze(GoReleases.Release r, Optional<Path> profile) throws Exception {
        BuildOptions options = BuildOptions.DEFAULT.withDetail(Detail.FULL).withPgo(profile);
        return r.analyzer().analyze(new AnalysisRequest(PGO, options, Overlay.NONE, Optional.empty()), CancellationToken.NONE);
    }

    /** The inlining lines of go build's own -m=2 output: position and message. */
    private static Set<String> goBuild(GoReleases.Release r, List<String> pgoFlag) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(r.go().toString(), "build", "-o", "/dev/null"));
        cmd.addAll(pgoFlag);
        cmd.addAll(List.of("-gcflags=-m=2", "."));
        ProcessResult p = GoProcess.run(cmd, PGO, GoEnvironment.forGo(r.env()), CancellationToken.NONE);
        assertTrue(p.succeeded(), p.stderr());
        // Positions are relative to the module root (pgo/pgo.go), or ./pgo.go from within.
        return p.stderr().lines().map(l -> l.replaceFirst("^(\\./|pgo/)pgo\\.go:", "pgo.go:"))
                .filter(l -> l.startsWith("pgo.go:") && (l.contains("inline") || l.contains("inlining")))
                .map(l -> l.replaceFirst(" as: .*", "")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ours(PackageReport r) {
        return r.decisions().stream().filter(d -> Set.of(DecisionKind.INLINE_CANDIDATE, DecisionKind.INLINE_REFUSED,
                        DecisionKind.INLINED_CALL).contains(d.kind()))
                .map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + ": " + d.message().replaceFirst(" as: .*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theHotEdgeIsInlinedWithTheProfileAndRefusedWithout(@TempDir Path tmp) throws Exception {
        Path profile = hotEdge(tmp.resolve("cpu.pprof"));
        for (GoReleases.Release r : GoReleases.all()) {
            PackageReport plain = analyze(r, Optional.empty());
            PackageReport guided = analyze(r, Optional.of(profile));
            assertEquals(goBuild(r, List.of()), ours(plain), r + ": without the profile, as go build prints");
            assertEquals(goBuild(r, List.of("-pgo=" + profile)), ours(guided), r + ": with it, as go build -pgo prints");
            assertTrue(ours(plain).contains("pgo.go:6:6: cannot inline Mix: function too complex: cost 114 exceeds budget 80"), r + " " + ours(plain));
            PgoDecisions pgo = PgoDecisions.of(new PgoProfile(profile, "test"), plain, guided);
            Set<String> made = guided.decisions().stream().filter(pgo::byProfile)
                    .filter(d -> d.kind() != DecisionKind.OTHER)
                    .map(d -> d.line() + ":" + d.column() + " " + d.message().replaceFirst(" as: .*", "")).collect(Collectors.toSet());
            assertTrue(made.contains("40:11 inlining call to Mix"), r + ": the hot call is the profile's: " + made);
            assertTrue(made.contains("6:6 can inline Mix with cost 114"), r + ": Mix's budget is raised by the profile: " + made);
            Decision once = guided.decisions().stream().filter(d -> d.function().equals("Once") && d.kind() == DecisionKind.INLINE_CANDIDATE)
                    .findFirst().orElseThrow();
            assertFalse(pgo.byProfile(once), "Once is inlinable either way");
        }
    }

    @Test
    void aMainPackagesDefaultProfileGuidesTheLibraryItImports(@TempDir Path tmp) throws Exception {
        Path module = Workspaces.copy("profiles", tmp);
        GoReleases.Release r = GoReleases.newest();
        assertTrue(PgoProfile.auto(module.resolve("pgo"), r.toolchain(), r.env(), CancellationToken.NONE).isEmpty(), "no default.pgo yet");
        hotEdge(module.resolve("cmd/app/default.pgo"));
        Files.createDirectories(module.resolve("testdata/other"));
        Files.copy(module.resolve("cmd/app/default.pgo"), module.resolve("testdata/other/default.pgo"));
        PgoProfile p = PgoProfile.auto(module.resolve("pgo"), r.toolchain(), r.env(), CancellationToken.NONE).orElseThrow();
        assertEquals(module.resolve("cmd/app/default.pgo"), p.file());
        assertEquals("default.pgo of cmd/app", p.why());
        assertTrue(PgoProfile.auto(module, r.toolchain(), r.env(), CancellationToken.NONE).isEmpty(), "the root package is not imported by app");
    }
}
