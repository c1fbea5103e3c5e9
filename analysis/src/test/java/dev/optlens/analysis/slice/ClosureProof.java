package dev.optlens.analysis.slice;

import dev.optlens.analysis.StdPackages;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.EditClosure;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The edit closure's proof, shared by {@link ClosureEquivalenceTest} and the server benchmark: for
 * functions of standard-library packages copied into a module, an edit inside the function (a
 * comment line, or a statement with an allocation of its own), the closure's complete result, when
 * it stands for the package, equals the package compile of the edited text, decision for decision
 * (place, range, kind, words, function, explanation with its places, inline chain). Fallbacks are
 * counted by reason.
 */
public final class ClosureProof {
    /**
     * Inserted on a line of its own after the body's opening brace: every second function gets each.
     * The statement ends with a semicolon: a one-line body ({ return x }) goes on after it.
     */
    static final String COMMENT = "\n\t/* an edit */";
    static final String ALLOCATION = "\n\t_ = new([64]byte);";
    /** As the server builds a large package while none of its test files is open. */
    static final dev.optlens.analysis.build.BuildOptions OPTIONS = dev.optlens.analysis.build.BuildOptions.DEFAULT.withTests(false);

    /**
     * @param complete   how many edits the closure answered
     * @param mismatches one line per closure whose complete result differs from the package compile
     * @param fallbacks  per reason, how many edits the package compile answered
     */
    public record Result(int edits, int complete, List<String> mismatches, Map<String, Integer> fallbacks,
                         double closureMillis, double packageMillis) {
        public String summary() {
            return String.format("closure equivalence: %d edits, %d answered by the closure (%d differ from the package compile),"
                            + " %d by the package compile %s; closure compile median %.0f ms vs %.0f ms the package's",
                    edits, complete, mismatches.size(), edits - complete, fallbacks, closureMillis, packageMillis);
        }
    }

    private ClosureProof() {
    }

    /** @param sample at most this many functions per package, evenly spread (all when larger than the package) */
    public static Result run(PackageAnalyzer analyzer, Path tmp, List<String> packages, int sample) throws Exception {
        GoToolchain toolchain = analyzer.toolchain(Optional.empty());
        String go = toolchain.version().major() + "." + toolchain.version().minor();
        int edits = 0;
        int complete = 0;
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> fallbacks = new TreeMap<>();
        List<Double> closureMs = new ArrayList<>();
        List<Double> packageMs = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = StdPackages.open(toolchain.goroot().orElseThrow(), go, pkg, tmp);
            PackageReport base = analyzer.analyze(AnalysisRequest.of(dir).withOptions(OPTIONS), CancellationToken.NONE);
            // A first compile goes through go list, which compiles the package with its tests: its own files' decisions can
            // differ from a compile of the package alone (go1.27's go/types: the explanations of trie[go.shape.*uint8].insert,
            // an instantiation the tests share). The closure keeps what its base held, so the proof starts where the server
            // is after a package compile: compiled directly, as each edit's package compile below is.
            if (!base.compiledDirectly()) base = analyzer.analyze(AnalysisRequest.of(dir).withOptions(OPTIONS), CancellationToken.NONE);
            if (!base.compiled()) throw new IllegalStateException(pkg + ": " + base.errors());
            List<Object[]> targets = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).sorted().toList()) {
                    GoSource src = GoSource.parse(Files.readAllBytes(f));
                    for (GoFunction fn : src.functions()) if (fn.body().isPresent()) targets.add(new Object[]{f, fn, src});
                }
            }
            int step = Math.max(1, targets.size() / Math.max(1, sample));
            for (int i = 0; i < targets.size(); i += step) {
                Path file = (Path) targets.get(i)[0];
                GoFunction fn = (GoFunction) targets.get(i)[1];
                GoSource src = (GoSource) targets.get(i)[2];
                int brace = src.lines().offsetOf(fn.body().get().start()) + 1;
                String insert = (edits % 2 == 0) ? COMMENT : ALLOCATION;
                byte[] old = src.bytes();
                String text = new String(old, 0, brace, StandardCharsets.UTF_8) + insert
                        + new String(old, brace, old.length - brace, StandardCharsets.UTF_8);
                int braceLine = fn.body().get().start().line() + 1;
                edits++;
                AnalysisRequest req = new AnalysisRequest(dir, OPTIONS,
                        new Overlay(Map.of(file, text)), Optional.empty());
                List<Decision> shifted = base.decisions().stream()
                        .map(d -> d.shiftedLines(file, braceLine, 1)).toList();
                // -Doptlens.closureProof.callersAtOnce=true: as the server asks while a function's facts keep changing.
                EditClosure.Result closure = analyzer.analyzeClosure(req, file, braceLine + 1, shifted,
                        Boolean.getBoolean("optlens.closureProof.callersAtOnce"), CancellationToken.NONE, () -> { });
                if (!closure.complete()) {
                    if (Boolean.getBoolean("optlens.closureProof.why")) System.out.println("fallback " + pkg + "." + fn.name() + ": " + closure.fallback().orElse("?"));
                    fallbacks.merge(reason(closure.fallback().orElse("?")), 1, Integer::sum);
                    continue;
                }
                complete++;
                FunctionSlice slice = closure.slice().get();
                closureMs.add((double) slice.compileMillis());
                PackageReport expected = analyzer.analyze(req, CancellationToken.NONE);
                packageMs.add((double) expected.compileMillis());
                List<String> want = seen(expected.decisions());
                List<String> got = seen(EditClosure.complete(shifted, slice));
                if (!want.equals(got)) {
                    List<String> missing = new ArrayList<>(want);
                    missing.removeAll(got);
                    List<String> extra = new ArrayList<>(got);
                    extra.removeAll(want);
                    mismatches.add(pkg + "." + fn.name() + " (" + insert.trim() + ", members " + slice.members().stream().map(SliceMember::name).toList()
                            + ") missing " + head(missing) + " extra " + head(extra));
                }
            }
        }
        return new Result(edits, complete, mismatches, fallbacks, median(closureMs), median(packageMs));
    }

    /** A fallback's kind: its reason without the function's name and figures. */
    private static String reason(String why) {
        if (why.contains("external tests")) return "external tests read the facts";
        if (why.contains("inlined by another package")) return "inlined by the external tests";
        if (why.contains("with its callers: ") && why.contains("cycle of calls")) return "callers in a cycle of calls";
        if (why.contains("with its callers: ")) return "callers' facts changed";
        if (why.contains("'s facts changed")) return "facts changed";
        if (why.contains("is generic")) return "generic";
        if (why.contains("taken as a value")) return "a member method taken as a value";
        if (why.contains("cycle of calls")) return "in a cycle of calls";
        return why.replaceAll("[0-9]+", "N");
    }

    private static List<String> head(List<String> l) {
        return l.size() <= 3 ? l : List.of(l.get(0), l.get(1), l.get(2), "… " + (l.size() - 3) + " more");
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) return 0;
        List<Double> s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    /** What a user sees of a decision: file, place, range, kind, words, function, explanation and inline chain. */
    /** Every decision as a user could see it (place, range, kind, words, function, explanation, inline chain), sorted. */
    public static List<String> seen(List<Decision> ds) {
        return ds.stream().map(d -> d.file().getFileName() + ":" + d.line() + ":" + d.column() + " " + d.range() + " " + d.kind().id()
                + " " + d.message() + " [" + d.function() + "] " + d.explanation() + " " + d.inlinedFrom()).sorted().toList();
    }
}
