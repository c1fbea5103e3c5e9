package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler numbers the types declared inside functions across the whole package (net/http's
 * dialConn: {@code handshaker·7}); a slice that leaves A out would name B's {@code handshaker·1}
 * where the package says {@code handshaker·2}. Such a closure is answered by the package compile
 * (go1.22 prints no name of that type here: its closure stands).
 */
class ClosureLocalTypeTest {
    private static final String CODE = """
            package lt

            func A() any {
            	type first struct{ p *int }
            	return first{}
            }

            func B(x any, p *int) {
            	type handshaker interface{ Do(*int) }
            	if h, ok := x.(handshaker); ok {
            		h.Do(p)
            	}
            }
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void aFunctionsOwnTypeNumberedAnewIsThePackageCompiles(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/lt\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("lt.go");
        Files.writeString(file, CODE);
        PackageAnalyzer analyzer = release.analyzer();
        boolean named = analyzer.analyze(AnalysisRequest.of(tmp), dev.optlens.analysis.process.CancellationToken.NONE).decisions().stream()
                .anyMatch(d -> d.message().contains("handshaker·2"));
        Optional<String> fallback = ClosureMethodValueTest.closureOfAnEditIn(analyzer, tmp, file, CODE, "func B(");
        if (!named) { // go1.22 names no wrapper of the local type: nothing to number
            assertTrue(fallback.isEmpty(), "the closure did not stand: " + fallback);
            return;
        }
        assertFalse(fallback.isEmpty(), "the closure stood with B's own type numbered anew");
        assertTrue(fallback.get().contains("handshaker·1, a name the package compile did not give"), fallback.get());
    }

    /**
     * A type declared in A's body renumbers B's (handshaker·2 becomes handshaker·3 in the package), and
     * no slice compiles B: the last result's decisions of B would keep the old number. The package
     * compile answers, saying why.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void aTypeDeclaredInAFunctionRenumbersTheOthers(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/lt\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("lt.go");
        Files.writeString(file, CODE);
        PackageAnalyzer analyzer = release.analyzer();
        ClosureMethodValueTest.Edit e = ClosureMethodValueTest.edit(analyzer, tmp, file, CODE, "func A(", "\ttype extra int");
        PackageReport expected = analyzer.analyze(e.request(), dev.optlens.analysis.process.CancellationToken.NONE);
        boolean named = expected.decisions().stream().anyMatch(d -> d.message().contains("handshaker·3"));
        if (!named) { // go1.22 names no wrapper of the local type: nothing renumbered
            assertTrue(e.closure().complete(), "the closure did not stand: " + e.closure().fallback());
            assertEquals(dev.optlens.analysis.slice.ClosureProof.seen(expected.decisions()),
                    dev.optlens.analysis.slice.ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())));
            return;
        }
        assertFalse(e.closure().complete(), "the closure stood with B's type numbered as before the edit");
        assertTrue(e.closure().fallback().get().contains("the package compile named handshaker·2 (lt.go:"), e.closure().fallback().get());
        assertTrue(e.closure().fallback().get().contains("type 2 declared inside a function is first now"), e.closure().fallback().get());
    }

    private static final String INLINED_CLOSURE = """
            package lt

            var sink any

            func small(x int) int { return x + 1 }

            func E(xs []int) int {
            	total := 0
            	for i, x := range xs {
            		if x > 10 {
            			total += x * x
            		} else if x < -10 {
            			total -= x * i
            		} else {
            			total ^= x
            		}
            		for j := 0; j < i; j++ {
            			total += j
            		}
            		sink = small(total)
            	}
            	return total
            }

            //go:noinline
            func all(xs []*int, f func(*int) bool) bool {
            	for _, x := range xs {
            		if !f(x) {
            			return false
            		}
            	}
            	return true
            }

            func underIs(xs []*int, f func(*int) bool) bool {
            	return all(xs, func(p *int) bool { return f(p) })
            }

            func Caller(xs []*int) bool {
            	return underIs(xs, func(p *int) bool { sink = p; return true })
            }
            """;

    /**
     * go1.27 names a closure that inlining copies by a hash of its place in the package's inlining
     * order ({@code underIs.func1#RMgI/RZtu4k=#}, printed in underIs's explanations). An edit of E that
     * inlines one call more or fewer keeps E's facts (E is too big to inline either way) and moves every
     * later place: the package prints another hash for underIs, which no slice of E compiles. The
     * package compile answers, saying why; go1.22 gives no such name, and its closure stands. Two
     * edits: a new call (E refers to small once more: the compile order itself may change), and a call
     * made a function value (the same references, one inlined call fewer).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void anEditThatInlinesAnotherNumberOfCallsMovesTheClosureHashesAfterIt(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/lt\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("lt.go");
        Files.writeString(file, INLINED_CLOSURE);
        PackageAnalyzer analyzer = release.analyzer();
        ClosureMethodValueTest.Edit added = ClosureMethodValueTest.edit(analyzer, tmp, file, INLINED_CLOSURE, "func E(", "\tsink = small(len(xs))");
        assertHashMoved(analyzer, added, "the functions no longer refer to each other as at the last package compile");

        PackageReport base = analyzer.analyze(AnalysisRequest.of(tmp), dev.optlens.analysis.process.CancellationToken.NONE);
        String valued = INLINED_CLOSURE.replace("sink = small(total)", "sink = small       "); // same places, same words
        AnalysisRequest req = new AnalysisRequest(tmp, dev.optlens.analysis.build.BuildOptions.DEFAULT,
                new dev.optlens.analysis.build.Overlay(java.util.Map.of(file, valued)), Optional.empty());
        int line = (int) valued.substring(0, valued.indexOf("sink = small ")).lines().count() + 1;
        assertHashMoved(analyzer, new ClosureMethodValueTest.Edit(req, base.decisions(), analyzer.analyzeClosure(req, file, line,
                base.decisions(), dev.optlens.analysis.process.CancellationToken.NONE, () -> { })), "E inlines 0 calls now, 1 before");
    }

    private static void assertHashMoved(PackageAnalyzer analyzer, ClosureMethodValueTest.Edit e, String why) throws Exception {
        PackageReport expected = analyzer.analyze(e.request(), dev.optlens.analysis.process.CancellationToken.NONE);
        java.util.List<String> seen = dev.optlens.analysis.slice.ClosureProof.seen(expected.decisions());
        java.util.List<String> hashed = seen.stream().filter(d -> d.contains("underIs.func1#")).toList();
        if (hashed.isEmpty()) { // go1.22: nothing named by the inlining order
            assertTrue(e.closure().complete(), "the closure did not stand: " + e.closure().fallback());
            assertEquals(seen, dev.optlens.analysis.slice.ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())));
            return;
        }
        assertFalse(dev.optlens.analysis.slice.ClosureProof.seen(e.shifted()).stream().filter(d -> d.contains("underIs.func1#")).toList()
                .equals(hashed), "the edit did not move underIs's closure hash");
        assertFalse(e.closure().complete(), "the closure stood with underIs's closure named as before the edit");
        assertTrue(e.closure().fallback().get().contains(why), e.closure().fallback().get());
        assertTrue(e.closure().fallback().get().contains("underIs.func1#"), e.closure().fallback().get());
    }
}
