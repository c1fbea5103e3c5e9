package dev.optlens.analysis.profile;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * test-workspaces/profiles' benchmark run by the real {@code go test} with every allocation recorded:
 * the profile reads as {@code go tool pprof} reads it, and its lines join the compiler's decisions.
 */
class ProfileJoinTest {
    private static final Path HOT = Workspaces.workspace("profiles");
    /** A row of {@code pprof -top -lines -unit=B}: flat bytes, then the function and its file:line. */
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)B\\s+\\S+%\\s+\\S+%\\s+\\S+B\\s+\\S+%\\s+(.+) (\\S+):(\\d+)(?: \\(inline\\))?$");

    static BenchmarkProfiler.Run profile(GoReleases.Release release, Path into) throws Exception {
        return BenchmarkProfiler.run(release.toolchain(), release.env(), HOT, "Work", List.of("-benchtime=200x"), into, CancellationToken.NONE);
    }

    /** pprof's own flat bytes per (function, file, line), in its order. */
    static Map<Hotness.Line, Long> pprofTop(GoReleases.Release release, Path profile) throws Exception {
        ProcessResult r = GoProcess.run(List.of(release.go().toString(), "tool", "pprof", "-top", "-lines", "-sample_index=alloc_space",
                "-unit=B", "-nodefraction=0", "-edgefraction=0", "-nodecount=100000", profile.toString()), HOT,
                GoEnvironment.forGo(release.env()), CancellationToken.NONE);
        assertTrue(r.succeeded(), r.stderr());
        Map<Hotness.Line, Long> rows = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && Long.parseLong(m.group(1)) > 0) {
                rows.merge(new Hotness.Line(m.group(2), m.group(3), Integer.parseInt(m.group(4))), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return rows;
    }

    @Test
    void aMemoryProfileReadsAsPprofReadsIt(@TempDir Path tmp) throws Exception {
        for (GoReleases.Release release : List.of(GoReleases.all().get(0), GoReleases.newest())) {
            BenchmarkProfiler.Run run = profile(release, tmp.resolve(release.toString()));
            assertFalse(java.nio.file.Files.exists(tmp.resolve(release.toString()).resolve("package.test")), "the test binary is not kept");
            Map<Hotness.Line, Long> pprof = pprofTop(release, run.memProfile());
            Hotness ours = Hotness.of(List.of(ProfileReader.read(run.memProfile())), "alloc_space").orElseThrow();
            Map<Hotness.Line, Long> read = new LinkedHashMap<>();
            for (var e : ours.lines()) read.put(e.getKey(), e.getValue());
            List<String> differ = new ArrayList<>();
            for (Hotness.Line l : pprof.keySet()) if (!pprof.get(l).equals(read.get(l))) differ.add(l + " pprof " + pprof.get(l) + " ours " + read.get(l));
            for (Hotness.Line l : read.keySet()) if (!pprof.containsKey(l)) differ.add(l + " pprof none, ours " + read.get(l));
            assertEquals(List.of(), differ, release + ": every line's allocated bytes as pprof counts them");
            assertEquals(pprof.values().stream().mapToLong(Long::longValue).sum(), ours.total(), release.toString());
            assertEquals(inPackage(new ArrayList<>(pprof.keySet())).subList(0, 5),
                    inPackage(ours.lines().stream().map(Map.Entry::getKey).toList()).subList(0, 5), release + ": the package's lines in pprof's order");
        }
    }

    private static List<Hotness.Line> inPackage(List<Hotness.Line> lines) {
        return lines.stream().filter(l -> l.file().startsWith(HOT.toString())).toList();
    }

    @Test
    void theAllocatingLinesJoinTheCompilersDecisions(@TempDir Path tmp) throws Exception {
        for (GoReleases.Release release : List.of(GoReleases.all().get(0), GoReleases.newest())) {
            BenchmarkProfiler.Run run = profile(release, tmp.resolve(release.toString()));
            PackageReport report = release.analyzer().analyze(new AnalysisRequest(HOT, BuildOptions.DEFAULT.withDetail(Detail.FULL),
                    Overlay.NONE, Optional.empty()), CancellationToken.NONE);
            HotReport hot = HotReport.of(report, run.read());
            List<HotReport.HotLine> lines = hot.lines(report.decisions());
            // go1.25 marks an append's backing store itself; before, the growth in Grow is unmarked.
            String grow = release.version().minor() >= 25 ? "hot.go:22 Grow: append escapes to heap" : "hot.go:22 Grow unmarked";
            assertEquals(List.of("hot.go:36 Concat: a + b escapes to heap", "hot.go:31 Buffer 4096 B×201: make([]byte, n) escapes to heap",
                            grow, "hot.go:15 Label: v + 1000 escapes to heap",
                            "hot.go:10 NewPoint: &Point{...} escapes to heap"),
                    lines.stream().map(ProfileJoinTest::describe).sorted(ProfileJoinTest::byLineDesc).toList(), release.toString());
            Map<Hotness.Line, Long> pprof = pprofTop(release, run.memProfile());
            assertTrue(report.allocatingCallsAt(HOT.resolve("hot.go"), 22).contains("runtime.growslice"),
                    release + ": the compile's assembly calls growslice for the append: " + report.allocatingCallsAt(HOT.resolve("hot.go"), 22));
            for (HotReport.HotLine l : lines) {
                assertEquals(pprof.get(new Hotness.Line(l.function(), l.file().toString(), l.line())), l.bytes().value(), l.toString());
            }
            assertEquals(inPackage(new ArrayList<>(pprof.keySet())).stream().map(Hotness.Line::line).toList(),
                    lines.stream().map(HotReport.HotLine::line).toList(), release + ": ranked in pprof's order");
            // The Point is allocated by the copy of NewPoint inlined into the benchmark: that copy's
            // decision carries the bytes, NewPoint's own body (never called) none.
            Decision copy = heap(report, "hot_test.go", 17);
            Decision body = heap(report, "hot.go", 10);
            long point = lines.stream().filter(l -> l.line() == 10).findFirst().orElseThrow().bytes().value();
            assertTrue(point >= 200 * 16, release + ": 200 Points of 16 bytes at least");
            assertEquals(point, hot.heat(copy, report.decisions()).orElseThrow().value(), release.toString());
            assertEquals(0, hot.heat(body, report.decisions()).orElseThrow().value(), release.toString());
            // Buffer is never inlined: its own decision has all of its line's bytes.
            assertEquals(lines.get(0).bytes().value(), hot.heat(heap(report, "hot.go", 31), report.decisions()).orElseThrow().value());
            assertEquals(1.0, lines.stream().filter(l -> !l.unmarked() || l.line() == 22 && grow.endsWith("unmarked")).mapToLong(l -> l.bytes().value()).sum()
                    / (double) lines.stream().mapToLong(l -> l.bytes().value()).sum(), 1e-9, "every allocating line is a decision or listed unmarked");
        }
    }

    /** By the line number in the description, highest first: an order that does not depend on the release. */
    private static int byLineDesc(String a, String b) {
        return Integer.compare(Integer.parseInt(b.split("[: ]")[1]), Integer.parseInt(a.split("[: ]")[1]));
    }

    private static String describe(HotReport.HotLine l) {
        String fn = l.function().substring(l.function().lastIndexOf('.') + 1);
        String head = l.file().getFileName() + ":" + l.line() + " " + fn;
        if (l.line() == 31) head += " 4096 B×" + l.objects().value();
        return l.unmarked() ? head + " unmarked"
                : head + ": " + String.join(" | ", l.reasons().stream().map(Decision::message).toList());
    }

    private static Decision heap(PackageReport r, String file, int line) {
        return r.decisions().stream().filter(d -> d.kind().isHeapAllocation() && d.file().getFileName().toString().equals(file)
                && d.line() == line).findFirst().orElseThrow(() -> new AssertionError("no heap decision at " + file + ":" + line));
    }
}
