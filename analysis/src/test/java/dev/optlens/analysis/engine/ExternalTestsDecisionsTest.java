package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The external tests' compile (package p_test) prints what it decided about the package's code it
 * inlined, placed in the package's files (go/types: the parameter of RelativeTo's closure, inlined
 * into a test). Those are not the package's decisions: its files show the same with tests compiled
 * as without, and a first open (go list, tests compiled) agrees with every later compile.
 */
class ExternalTestsDecisionsTest {
    @Test
    void theExternalTestsAddNothingToThePackagesFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module xt\n\ngo 1.21\n");
        Files.writeString(dir.resolve("p.go"), """
                package p

                type Package struct{ path string }

                func (p *Package) Path() string { return p.path }

                func RelativeTo(pkg *Package) func(*Package) string {
                	if pkg == nil {
                		return nil
                	}
                	return func(other *Package) string {
                		if pkg == other {
                			return ""
                		}
                		return other.Path()
                	}
                }
                """);
        Files.writeString(dir.resolve("p_test.go"), """
                package p_test

                import (
                	"testing"

                	"xt"
                )

                var sink func(*p.Package) string

                func TestRelative(t *testing.T) {
                	sink = p.RelativeTo(&p.Package{})
                }
                """);
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        PackageReport withTests = analyzer.analyze(AnalysisRequest.of(dir).withOptions(BuildOptions.DEFAULT.withTests(true)), CancellationToken.NONE);
        PackageReport alone = analyzer.analyze(AnalysisRequest.of(dir).withOptions(BuildOptions.DEFAULT.withTests(false)), CancellationToken.NONE);
        assertTrue(withTests.decisions().stream().anyMatch(d -> d.file().getFileName().toString().equals("p_test.go")),
                "the tests were compiled: " + withTests.decisions());
        List<String> inPackage = seen(withTests.decisions());
        assertTrue(inPackage.stream().anyMatch(s -> s.contains("leaking param: other to result ~r0 level=1")), inPackage.toString());
        assertEquals(seen(alone.decisions()), inPackage);
    }

    private static List<String> seen(List<Decision> ds) {
        return ds.stream().filter(d -> d.file().getFileName().toString().equals("p.go"))
                .map(d -> d.line() + ":" + d.column() + " " + d.kind().id() + " " + d.message() + " " + d.explanation()).sorted().toList();
    }
}
