package dev.optlens.analysis.compare;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.StdPackages;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The differential check: on standard-library packages, what {@code optlens diff} reports equals the
 * difference of the two builds' raw {@code go build -gcflags=-m=2} outputs (with the bounds checks
 * the compiler prints under {@code -d=ssa/check_bce/debug=1}), keyed the same way — position and
 * message without costs and closure numbers — with no entry more or less. Both sides compile the
 * same source (for two releases, a copy of the older release's package), so positions key the raw
 * lines exactly. Nil checks and large copies come from the -json log only and are left out of both.
 */
class StdlibDiffTest {
    private static final Pattern LINE = Pattern.compile("^(?:\\./)?([^\\s:]+\\.go):(\\d+):(\\d+): (\\S.*)$");
    private static final Set<DecisionKind> JSON_ONLY = Set.of(DecisionKind.NIL_CHECK, DecisionKind.LARGE_COPY);

    static Stream<Arguments> cases() {
        List<GoReleases.Release> all = GoReleases.all();
        List<Arguments> out = new ArrayList<>();
        GoReleases.Release newest = GoReleases.newest();
        if (all.size() >= 2) {
            GoReleases.Release oldest = all.get(0);
            GoReleases.Release second = all.size() >= 3 ? all.get(all.size() - 3) : all.get(all.size() - 2);
            for (String pkg : List.of("encoding/json", "net/url")) {
                out.add(Arguments.of(pkg, "go", oldest, newest));
                if (second != oldest) out.add(Arguments.of(pkg, "go", oldest, second));
            }
        }
        for (String pkg : List.of("strconv", "encoding/json")) out.add(Arguments.of(pkg, "goarch", newest, newest));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void optlensDiffEqualsTheDifferenceOfTheRawOutputs(String pkg, String axis, GoReleases.Release x, GoReleases.Release y,
                                                       @TempDir Path tmp) throws Exception {
        boolean releases = axis.equals("go");
        Path dir = StdPackages.open(x, pkg, tmp);
        assumeTrue(!releases || dir.startsWith(tmp), pkg + " of " + x + " imports internal packages: no copy both releases build");
        BuildSide a = releases ? side(x, Map.of()) : side(x, Map.of("GOARCH", "amd64")).withLabel("amd64");
        BuildSide b = releases ? side(y, Map.of()) : side(y, Map.of("GOARCH", "386")).withLabel("386");
        BuildOptions options = BuildOptions.DEFAULT.withTests(false);
        Comparison.PackageDiff d = Comparison.run(Comparison.side(a, System.getenv()), Comparison.side(b, System.getenv()),
                List.of(new AnalysisRequest(dir, options, Overlay.NONE, Optional.empty())), CancellationToken.NONE).get(0);
        assertTrue(d.compiled(), () -> d.a().errors() + " / " + d.b().errors());

        Map<String, Set<String>> rawA = raw(x, dir, releases ? Map.of() : Map.of("GOARCH", "amd64"));
        Map<String, Set<String>> rawB = raw(y, dir, releases ? Map.of() : Map.of("GOARCH", "386"));
        Set<String> onlyA = minus(rawA.keySet(), rawB.keySet());
        Set<String> onlyB = minus(rawB.keySet(), rawA.keySet());
        Set<String> reworded = new TreeSet<>();
        rawA.forEach((k, words) -> {
            if (rawB.containsKey(k) && !rawB.get(k).equals(words)) reworded.add(k);
        });

        Set<String> diffA = new TreeSet<>();
        Set<String> diffB = new TreeSet<>();
        Set<String> diffReworded = new TreeSet<>();
        for (Difference z : d.differences()) {
            // go build compiles no tests; optlens compiles a package in GOROOT with its tests.
            if (JSON_ONLY.contains(z.kind()) || z.where().file().getFileName().toString().endsWith("_test.go")) continue;
            Optional<String> ka = z.a().map(StdlibDiffTest::key);
            Optional<String> kb = z.b().map(StdlibDiffTest::key);
            if (ka.isPresent() && kb.isPresent() && ka.equals(kb)) {
                diffReworded.add(ka.get());
                continue;
            }
            ka.ifPresent(diffA::add);
            kb.ifPresent(diffB::add);
        }
        same(onlyA, diffA, "decisions only " + a.label() + " makes");
        same(onlyB, diffB, "decisions only " + b.label() + " makes");
        same(reworded, diffReworded, "decisions both make with other costs");
        System.out.printf("%s %s vs %s: %d only A, %d only B, %d reworded, %d differences in all%n", pkg, a.label(), b.label(),
                onlyA.size(), onlyB.size(), reworded.size(), d.differences().size());
    }

    private static BuildSide side(GoReleases.Release r, Map<String, String> target) {
        return new BuildSide(r.toString(), Optional.of(r.go().toString()), Optional.empty(),
                Optional.ofNullable(target.get("GOARCH")), Optional.empty(), Map.of());
    }

    private static String key(Decision d) {
        return d.file().getFileName() + ":" + d.line() + ":" + d.column() + " " + DecisionDiff.normalized(d.message());
    }

    /** The raw decision lines of the package's own files, keyed by position and normalized message, with their words. */
    private static Map<String, Set<String>> raw(GoReleases.Release r, Path dir, Map<String, String> target) throws Exception {
        Map<String, String> env = new HashMap<>(GoEnvironment.forGo(System.getenv()));
        env.putAll(target);
        ProcessResult p = GoProcess.runWithin(List.of(r.go().toString(), "build", "-gcflags=-m=2 -d=ssa/check_bce/debug=1", "."),
                dir, env, 600);
        assertEquals(0, p.exitCode(), p.stderr());
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : p.stderr().split("\n")) {
            Matcher m = LINE.matcher(line);
            // The package's own files: not lines in GOROOT's files (generic code instantiated here).
            if (!m.matches() || m.group(4).endsWith(":") || m.group(1).contains("/")
                    || !Files.isRegularFile(dir.resolve(m.group(1)))) continue;
            String message = m.group(4);
            String words = message.replaceFirst(" as: .*$", "").strip();
            out.computeIfAbsent(m.group(1) + ":" + m.group(2) + ":" + m.group(3) + " " + DecisionDiff.normalized(message),
                    k -> new TreeSet<>()).add(DecisionDiff.normalizedWords(words));
        }
        return out;
    }

    /** Equal sets, or a message with what the raw outputs have that optlens does not, and the reverse. */
    private static void same(Set<String> raw, Set<String> optlens, String what) {
        assertTrue(raw.equals(optlens), () -> what + ": in the raw outputs only " + minus(raw, optlens) + "; in optlens diff only "
                + minus(optlens, raw));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
