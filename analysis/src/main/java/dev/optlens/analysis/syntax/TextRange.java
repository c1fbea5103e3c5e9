package dev.optlens.analysis.syntax;

/** A half-open range between two {@link TextPosition}s. */
public record TextRange(TextPosition start, TextPosition end) {
    public static TextRange of(int startLine, int startChar, int endLine, int endChar) {
        return new TextRange(new TextPosition(startLine, startChar), new TextPosition(endLine, endChar));
    }

    public boolean contains(TextPosition p) {
        return start.compareTo(p) <= 0 && p.compareTo(end) <= 0;
    }
}
