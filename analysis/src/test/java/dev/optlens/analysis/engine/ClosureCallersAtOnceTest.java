package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.slice.ClosureProof;
import dev.optlens.analysis.slice.SliceMember;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A closure asked to compile the edited function's callers in its first compile (the server asks so
 * while a user toggles an escape in one function, edit after edit): one compile answers as the
 * function's compile and then its callers' would, whether its facts changed or not, and says which.
 */
class ClosureCallersAtOnceTest {
    private static final String CODE = """
            package toggle

            var sink any

            func Sum(xs []int) int {
            	total := 0
            	for _, x := range xs {
            		total += x
            	}
            	return total
            }

            func Mean(xs []int) int {
            	if len(xs) == 0 {
            		return 0
            	}
            	return Sum(xs) / len(xs)
            }

            func Report(xs []int) (int, int) {
            	return Sum(xs), Mean(xs)
            }
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void oneCompileOfTheFunctionAndItsCallersAnswersForThePackage(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Path file = write(release, tmp, CODE);
        PackageAnalyzer analyzer = release.analyzer();
        PackageReport base = analyzer.analyze(AnalysisRequest.of(tmp), CancellationToken.NONE);
        for (String line : List.of("\tsink = &xs", "\t// edited")) {
            boolean changes = line.contains("sink");
            ClosureMethodValueTest.Edit e = ClosureMethodValueTest.edit(analyzer, base, tmp, file, CODE, "func Sum(", line, true);
            assertTrue(e.closure().complete(), line + ": the closure did not stand: " + e.closure().fallback());
            assertEquals(changes, e.closure().factsChanged(), line + ": whether Sum's facts changed");
            List<String> members = e.closure().slice().get().members().stream().map(SliceMember::name).toList();
            assertTrue(members.containsAll(List.of("Sum", "Mean", "Report")), "Sum's callers were not compiled with it: " + members);
            PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
            assertEquals(ClosureProof.seen(expected.decisions()), ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                    line + ": the closure's result is not the package compile's");
        }
    }

    /**
     * External tests read Sum's facts (its parameter's escape tag, at a call they do not inline) from
     * the package's export data: a change of them is the package compile's to answer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void externalTestsReadingChangedFactsSendTheEditToThePackageCompile(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        String code = CODE.replace("func Sum(", "//go:noinline\nfunc Sum(");
        Path file = write(release, tmp, code);
        Files.writeString(tmp.resolve("toggle_test.go"), """
                package toggle_test

                import (
                	"testing"

                	"example.com/toggle"
                )

                func TestSum(t *testing.T) {
                	if toggle.Sum([]int{1, 2}) != 3 {
                		t.Fatal("sum")
                	}
                }
                """);
        ClosureMethodValueTest.Edit e = sumLeaks(release, tmp, file, code);
        assertFalse(e.closure().complete(), "the closure stood though the external tests read Sum's changed facts");
        assertTrue(e.closure().fallback().get().matches("Sum's facts changed: .*; the external tests \\(toggle_test.go\\) read the changed facts"),
                e.closure().fallback().get());
    }

    /** Mean and Report read Sum's changed escape tag and their own parameters leak: their callers would read that, and the package compile answers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void callersWhoseFactsChangeSendTheEditToThePackageCompileSayingWhose(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        String code = CODE.replace("func Sum(", "//go:noinline\nfunc Sum(");
        ClosureMethodValueTest.Edit e = sumLeaks(release, tmp, write(release, tmp, code), code);
        assertFalse(e.closure().complete(), "the closure stood though its callers' facts changed");
        assertTrue(e.closure().fallback().get().matches("Sum's facts changed: .*; with its callers: (Mean|Report)'s facts changed: .*leaking param: xs.*"),
                e.closure().fallback().get());
    }

    /** The closure, with the callers at once, of a line in Sum's body that makes its parameter leak, after a package compile. */
    private static ClosureMethodValueTest.Edit sumLeaks(GoReleases.Release release, Path dir, Path file, String code) throws Exception {
        PackageAnalyzer analyzer = release.analyzer();
        PackageReport base = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        return ClosureMethodValueTest.edit(analyzer, base, dir, file, code, "func Sum(", "\tsink = &xs", true);
    }

    private static Path write(GoReleases.Release release, Path dir, String code) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module example.com/toggle\n\ngo " + release.languageVersion() + "\n");
        Path file = dir.resolve("toggle.go");
        Files.writeString(file, code);
        return file;
    }
}
