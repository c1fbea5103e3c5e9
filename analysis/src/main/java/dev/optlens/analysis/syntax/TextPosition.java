package dev.optlens.analysis.syntax;

/** A position in a document: 0-based line and 0-based UTF-16 code-unit offset within the line (LSP's default). */
public record TextPosition(int line, int character) implements Comparable<TextPosition> {
    @Override
    public int compareTo(TextPosition o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(character, o.character);
    }
}
