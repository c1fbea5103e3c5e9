package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.syntax.GoSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions about functions the compiler makes of the user's code sit on that code: a closure's on its
 * func literal, a range-over-func loop body's on its {@code for}, never on the enclosing function's
 * name; a call the compiler would not inline into its caller ({@code cannot inline F into G}) is a
 * decision of its own kind on the call. On every release of the matrix.
 */
class ClosurePlacementTest {
    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    private static final String CODE = """
            package cl

            func Outer(n int) func() int {
            	f := func() int { return n + 1 }
            	return f
            }

            func Even(n int) bool { return n == 0 || Odd(n-1) }

            func Odd(n int) bool { return n != 0 && Even(n-1) }

            func Use() bool { return Even(10) }
            """;

    private static final String RANGE = """
            package cl

            import "iter"

            func Seq(n int) iter.Seq[int] {
            	return func(yield func(int) bool) {
            		for i := 0; i < n; i++ {
            			if !yield(i) {
            				return
            			}
            		}
            	}
            }

            func Sum(n int) int {
            	t := 0
            	for v := range Seq(n) {
            		t += v
            	}
            	return t
            }
            """;

    @ParameterizedTest
    @MethodSource("releases")
    void generatedFunctionsSitOnTheCodeTheyComeFrom(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        boolean rangeFunc = release.version().minor() >= 23;
        Files.writeString(tmp.resolve("go.mod"), "module example.com/cl\n\ngo " + release.languageVersion() + "\n");
        Files.writeString(tmp.resolve("cl.go"), CODE);
        if (rangeFunc) Files.writeString(tmp.resolve("seq.go"), RANGE);
        PackageReport r = release.analyzer().analyze(AnalysisRequest.of(tmp), CancellationToken.NONE);
        assertTrue(r.compiled(), r.errors().toString());

        assertEquals(List.of("4: func"), placed(r, tmp.resolve("cl.go"), CODE, "can inline Outer.func1 "));
        Decision cycle = r.decisions().stream().filter(d -> d.message().equals("cannot inline Even into Use: repeated recursive cycle"))
                .findFirst().orElseThrow(() -> new AssertionError(release + ": " + r.decisions()));
        assertEquals(DecisionKind.CALL_NOT_INLINED, cycle.kind());
        assertEquals(List.of("12: Even(10)"), placed(r, tmp.resolve("cl.go"), CODE, "cannot inline Even into Use"));
        if (rangeFunc) {
            assertEquals(List.of("17: for"), placed(r, tmp.resolve("seq.go"), RANGE, "can inline Sum-range1 "));
            assertEquals(List.of("6: func"), placed(r, tmp.resolve("seq.go"), RANGE, "can inline Seq.func1 "));
        }
    }

    /** "line: text" of each decision in the file whose message starts with {@code prefix}. */
    private static List<String> placed(PackageReport r, Path file, String text, String prefix) {
        GoSource src = GoSource.parse(text);
        return r.decisions().stream().filter(d -> d.file().equals(file) && d.message().startsWith(prefix))
                .map(d -> (d.range().start().line() + 1) + ": " + src.textOf(d.range())).distinct().toList();
    }
}
