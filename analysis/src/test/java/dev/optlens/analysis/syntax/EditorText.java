package dev.optlens.analysis.syntax;

/**
 * Test helpers that think in Java string indexes, as an editor's buffer does, independently of
 * {@link LineIndex}: random edits are made here and checked against the code under test.
 */
public final class EditorText {
    private EditorText() {
    }

    /** Moves a string index off the middle of a surrogate pair or a CRLF, where no editor puts a position. */
    public static int boundary(String text, int i) {
        while (i > 0 && i < text.length() && (Character.isLowSurrogate(text.charAt(i))
                || (text.charAt(i) == '\n' && text.charAt(i - 1) == '\r'))) {
            i--;
        }
        return i;
    }

    /** The editor position (line, UTF-16 character) of a string index. */
    public static TextPosition position(String text, int index) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TextPosition(line, index - lineStart);
    }
}
