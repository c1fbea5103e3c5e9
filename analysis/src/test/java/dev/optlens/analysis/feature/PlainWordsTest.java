package dev.optlens.analysis.feature;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.EscapeFlow;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiler's flow in plain words, and hints that never sit inside the code (as go1.23 prints the flows). */
class PlainWordsTest {
    private static final Path FILE = Path.of("/m/f.go");

    private static ExplanationStep step(String message, int line) {
        return new ExplanationStep(message, Optional.of(FILE), line, 2);
    }

    private static Decision decision(DecisionKind kind, String message, String subject, int line, ExplanationStep... steps) {
        return new Decision(FILE, line, 2, TextRange.of(line - 1, 1, line - 1, 2), kind, message, "F", subject, List.of(steps), List.of());
    }

    @Test
    void theSentenceNamesWhereTheValueGoes() {
        Decision returned = decision(DecisionKind.MOVED_TO_HEAP, "moved to heap: p", "p", 13, step("p escapes to heap", 13),
                step("flow: ~r0 = &p:", 13), step("from &p (address-of)", 14), step("from return &p (return)", 14));
        assertEquals("`p` is moved to the heap: its address is returned at line 14.", PlainWords.sentence(returned));
        Decision stored = decision(DecisionKind.HEAP_ESCAPE, "&T{...} escapes to heap", "&T{...}", 18, step("&T{...} escapes to heap", 18),
                step("flow: {heap} = &{storage for &T{...}}:", 18), step("from &T{...} (spill)", 18), step("from sink = &T{...} (assign)", 18));
        assertEquals("`&T{...}` is allocated on the heap: it is assigned to a place that outlives the call, `sink = &T{...}` at line 18.",
                PlainWords.sentence(stored));
        Decision passed = decision(DecisionKind.HEAP_ESCAPE, "n escapes to heap", "n", 36, step("n escapes to heap", 36),
                step("flow: {storage for ... argument} = &{storage for n}:", 36), step("from n (spill)", 36),
                step("from ... argument (slice-literal-element)", 36), step("flow: {heap} = {storage for ... argument}:", 36),
                step("from ... argument (spill)", 36), step("from fmt.Sprint(... argument...) (call parameter)", 36));
        assertEquals("`n` is allocated on the heap: it is passed to `fmt.Sprint`, which keeps it at line 36.", PlainWords.sentence(passed));
        Decision captured = decision(DecisionKind.MOVED_TO_HEAP, "moved to heap: x", "x", 26, step("x escapes to heap", 26),
                step("flow: {storage for func literal} = &x:", 26), step("from x (captured by a closure)", 27), step("from x (reference)", 27));
        assertEquals("`x` is moved to the heap: it is captured by a closure that outlives the call at line 27.", PlainWords.sentence(captured));
        // From go1.26 a flow reads DEST ← SRC.
        Decision arrow = decision(DecisionKind.HEAP_ESCAPE, "&T{...} escapes to heap", "&T{...}", 18, step("&T{...} escapes to heap in F", 18),
                step("flow: {heap} ← &{storage for &T{...}}:", 18), step("from &T{...} (spill)", 18), step("from sink = &T{...} (assign)", 18));
        assertEquals(PlainWords.sentence(stored), PlainWords.sentence(arrow));
        assertTrue(HoverContent.decision(arrow, false, false).contains("&T{...}'s backing store flows to the heap"));
    }

    @Test
    void notationBecomesWordsOutsideTheCompilersOwnText() {
        assertEquals("the result", EscapeFlow.inWords("~r0"));
        assertEquals("result 2 = a temporary", EscapeFlow.inWords("~r1 = .autotmp_4"));
        assertEquals("&T{...}'s backing store", EscapeFlow.inWords("&{storage for &T{...}}"));
        assertEquals("the heap", EscapeFlow.inWords("{heap}"));
        Decision d = decision(DecisionKind.HEAP_ESCAPE, "n escapes to heap", "n", 22, step("n escapes to heap", 22),
                step("flow: ~r0 = &{storage for n}:", 22), step("from n (spill)", 22), step("from return n (return)", 22));
        Decision result = decision(DecisionKind.HEAP_ESCAPE, "~r0 escapes to heap", "~r0", 27);
        assertEquals("The result is allocated on the heap.", PlainWords.sentence(result));
        String md = HoverContent.decision(d, false, false);
        String words = md.substring(0, md.indexOf("The compiler's words"));
        assertFalse(words.contains("~r0") || words.contains("{storage for"), words);
        assertTrue(md.substring(md.indexOf("The compiler's words")).contains("flow: ~r0 = &{storage for n}:"), md);
    }

    @Test
    void aLinesHintsSitAfterItsEndAsOne() {
        GoSource src = GoSource.parse("package p\n\nfunc F(r R) int {\n\treturn r.Context().Value(k).(int)\n}\n");
        Decision heap = new Decision(FILE, 4, 9, TextRange.of(3, 8, 3, 19), DecisionKind.HEAP_ESCAPE, "r.Context() escapes to heap",
                "F", "r.Context()", List.of(), List.of());
        Decision inlined = new Decision(FILE, 4, 27, TextRange.of(3, 8, 3, 28), DecisionKind.INLINED_CALL, "inlining call to Value",
                "F", "Value", List.of(), List.of());
        List<LineHints.Hint> hints = LineHints.of(src, List.of(new LineHints.Item(heap, false), new LineHints.Item(inlined, false)),
                k -> true, 0, 10);
        assertEquals(1, hints.size(), hints.toString());
        assertEquals("⟵ heap: r.Context() · inlined: Value", hints.get(0).label());
        assertEquals(3, hints.get(0).at().line());
        assertEquals("\treturn r.Context().Value(k).(int)".length(), hints.get(0).at().character(), "after the line, not inside it");
        assertEquals("a_very_long_expression_that…", LineHints.shorten("a_very_long_expression_that_goes_on"));
        assertEquals("the result", LineHints.shorten("~r0"), "no compiler notation in a hint");
    }
}
