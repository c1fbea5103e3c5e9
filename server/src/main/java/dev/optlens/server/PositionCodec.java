package dev.optlens.server;

import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.Range;

/**
 * Converts between our internal positions (UTF-16, LSP's default) and the negotiated protocol
 * encoding. With UTF-8 a character is a byte offset within the line.
 */
public final class PositionCodec {
    private final boolean utf8;

    private PositionCodec(boolean utf8) {
        this.utf8 = utf8;
    }

    public static final PositionCodec UTF16 = new PositionCodec(false);
    public static final PositionCodec UTF8 = new PositionCodec(true);

    public String kind() {
        return utf8 ? PositionEncodingKind.UTF8 : PositionEncodingKind.UTF16;
    }

    public Position toProtocol(LineIndex lines, TextPosition p) {
        if (!utf8) return new Position(p.line(), p.character());
        int offset = lines.offsetOf(p);
        return new Position(p.line(), offset - lines.lineStart(p.line()));
    }

    public Range toProtocol(LineIndex lines, TextRange r) {
        return new Range(toProtocol(lines, r.start()), toProtocol(lines, r.end()));
    }

    /** A client position, clamped to the document (clients send positions past line ends, or negative ones). */
    public TextPosition fromProtocol(LineIndex lines, Position p) {
        int line = Math.max(0, Math.min(p.getLine(), lines.lineCount() - 1));
        int character = Math.max(0, p.getCharacter());
        if (p.getLine() >= lines.lineCount()) return lines.positionOf(lines.lineContentEnd(lines.lineCount() - 1));
        if (!utf8) return lines.positionOf(lines.offsetOf(new TextPosition(line, character)));
        int offset = Math.min(lines.lineStart(line) + character, lines.lineContentEnd(line));
        return lines.positionOf(offset);
    }

    public TextRange fromProtocol(LineIndex lines, Range r) {
        TextPosition a = fromProtocol(lines, r.getStart());
        TextPosition b = fromProtocol(lines, r.getEnd());
        return a.compareTo(b) <= 0 ? new TextRange(a, b) : new TextRange(b, a);
    }
}
