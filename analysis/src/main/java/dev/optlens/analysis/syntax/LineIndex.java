package dev.optlens.analysis.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Converts between the byte offsets the Go compiler and tree-sitter use (UTF-8) and
 * line/UTF-16 positions the editor uses. The compiler prints 1-based lines and 1-based
 * byte columns; a tab counts as one byte.
 */
public final class LineIndex {
    private final byte[] utf8;
    private final int[] lineStarts;

    public LineIndex(byte[] utf8) {
        this.utf8 = utf8;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public static LineIndex of(String text) {
        return new LineIndex(text.getBytes(StandardCharsets.UTF_8));
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Byte offset of the start of a 0-based line (clamped to the document). */
    public int lineStart(int line) {
        if (line < 0) return 0;
        if (line >= lineStarts.length) return utf8.length;
        return lineStarts[line];
    }

    /** Byte offset just after the last content byte of the line (before '\n' and a preceding '\r'). */
    public int lineContentEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : utf8.length;
        if (end > lineStart(line) && end - 1 < utf8.length && end - 1 >= 0 && utf8[end - 1] == '\r') end--;
        return Math.max(end, lineStart(line));
    }

    /** Byte offset for a compiler position (1-based line, 1-based byte column), clamped to the line. */
    public int offsetOfCompilerPosition(int line1, int column1) {
        int line = Math.max(0, Math.min(line1 - 1, lineStarts.length - 1));
        int start = lineStart(line);
        return Math.min(start + Math.max(0, column1 - 1), lineContentEnd(line));
    }

    /** 0-based line containing a byte offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** The editor position (UTF-16) of a byte offset. An offset inside a multi-byte character maps to its start. */
    public TextPosition positionOf(int offset) {
        offset = Math.max(0, Math.min(offset, utf8.length));
        int line = lineOf(offset);
        return new TextPosition(line, utf16Length(lineStart(line), offset));
    }

    /** Byte offset of an editor position (UTF-16 units); a character past the line end clamps to the line end. */
    public int offsetOf(TextPosition p) {
        if (p.line() >= lineStarts.length) return utf8.length;
        int i = lineStart(Math.max(0, p.line()));
        int end = lineContentEnd(Math.max(0, p.line()));
        int units = 0;
        while (i < end && units < p.character()) {
            int b = utf8[i] & 0xff;
            int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            units += len == 4 ? 2 : 1;
            i += len;
        }
        return Math.min(i, end);
    }

    public TextRange rangeOf(int startOffset, int endOffset) {
        return new TextRange(positionOf(startOffset), positionOf(endOffset));
    }

    /** Number of UTF-16 code units encoded by utf8[from, to). */
    private int utf16Length(int from, int to) {
        int units = 0;
        int i = from;
        while (i < to) {
            int b = utf8[i] & 0xff;
            int len = b < 0x80 ? 1 : b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (i + len > to) break;
            units += len == 4 ? 2 : 1;
            i += len;
        }
        return units;
    }
}
