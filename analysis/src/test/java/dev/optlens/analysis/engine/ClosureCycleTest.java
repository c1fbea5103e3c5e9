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
 * An edit in a cycle of calls: the compiler weighs the cycle's functions in an order the whole
 * package decides, and that order changes a cost only where one of them calls another that inlines.
 * A parser's mutual recursion (neither inlines) and a scanner's states (they name each other as
 * values, none calls another) are answered by their closure, equal to the package compile decision
 * for decision. So are Even and Odd, where the one weighed first inlines, the other not: the slice
 * is weighed in the order of the package's last compile, while the functions refer to each other
 * as they did then. After an edit that adds a call, that order is not known: the package compile
 * answers, saying why.
 */
class ClosureCycleTest {
    private static final String CODE = """
            package cyc

            var sink *int

            // A parser's mutual recursion: neither inlines (a loop over a switch costs too much).
            type node struct {
            	kids []*node
            	n    int
            }

            func parseValue(b []byte, i int, depth *int) (*node, int) {
            	*depth++
            	for i < len(b) {
            		switch b[i] {
            		case ' ', '\\t', '\\n':
            			i++
            		case '[':
            			return parseList(b, i+1, depth)
            		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
            			v := 0
            			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
            				v = v*10 + int(b[i]-'0')
            				i++
            			}
            			return &node{n: v}, i
            		default:
            			return nil, -1
            		}
            	}
            	return nil, -1
            }

            func parseList(b []byte, i int, depth *int) (*node, int) {
            	list := &node{}
            	space := func(c byte) bool { return c == ' ' } // inlines, in parseList: parseList does not
            	for i < len(b) {
            		if space(b[i]) {
            			i++
            			continue
            		}
            		switch b[i] {
            		case ']':
            			return list, i + 1
            		case ',':
            			i++
            		default:
            			kid, next := parseValue(b, i, depth)
            			if next < 0 {
            				return nil, -1
            			}
            			list.kids = append(list.kids, kid)
            			i = next
            		}
            	}
            	return nil, -1
            }

            // A scanner's states name each other as values only: each inlines, none calls another.
            type scanner struct {
            	step func(*scanner, byte) int
            	n    int
            }

            func stateBegin(s *scanner, c byte) int {
            	if c == '"' {
            		s.step = stateString
            	}
            	return 1
            }

            func stateString(s *scanner, c byte) int {
            	if c == '"' {
            		s.step = stateBegin
            	}
            	s.n++
            	return 2
            }

            // First reaches Odd before Even: the compiler weighs Odd first, and Odd inlines, Even does not.
            func First(p *int) bool { return Odd(3, p) }

            // Even and Odd call each other: the one weighed first inlines.
            func Even(n int, p *int) bool {
            	if n == 0 {
            		return *p == 0
            	}
            	return Odd(n-1, p)
            }

            func Odd(n int, p *int) bool {
            	if n == 0 {
            		return *p != 0
            	}
            	return Even(n-1, p)
            }
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void aCycleWhoseOrderCountsForNothingIsAnsweredByItsClosure(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/cyc\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("cyc.go");
        Files.writeString(file, CODE);
        PackageAnalyzer analyzer = release.analyzer();

        // A new allocation in parseList: its own decisions change, its facts do not.
        ClosureMethodValueTest.Edit parser = edit(analyzer, tmp, file, "func parseList(", "\tsink = new(int)");
        assertTrue(parser.closure().complete(), "the closure did not stand: " + parser.closure().fallback());
        assertTrue(names(parser).containsAll(List.of("parseList", "parseValue")), names(parser).toString());
        assertSameAsPackage(analyzer, parser);
        assertTrue(ClosureProof.seen(parser.closure().slice().get().decisions()).stream().anyMatch(s -> s.contains("new(int) escapes to heap")),
                "the slice lacks the new allocation");

        ClosureMethodValueTest.Edit states = edit(analyzer, tmp, file, "func stateString(", "\t// edited");
        assertTrue(states.closure().complete(), "the closure did not stand: " + states.closure().fallback());
        assertTrue(names(states).containsAll(List.of("stateString", "stateBegin")), names(states).toString());
        assertSameAsPackage(analyzer, states);

        // A slice of Even and Odd alone would weigh Even first (so Even would inline, Odd would not): it is given the package's order.
        ClosureMethodValueTest.Edit even = edit(analyzer, tmp, file, "func Even(", "\t// edited");
        assertTrue(even.closure().complete(), "the closure did not stand: " + even.closure().fallback());
        assertEquals(List.of("Even", "Odd"), names(even));
        assertSameAsPackage(analyzer, even);

        // A new call changes how the functions refer to each other: the package's last order may not hold, and Odd inlines.
        ClosureMethodValueTest.Edit evenCalls = edit(analyzer, tmp, file, "func Even(", "\tif n < 0 {\n\t\treturn Odd(-n, p)\n\t}");
        assertFalse(evenCalls.closure().complete(), "the closure stood for Even in an order not known for its text");
        assertTrue(evenCalls.closure().fallback().get().contains("calls Odd, which inlines"), evenCalls.closure().fallback().get());
        assertTrue(evenCalls.closure().fallback().get().contains("not known for this text"), evenCalls.closure().fallback().get());
    }

    /**
     * A package's first compile goes through go list, which compiles it twice when it has tests: alone
     * and with its test files. The order of the test variant's compile is kept, and the first edit in
     * Even is answered by its closure in that order. When the tests do not compile (a test calls a
     * function that is gone), the package is compiled alone, and that compile's order is kept.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void theFirstCompileThroughGoListGivesTheOrder(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        for (String test : List.of("Odd(3, &p)", "Gone(3, &p)")) {
            Path dir = Files.createDirectories(tmp.resolve(test.substring(0, test.indexOf('('))));
            Files.writeString(dir.resolve("go.mod"), "module example.com/cyc\n\ngo " + release.languageVersion() + "\n");
            Path file = dir.resolve("cyc.go");
            Files.writeString(file, CODE);
            Files.writeString(dir.resolve("cyc_test.go"), """
                    package cyc

