package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.slice.ClosureProof;
import dev.optlens.analysis.slice.SliceMember;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method taken as a value ({@code e.encode}) gets a wrapper whose flows join the method's escape
 * explanations (the full closure proof found encoding/json's mapEncoder.encode so, on the oldest and
 * newest release): the function that takes it joins the edit's closure, and the closure's result is
 * the package compile's, decision for decision. Taken as a value outside any function (a package
 * variable's value), the wrapper is made in every slice, which keeps the package's declarations
 * whole: the closure stands as it is.
 */
class ClosureMethodValueTest {
    private static final String CODE = """
            package mv

            var sink *int

            type enc struct{ n int }

            func (e enc) encode(p *int) {
            	if p != nil && e.n > 0 {
            		sink = p
            	}
            }

            func Use(p *int) { enc{n: 1}.encode(p) }
            """;
    private static final String VALUE = "\nfunc New() func(*int) {\n\te := enc{n: 2}\n\treturn e.encode\n}\n";
    private static final String PACKAGE_VALUE = "\nvar encodeOne = enc{n: 1}.encode\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void theFunctionThatTakesAMethodAsAValueJoinsTheClosure(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/mv\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("mv.go");
        PackageAnalyzer analyzer = release.analyzer(); // one: the closure reads the description its compile made

