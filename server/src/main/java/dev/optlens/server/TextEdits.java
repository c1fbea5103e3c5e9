package dev.optlens.server;

import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

/**
 * Moves positions through a text edit, so decisions computed for an older text stay on the same
 * syntax in the newer one. Positions are UTF-16, as everywhere inside the server.
 */
public final class TextEdits {
    /**
     * One applied edit: {@code range} (in the text before) was replaced by {@code newText};
     * {@code revision} is the workspace sequence number it produced (see {@link WorkspaceState#seq()}).
     */
    public record Edit(long revision, TextRange range, String newText) {
    }

    private TextEdits() {
    }

    /** The text an edit inserted, in the coordinates after the edit. */
    public static TextRange inserted(Edit e) {
        return new TextRange(e.range().start(), shift(e.range().end(), e));
    }

    public static TextRange map(TextRange r, Edit e) {
        if (r.end().compareTo(e.range().start()) < 0) return r; // before the edit: untouched, no garbage per keystroke
        TextPosition start = map(r.start(), e, true);
        TextPosition end = map(r.end(), e, false);
        return end.compareTo(start) < 0 ? new TextRange(start, start) : new TextRange(start, end);
    }

    /**
     * @param isStart a range start moves right with text inserted at it; a range end does not grow
     *                with text typed right after it
     */
    static TextPosition map(TextPosition p, Edit e, boolean isStart) {
        TextPosition s = e.range().start();
        TextPosition end = e.range().end();
        if (p.compareTo(s) < 0) return p;
        boolean insertion = s.equals(end);
        if (p.compareTo(end) > 0 || (p.equals(end) && (!insertion || isStart))) return shift(p, e);
        // Inside the replaced text, or a range end exactly at an insertion point: stay at the edit's start.
        return s;
    }

    private static TextPosition shift(TextPosition p, Edit e) {
        TextPosition s = e.range().start();
        TextPosition end = e.range().end();
        String text = e.newText();
        int newlines = 0;
        int lastLineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
                lastLineStart = i + 1;
            }
        }
        int lastLineLength = text.length() - lastLineStart;
        if (p.line() == end.line()) {
            int base = newlines == 0 ? s.character() + lastLineLength : lastLineLength;
            return new TextPosition(s.line() + newlines, base + (p.character() - end.character()));
        }
        return new TextPosition(p.line() + newlines - (end.line() - s.line()), p.character());
    }
}
