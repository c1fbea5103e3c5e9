package dev.optlens.analysis.syntax;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineIndexTest {
    @Test
    void compilerByteColumnsBecomeUtf16Characters() {
        // "ü" is 2 bytes / 1 unit, "📏" is 4 bytes / 2 units, "世" is 3 bytes / 1 unit.
        LineIndex idx = LineIndex.of("package p\n\tx := \"ü📏世\" + y\n");
        int yByteColumn = "\tx := \"ü📏世\" + ".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        int offset = idx.offsetOfCompilerPosition(2, yByteColumn);
        assertEquals(new TextPosition(1, "\tx := \"ü📏世\" + ".length()), idx.positionOf(offset));
        assertEquals(offset, idx.offsetOf(idx.positionOf(offset)));
    }

    @Test
    void crlfLinesAndClamping() {
        LineIndex idx = LineIndex.of("a\r\nbc\r\n");
        assertEquals(3, idx.lineCount());
        assertEquals(new TextPosition(1, 2), idx.positionOf(idx.offsetOf(new TextPosition(1, 99))));
        assertEquals(idx.lineStart(1) + 2, idx.offsetOfCompilerPosition(2, 40));
    }
}
