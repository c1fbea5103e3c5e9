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
}
