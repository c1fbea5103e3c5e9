package dev.optlens.analysis.decision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The marks of a direct compile's copies come out of every line the compiler prints about them, and nothing else does. */
class SourceNamesTest {
    @Test
    void everyMarkOfACopyIsTakenOut() {
        String copy = SourceNames.marked(12, "encode.go");
        assertEquals("optlens~12~encode.go", copy);
        assertEquals("/home/u/json/encode.go:24:6: can inline (*encodeState).Reset with cost 4 as: method(e *encodeState) func() { e.Buffer.Reset() }",
                SourceNames.unmarked("/home/u/json/" + copy + ":24:6: can inline (*encodeState).Reset with cost 4 as: method(e *encodeState) func() { e.Buffer.Reset() }"));
        assertEquals("/p/a.go:3:2: inlining call to f at /p/b.go:9:6",
                SourceNames.unmarked("/p/optlens~0~a.go:3:2: inlining call to f at /p/optlens~7~b.go:9:6"));
        assertEquals("optlens~x", SourceNames.unmarked("optlens~optlens~3~x"), "a word that only looks like a mark stays");
    }

    @Test
    void textWithoutAMarkIsLeftAlone() {
        for (String s : new String[]{"", "optlens~", "optlens~~a.go", "optlens~12", "optlens~12a.go", "/p/a.go:1:1: x escapes to heap"}) {
            assertSame(s, SourceNames.unmarked(s), s);
        }
    }
}
