package dev.optlens.analysis.gate;

import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What an assertion is about, read from the syntax alone: a typo or a stray directive is invalid, never holding. */
class AssertionParserTest {
    private static List<Assertion> parse(String text) {
        return AssertionParser.parse(Path.of("/m/a.go"), GoSource.parse(text));
    }

    @Test
    void aStackNameNotDeclaredOnItsLineIsAProblemNamingWhatIs() {
        List<Assertion> a = parse("package p\n\nfunc F() *int {\n\tx := 1 //optlens:stack xx\n\treturn &x\n}\n");
        assertEquals(Optional.of("'xx' is not declared on the line this assertion is about (line 4); declared there: x"),
                a.get(0).problem());
        // A name used on the line but declared elsewhere is no better.
        a = parse("package p\n\nfunc F(v0 int) *int {\n\ty := v0 + 1 //optlens:stack v0\n\treturn &y\n}\n");
        assertEquals(Optional.of("'v0' is not declared on the line this assertion is about (line 4); declared there: y"),
                a.get(0).problem());
        a = parse("package p\n\nvar sink *int\n\nfunc F() {\n\tsink = nil //optlens:stack sink\n}\n");
        assertEquals(Optional.of("'sink' is not declared on the line this assertion is about (line 6); nothing is declared there"),
                a.get(0).problem());
    }

    @Test
    void stackNamesDeclaredEveryWayGoDeclaresThemHoldTheirPlace() {
        String text = "package p\n\n"
                + "//optlens:stack a\n"
                + "func F(a, b int, rest ...string) (n int, err error) {\n"   // line 4
                + "\tvar v, w = 1, 2\n"                                      // line 5
                + "\tfor i, s := range rest {\n"                             // line 6
                + "\t\t_, _ = i, s\n\t}\n"
                + "\tswitch t := any(v).(type) {\n\tcase int:\n\t\t_ = t\n\t}\n" // line 9
                + "\tconst k = 3\n"                                          // line 13
                + "\t_, q := v, w\n"                                         // line 14
                + "\treturn q + k, nil\n}\n";
        GoSource src = GoSource.parse(text);
        assertEquals(List.of("a", "b", "rest", "n", "err"), GoCalls.declaredOn(src, 3));
        assertEquals(List.of("v", "w"), GoCalls.declaredOn(src, 4));
        assertEquals(List.of("i", "s"), GoCalls.declaredOn(src, 5));
        assertEquals(List.of("t"), GoCalls.declaredOn(src, 8));
        assertEquals(List.of("k"), GoCalls.declaredOn(src, 12));
        assertEquals(List.of("q"), GoCalls.declaredOn(src, 13));
        assertEquals(List.of(), GoCalls.declaredOn(src, 6)); // "_, _ = i, s" assigns, declares nothing
        assertEquals(Optional.empty(), AssertionParser.parse(Path.of("/m/a.go"), src).get(0).problem());
    }

    @Test
    void aDirectiveWithNoCodeAfterItAppliesToNothing() {
        List<Assertion> a = parse("package p\n\nfunc F() {}\n\n//optlens:noescape\n");
        assertEquals(Optional.of("this assertion applies to no code: no line of code follows its comment"), a.get(0).problem());
        a = parse("package p\n\nfunc F() {}\n//optlens:inline\n// more words\n\n");
        assertEquals(Optional.of("this assertion applies to no code: no line of code follows its comment"), a.get(0).problem());
    }
}
