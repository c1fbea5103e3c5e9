package dev.optlens.analysis.decision;

/**
 * The names a direct compile gives its copies of the package's files: {@code optlens~3~type.go} for
 * {@code type.go}. The compiler's -json log names its files by base name only, so a package file and
 * a file of another package inlined into it with the same name ({@code type.go} and
 * {@code reflect/type.go}) would share one log file, and one would overwrite the other. The marks
 * make every package file's name unique; the -m text and the log are read with them taken out.
 */
public final class SourceNames {
    private static final String MARK = "optlens~";

    private SourceNames() {
    }

    /** The copy's name of the {@code index}th file. */
    public static String marked(int index, String fileName) {
        return MARK + index + "~" + fileName;
    }

    /** Every mark in a text (a line of output, a path, a log file's name) taken out. */
    public static String unmarked(String text) {
        int at = text.indexOf(MARK);
        if (at < 0) return text;
        // By hand, not a regular expression: every line of a direct compile's output passes here.
        StringBuilder b = new StringBuilder(text.length());
        int from = 0;
        for (; at >= 0; at = text.indexOf(MARK, at + 1)) {
            int digits = at + MARK.length();
            int end = digits;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') end++;
            if (end == digits || end >= text.length() || text.charAt(end) != '~') continue;
            b.append(text, from, at);
            from = end + 1;
            at = end;
        }
        return from == 0 ? text : b.append(text, from, text.length()).toString();
    }
}
