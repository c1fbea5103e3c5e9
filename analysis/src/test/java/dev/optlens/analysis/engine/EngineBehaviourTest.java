package dev.optlens.analysis.engine;

import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineBehaviourTest {
    private final PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();

    @Test
    void unsavedOverlayContentIsWhatGetsAnalysed() throws Exception {
        Path dir = Workspaces.workspace("basics");
        Path file = dir.resolve("basics.go");
        String onDisk = Files.readString(file, StandardCharsets.UTF_8);
        // In the unsaved buffer NewPoint returns a value: p no longer moves to the heap,
        // and a new function makes a slice escape.
        String unsaved = onDisk.replace("func NewPoint(x, y int) *Point {\n\tp := Point{X: x, Y: y}\n\treturn &p\n}",
                "func NewPoint(x, y int) Point {\n\tp := Point{X: x, Y: y}\n\treturn p\n}")
                .replace("\tp := NewPoint(1, 2)\n", "\tp := NewPoint(1, 2)\n\tp.X += len(Unsaved())\n")
                + "\nfunc Unsaved() []byte { return make([]byte, len(\"é\")+rand()) }\n\nfunc rand() int { return 3 }\n";
        Map<Path, String> before = Workspaces.snapshot(dir);
        PackageReport r = analyzer.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT, new Overlay(Map.of(file, unsaved)),
                Optional.empty()), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());
        assertFalse(r.decisions().stream().anyMatch(d -> d.message().equals("moved to heap: p")), "p stays on the stack");
        // The compiler folds len("é") to 2 and prints the inlined call's result as ~r0.
        Decision make = r.decisions().stream().filter(d -> d.message().equals("make([]byte, 2 + (~r0)) escapes to heap")
                        && d.function().equals("Unsaved"))
                .findFirst().orElseThrow(() -> new AssertionError(r.decisions().toString()));
        int line = (int) unsaved.substring(0, unsaved.indexOf("func Unsaved")).lines().count();
        assertEquals(line, make.range().start().line());
        assertEquals(TextRange.of(line, 31, line, 60), make.range(), "make([]byte, len(\"é\")+rand())");
        assertEquals(before, Workspaces.snapshot(dir));
        assertEquals(onDisk, Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Below full detail the compile drops the -json log (inline chains, nil checks, copies) and, at
     * summary, the -m=2 explanations, costs and refusals, but never a headline it still prints: the
     * escapes, bounds checks and inlined calls are the full compile's, at the same places. Both the
     * go list path (first) and the direct path (second) honour the level.
     */
    @Test
    void lowerDetailKeepsTheHeadlinesAndDropsOnlyWhatItSays() throws Exception {
        Path dir = Workspaces.workspace("basics");
        PackageReport full = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertEquals(dev.optlens.analysis.build.Detail.FULL, full.detail());
        assertTrue(full.decisions().stream().anyMatch(d -> !d.inlinedFrom().isEmpty()), "the fixture has an inline chain");
        assertTrue(full.count(DecisionKind.NIL_CHECK) > 0, "and a nil check");
        java.util.function.Function<Decision, String> key = d -> d.file() + ":" + d.line() + ":" + d.column() + " " + d.kind() + " " + d.message();
        List<DecisionKind> textKinds = List.of(DecisionKind.HEAP_ESCAPE, DecisionKind.MOVED_TO_HEAP, DecisionKind.NO_ESCAPE,
                DecisionKind.LEAKING_PARAM, DecisionKind.INLINE_CANDIDATE, DecisionKind.INLINE_REFUSED, DecisionKind.INLINED_CALL,
                DecisionKind.BOUNDS_CHECK);
        for (int run = 0; run < 2; run++) {
            PackageAnalyzer fresh = run == 0 ? PackageAnalyzer.fromSystem() : analyzer;
            PackageReport explained = fresh.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT.withDetail(
                    dev.optlens.analysis.build.Detail.EXPLAINED), Overlay.NONE, Optional.empty()), CancellationToken.NONE);
            assertEquals(run == 1, explained.compiledDirectly());
            assertEquals(full.decisions().stream().filter(d -> textKinds.contains(d.kind()))
                            .map(d -> key.apply(d) + " " + d.explanation().size()).toList(),
                    explained.decisions().stream().filter(d -> textKinds.contains(d.kind()))
                            .map(d -> key.apply(d) + " " + d.explanation().size()).toList());
            assertTrue(explained.decisions().stream().allMatch(d -> d.inlinedFrom().isEmpty()));
            assertEquals(0, explained.count(DecisionKind.NIL_CHECK));

            PackageReport summary = fresh.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT.withDetail(
                    dev.optlens.analysis.build.Detail.SUMMARY), Overlay.NONE, Optional.empty()), CancellationToken.NONE);
            List<DecisionKind> headlines = List.of(DecisionKind.HEAP_ESCAPE, DecisionKind.MOVED_TO_HEAP,
                    DecisionKind.INLINED_CALL, DecisionKind.BOUNDS_CHECK);
            assertEquals(full.decisions().stream().filter(d -> headlines.contains(d.kind())).map(key).toList(),
                    summary.decisions().stream().filter(d -> headlines.contains(d.kind())).map(key).toList());
            assertTrue(summary.decisions().stream().allMatch(d -> d.explanation().isEmpty()));
            assertEquals(0, summary.count(DecisionKind.INLINE_REFUSED), "-m prints no refusals");
            assertTrue(summary.count(DecisionKind.INLINE_CANDIDATE) > 0);
        }
    }

    /**
     * While a direct compile goes on, the decisions it printed before its backend began arrive
     * early: exactly the final report's escapes, inlining and devirtualizations, without the
     * backend's bounds checks.
     */
    @Test
    void frontendDecisionsArriveBeforeTheCompileEnds() throws Exception {
        Path dir = Workspaces.workspace("basics");
        PackageAnalyzer fresh = PackageAnalyzer.fromSystem();
        AnalysisRequest req = new AnalysisRequest(dir, BuildOptions.DEFAULT.withDetail(dev.optlens.analysis.build.Detail.EXPLAINED),
                Overlay.NONE, Optional.empty());
        fresh.analyze(req, CancellationToken.NONE); // describes the package: the next compile is direct
        CompletableFuture<List<Decision>> early = new CompletableFuture<>();
        PackageReport report = fresh.analyze(req, CancellationToken.NONE, early::complete);
        assertTrue(report.compiledDirectly());
        List<Decision> got = early.get(60, TimeUnit.SECONDS);
        List<Decision> expected = report.decisions().stream().filter(d -> d.kind() != DecisionKind.BOUNDS_CHECK).toList();
        assertTrue(report.count(DecisionKind.BOUNDS_CHECK) > 0, "the fixture has bounds checks (they mark the backend)");
        assertEquals(expected, got);
    }

    /**
     * The first analysis goes through go list; the second compiles directly from the cached package
     * description. Both must give the same decisions, for every workspace (and no cache trap).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"basics", "generics", "methods-and-interfaces", "tests-included",
            "multi-package/store", "multi-package/cmd/app", "go-work/alpha", "go-work/beta", "unicode", "same-basename", "broken", "vendored"})
    void aSecondRunCompilesDirectlyAndGivesTheSameDecisions(String pkg) throws Exception {
        PackageAnalyzer fresh = PackageAnalyzer.fromSystem();
        Path dir = Workspaces.workspace(pkg);
        PackageReport first = fresh.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        PackageReport second = fresh.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertFalse(first.compiledDirectly());
        assertTrue(second.compiledDirectly(), "the package description was reused");
        assertEquals(first.decisions(), second.decisions());
        assertEquals(first.errors(), second.errors());
        if (pkg.equals("same-basename")) {
            // go list's compile shares one -json log file between lib.go and zz/lib.go; a direct
            // compile's copies have names of their own (SourceNames).
            assertEquals(1, first.warnings().size(), first.warnings().toString());
            assertEquals(List.of(), second.warnings());
        } else {
            assertEquals(first.warnings(), second.warnings());
        }
    }

    /**
     * A standard-library package with vendored imports (an import map) compiles directly too, with
     * -std and importmap lines, and agrees with the go command. Nothing is written into GOROOT.
     */
    @Test
    void aStandardPackageWithVendoredImportsCompilesDirectly() throws Exception {
        PackageAnalyzer fresh = PackageAnalyzer.fromSystem();
        Path dir = Path.of(fresh.toolchain(Optional.empty()).env().get("GOROOT"), "src", "net", "http", "httputil");
        Map<Path, String> before = Workspaces.snapshot(dir);
        PackageReport first = fresh.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        PackageReport second = fresh.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertTrue(first.compiled(), first.errors().toString());
        assertTrue(second.compiledDirectly(), "the package description was reused");
        assertTrue(second.compiled(), second.errors().toString());
        // The go command prints GOROOT paths as $GOROOT in -json logs and explanations; the headlines agree.
        List<DecisionKind> headlines = List.of(DecisionKind.HEAP_ESCAPE, DecisionKind.MOVED_TO_HEAP,
                DecisionKind.INLINED_CALL, DecisionKind.INLINE_REFUSED, DecisionKind.BOUNDS_CHECK);
        java.util.function.Function<PackageReport, java.util.Set<String>> keys = r -> r.decisions().stream()
                .filter(d -> headlines.contains(d.kind()))
                .map(d -> d.file() + ":" + d.line() + ":" + d.column() + " " + d.message())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(keys.apply(first), keys.apply(second));
        assertTrue(second.decisions().stream().anyMatch(d -> d.file().endsWith("reverseproxy.go")
                && d.message().startsWith("inlining call to httpguts.")), "the vendored package's code is inlined");
        assertEquals(before, Workspaces.snapshot(dir));
    }

    @Test
    void bothLogsAreRead() throws Exception {
        PackageReport basics = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("basics")), CancellationToken.NONE);
        assertTrue(basics.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.NIL_CHECK), "a kind only the -json log has");
        PackageReport generics = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("generics")), CancellationToken.NONE);
        assertTrue(generics.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.BOUNDS_CHECK
                && !d.inlinedFrom().isEmpty()), "a bounds check from the text, with its inline chain from the -json log");
        PackageReport methods = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("methods-and-interfaces")), CancellationToken.NONE);
        assertTrue(methods.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.DEVIRTUALIZED), "a kind only the -m text has");
    }

    @Test
    void aChangedImportRefreshesThePackageDescription() throws Exception {
        PackageAnalyzer fresh = PackageAnalyzer.fromSystem();
        Path dir = Workspaces.workspace("basics");
        Path file = dir.resolve("basics.go");
        fresh.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        String withImport = Files.readString(file).replace("import \"fmt\"", "import (\n\t\"fmt\"\n\t\"strings\"\n)")
                + "\nfunc Upper(s string) string { return strings.ToUpper(s) }\n";
        PackageReport r = fresh.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT, new Overlay(Map.of(file, withImport)),
                Optional.empty()), CancellationToken.NONE);
        assertFalse(r.compiledDirectly(), "a new import needs a new description (and export data)");
        assertTrue(r.compiled(), r.errors().toString());
        PackageReport again = fresh.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT, new Overlay(Map.of(file,
                withImport + "\nfunc Lower(s string) string { return strings.ToLower(s) }\n")), Optional.empty()), CancellationToken.NONE);
        assertTrue(again.compiledDirectly(), "a body edit reuses it");
        assertTrue(again.decisions().stream().anyMatch(d -> d.message().startsWith("can inline Lower")));
    }

    @Test
    void inlinedDecisionsCarryTheirInlineChain() throws Exception {
        PackageReport r = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("basics")), CancellationToken.NONE);
        Decision inRun = r.decisions().stream().filter(d -> d.function().equals("Run")
                && d.message().equals("make([]int, 0, len(xs) * 2) escapes to heap")).findFirst().orElseThrow();
        assertEquals(8, inRun.inlinedFrom().get(0).line());
        assertEquals(13, inRun.inlinedFrom().get(0).column());
        assertEquals(TextRange.of(61, 11, 61, 33), inRun.range(), "the inlined call Double([]int{1, 2, 3})");
        assertEquals(1, inRun.inlinedFrom().size());
    }

    @Test
    void utf16PlacementAfterMultiByteText() throws Exception {
        PackageReport r = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("unicode")), CancellationToken.NONE);
        Decision moved = r.decisions().stream().filter(d -> d.message().equals("moved to heap: 值")).findFirst().orElseThrow();
        // func 世界() *int { 值 := 42; return &值 }: 值 is at UTF-16 column 17 (byte column 22).
        assertEquals(22, moved.column());
        assertEquals(TextRange.of(12, 17, 12, 18), moved.range());
        Decision literal = r.decisions().stream().filter(d -> d.message().startsWith("struct { S string }{...} escapes"))
                .findFirst().orElseThrow();
        assertEquals(TextRange.of(15, 37, 15, 61), literal.range(), "struct{ S string }{S: s}");
    }

    @Test
    void aPackageThatDoesNotCompileGivesStructuredErrors() throws Exception {
        PackageReport r = analyzer.analyze(AnalysisRequest.of(Workspaces.workspace("broken")), CancellationToken.NONE);
        assertFalse(r.compiled());
        assertEquals(List.of("undefined: undefinedName"), r.errors().stream().map(e -> e.message()).toList());
        assertEquals(Workspaces.workspace("broken").resolve("broken.go"), r.errors().get(0).file().orElseThrow());
        assertEquals(5, r.errors().get(0).line());
        assertEquals(9, r.errors().get(0).column());
    }

    @Test
    void aSyntaxErrorInTheBufferIsAnErrorNotAnException() throws Exception {
        Path dir = Workspaces.workspace("basics");
        PackageReport r = analyzer.analyze(new AnalysisRequest(dir, BuildOptions.DEFAULT,
                new Overlay(Map.of(dir.resolve("basics.go"), "package basics\n\nfunc F( {\n")), Optional.empty()),
                CancellationToken.NONE);
        assertFalse(r.compiled());
        assertTrue(r.errors().get(0).message().startsWith("syntax error"), r.errors().toString());
    }

    @Test
    void cancellationKillsTheGoProcessTree() throws Exception {
        Path dir = Workspaces.workspace("generics");
        CancellationToken token = new CancellationToken();
        // Processes earlier tests left running in this JVM (a kept slicer helper) are not this compile's.
        java.util.Set<Long> before = new java.util.HashSet<>();
        ProcessHandle.current().descendants().forEach(p -> before.add(p.pid()));
        // A fresh GOCACHE makes the compile slow enough to be caught running.
        Path cache = Files.createTempDirectory("optlens-test-cache-");
        PackageAnalyzer cold = new PackageAnalyzer(new dev.optlens.analysis.toolchain.ToolchainLocator(System.getenv()),
                withEnv("GOCACHE", cache.toString()));
        CompletableFuture<PackageReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return cold.analyze(AnalysisRequest.of(dir), token);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (goChildren(before) == 0 && !run.isDone() && System.nanoTime() < deadline) Thread.onSpinWait();
        assertTrue(goChildren(before) > 0, "go started");
        token.cancel();
        Exception e = assertThrows(Exception.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancellationException
                || (e.getCause() != null && e.getCause().getCause() instanceof CancellationException), e.toString());
        assertEquals(0, goChildren(before), "no go process survives cancellation");
        dev.optlens.analysis.process.TempRoot.deleteTree(cache);
    }

    private static long goChildren(java.util.Set<Long> before) {
        return ProcessHandle.current().descendants().filter(p -> p.isAlive() && !before.contains(p.pid())).count();
    }

    private static Map<String, String> withEnv(String k, String v) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put(k, v);
        return env;
    }
}