                    import "testing"

                    func TestOdd(t *testing.T) {
                    	p := 0
                    	if %s {
                    		t.Fatal("odd")
                    	}
                    }
                    """.formatted(test));
            PackageAnalyzer analyzer = release.analyzer();
            PackageReport first = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
            assertEquals(test.startsWith("Gone"), !first.testErrors().isEmpty(), "test errors: " + first.testErrors());
            if (first.testErrors().isEmpty()) assertFalse(first.compiledDirectly(), "a fresh analyzer's first compile went directly");
            ClosureMethodValueTest.Edit even = ClosureMethodValueTest.edit(analyzer, first, dir, file, CODE, "func Even(", "\t// edited");
            assertTrue(even.closure().complete(), test + ": the closure did not stand after a first compile through go list: "
                    + even.closure().fallback());
            assertEquals(List.of("Even", "Odd"), names(even));
            assertSameAsPackage(analyzer, even);
        }
    }

    private static List<String> names(ClosureMethodValueTest.Edit e) {
        return e.closure().slice().get().members().stream().map(SliceMember::name).toList();
    }

    private static void assertSameAsPackage(PackageAnalyzer analyzer, ClosureMethodValueTest.Edit e) throws Exception {
        PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
        assertEquals(ClosureProof.seen(expected.decisions()), ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                "the closure's result is not the package compile's");
    }

    /** The closure's answer after {@code line} is inserted at the top of the body of the function {@code declaration} opens. */
    private static ClosureMethodValueTest.Edit edit(PackageAnalyzer analyzer, Path dir, Path file, String declaration, String line) throws Exception {
        return ClosureMethodValueTest.edit(analyzer, dir, file, CODE, declaration, line);
    }
}
