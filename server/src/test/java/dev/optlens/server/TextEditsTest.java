package dev.optlens.server;

import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextEditsTest {
    private static TextEdits.Edit edit(int l1, int c1, int l2, int c2, String text) {
        return new TextEdits.Edit(2, TextRange.of(l1, c1, l2, c2), text);
    }

    @Test
    void rangesBeforeAnEditStayAndRangesAfterItShift() {
        TextRange r = TextRange.of(5, 4, 5, 9);
        assertEquals(r, TextEdits.map(r, edit(6, 0, 6, 0, "x\ny\n")));
        assertEquals(TextRange.of(7, 4, 7, 9), TextEdits.map(r, edit(1, 0, 1, 0, "a\nb\n")));
        assertEquals(TextRange.of(5, 6, 5, 11), TextEdits.map(r, edit(5, 0, 5, 0, "ab")));
        assertEquals(TextRange.of(4, 7, 4, 12), TextEdits.map(r, edit(4, 3, 5, 0, "")), "joining lines");
        assertEquals(TextRange.of(6, 5, 6, 10), TextEdits.map(r, edit(5, 1, 5, 1, "\n\t\t")), "splitting before it");
    }

    @Test
    void typingRightAfterARangeDoesNotGrowIt() {
        TextRange r = TextRange.of(5, 4, 5, 9);
        assertEquals(r, TextEdits.map(r, edit(5, 9, 5, 9, "zzz")));
        assertEquals(TextRange.of(5, 7, 5, 12), TextEdits.map(r, edit(5, 4, 5, 4, "zzz")), "typing at its start moves it");
    }

    @Test
    void aDeletedRangeCollapsesAtTheEdit() {
        TextRange r = TextRange.of(5, 4, 5, 9);
        assertEquals(TextRange.of(5, 2, 5, 2), TextEdits.map(r, edit(5, 2, 5, 12, "")));
        assertEquals(new TextPosition(5, 3), TextEdits.map(r, edit(5, 3, 5, 6, "")).start());
    }
}
