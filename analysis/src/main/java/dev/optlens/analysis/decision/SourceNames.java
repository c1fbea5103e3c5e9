package dev.optlens.analysis.decision;

import java.util.regex.Pattern;

/**
 * The names a direct compile gives its copies of the package's files: {@code optlens~3~type.go} for
 * {@code type.go}. The compiler's -json log names its files by base name only, so a package file and
 * a file of another package inlined into it with the same name ({@code type.go} and
 * {@code reflect/type.go}) would share one log file, and one would overwrite the other. The marks
 * make every package file's name unique; the -m text and the log are read with them taken out.
 */
public final class SourceNames {
    private static final String MARK = "optlens~";
    private static final Pattern MARKED = Pattern.compile("optlens~\\d+~");

    private SourceNames() {
    }

    /** The copy's name of the {@code index}th file. */
    public static String marked(int index, String fileName) {
        return MARK + index + "~" + fileName;
    }

    /** Every mark in a text (a line of output, a path, a log file's name) taken out. */
    public static String unmarked(String text) {
        return text.contains(MARK) ? MARKED.matcher(text).replaceAll("") : text;
    }
}