        for (String text : List.of(CODE, CODE + VALUE, CODE + PACKAGE_VALUE)) {
            Files.writeString(file, text);
            Edit e = edit(analyzer, tmp, file, text, "func (e enc) encode");
            assertTrue(e.closure().complete(), "the closure did not stand: " + e.closure().fallback());
            PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
            assertEquals(ClosureProof.seen(expected.decisions()), ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                    "the closure's result is not the package compile's");
            if (text.contains("var encodeOne")) {
                // The wrapper the package value makes (enc.encode-fm) adds its flow to encode's explanation; the slice holds it too.
                assertTrue(ClosureProof.seen(expected.decisions()).stream().anyMatch(d -> d.contains("leaking param: p") && d.contains(".this, p")),
                        "the package compile names no wrapper's flow for encode");
            }
            if (text.contains("return e.encode")) {
                assertTrue(e.closure().slice().get().members().stream().map(SliceMember::name).toList().contains("New"),
                        "New takes encode as a value and is not a member: " + e.closure().slice().get().members());
            }
        }
    }

    /**
     * An edit that changes a method's facts (its cost grows and its parameter leaks to the heap) when a
     * package variable takes the method as a value: its callers join the closure, and the wrapper the
     * variable makes is compiled in the slice with the new method (encoding/json's floatEncoder.encode,
     * which {@code float32Encoder} takes so, went to the package compile before).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void aPackageValueOfAMethodWhoseFactsChangeKeepsTheClosure(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/mv\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("mv.go");
        String text = CODE + PACKAGE_VALUE;
        Files.writeString(file, text);
        PackageAnalyzer analyzer = release.analyzer();
        Edit e = edit(analyzer, tmp, file, text, "func (e enc) encode", "\tif e.n < 0 {\n\t\tpanic(p)\n\t}");
        assertTrue(e.closure().complete(), "the closure did not stand: " + e.closure().fallback());
        assertTrue(e.closure().slice().get().members().stream().map(SliceMember::name).toList().contains("Use"),
                "Use calls encode and is not a member: " + e.closure().slice().get().members());
        PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
        List<String> seen = ClosureProof.seen(expected.decisions());
        assertFalse(ClosureProof.seen(e.shifted()).stream().filter(d -> d.contains("leaking param: p")).toList()
                        .equals(seen.stream().filter(d -> d.contains("leaking param: p")).toList()),
                "the edit did not change how encode's p leaks");
        assertEquals(seen, ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                "the closure's result is not the package compile's");
    }

    private static final String CYCLE = """
            package mv

            var sink *int

            type tree struct {
            	kids []*tree
            	p    *int
            }

            func (t *tree) walk(depth int) {
            	if depth > 0 {
            		visit(t, depth)
            	}
            }

            func visit(t *tree, depth int) {
            	for _, k := range t.kids {
            		k.walk(depth - 1)
            	}
            	if t.p != nil {
            		sink = t.p
            	}
            }

            func Walker(t *tree) func(int) { return t.walk }
            """;

    /**
     * The slicer adds (*tree).walk to an edit of visit (they call each other), and Walker takes walk as
     * a value: the closure is sliced again with Walker, and stands.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void aMethodTheSlicerAddsBringsItsTakersIn(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/mv\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("mv.go");
        Files.writeString(file, CYCLE);
        PackageAnalyzer analyzer = release.analyzer();
        analyzer.analyze(AnalysisRequest.of(tmp), CancellationToken.NONE); // described: the edit's base is compiled directly
        Edit e = edit(analyzer, tmp, file, CYCLE, "func visit(");
        assertTrue(e.closure().complete(), "the closure did not stand: " + e.closure().fallback());
        List<String> members = e.closure().slice().get().members().stream().map(SliceMember::name).toList();
        assertTrue(members.containsAll(List.of("visit", "(*tree).walk", "Walker")), members.toString());
        PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
        assertEquals(ClosureProof.seen(expected.decisions()), ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                "the closure's result is not the package compile's");
    }

    /** An edit: a comment line at the top of a function's body, the closure's answer, and what it was asked with. */
    record Edit(AnalysisRequest request, List<Decision> shifted, EditClosure.Result closure) {
    }

    static Edit edit(PackageAnalyzer analyzer, Path dir, Path file, String text, String declaration) throws Exception {
        return edit(analyzer, dir, file, text, declaration, "\t// edited");
    }

    /** The closure's answer after {@code line} (one line or more) is inserted at the top of the body {@code declaration} opens. */
    static Edit edit(PackageAnalyzer analyzer, Path dir, Path file, String text, String declaration, String line) throws Exception {
        return edit(analyzer, analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE), dir, file, text, declaration, line);
    }

    /** {@link #edit(PackageAnalyzer, Path, Path, String, String, String)} after the package compile {@code base}. */
    static Edit edit(PackageAnalyzer analyzer, PackageReport base, Path dir, Path file, String text, String declaration, String line)
            throws Exception {
        return edit(analyzer, base, dir, file, text, declaration, line, false);
    }

    /** The same, the callers compiled in the closure's first compile when {@code callersAtOnce}. */
    static Edit edit(PackageAnalyzer analyzer, PackageReport base, Path dir, Path file, String text, String declaration, String line,
                     boolean callersAtOnce) throws Exception {
        assertTrue(base.compiled(), base.errors().toString());
        int braceLine = (int) text.substring(0, text.indexOf(declaration)).lines().count() + 1; // 1-based
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        lines.add(braceLine, line);
        String edited = String.join("\n", lines) + "\n";
        AnalysisRequest req = new AnalysisRequest(dir, dev.optlens.analysis.build.BuildOptions.DEFAULT,
                new Overlay(Map.of(file, edited)), Optional.empty());
        int added = line.split("\n", -1).length;
        List<Decision> shifted = base.decisions().stream().map(d -> d.shiftedLines(file, braceLine, added)).toList();
        return new Edit(req, shifted, analyzer.analyzeClosure(req, file, braceLine + 1, shifted, callersAtOnce, CancellationToken.NONE,
                () -> { }));
    }

    /**
     * The closure's fallback after a comment line at the top of the body of the function declared by
     * {@code declaration} in {@code file} (whose text is {@code text}); empty when it stands.
     */
    static Optional<String> closureOfAnEditIn(PackageAnalyzer analyzer, Path dir, Path file, String text, String declaration)
            throws Exception {
        EditClosure.Result r = edit(analyzer, dir, file, text, declaration).closure();
        return r.complete() ? Optional.empty() : r.fallback();
    }
}
