package dev.optlens.analysis.syntax;

import java.util.regex.Pattern;

/**
 * The compiler's printed form of an expression, matched against source text: it normalizes spacing,
 * prints composite-literal bodies as {@code {...}} and conversions as {@code (T)(x)}.
 */
public final class PrintedExpression {
    private PrintedExpression() {
    }

    /** Whether source text is the expression the compiler printed (its normal form: spacing, {...}, (T)(x)). */
    public static boolean matches(String printed, String source) {
        Pattern p = pattern(asWritten(printed));
        return p != null && p.matcher(stripSpace(source)).matches();
    }

    /**
     * The compiler prints a conversion with its type in parentheses, {@code ([]byte)(s)}, where the
     * source says {@code []byte(s)}: the printed text as it would be written.
     */
    static String asWritten(String printed) {
        if (!printed.startsWith("(")) return printed;
        int depth = 0;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) {
                return i + 1 < printed.length() && printed.charAt(i + 1) == '(' ? printed.substring(1, i) + printed.substring(i + 1) : printed;
            }
        }
        return printed;
    }

    /** A node shorter than the printed text without its whitespace and {...} elisions cannot match it. */
    static int minimumLength(String printed) {
        return stripSpace(asWritten(printed)).replace("{...}", "{}").length();
    }

    /**
     * The compiler prints expressions in a normalized form: composite-literal bodies as {@code {...}},
     * whitespace normalized. Whitespace is ignored and {@code {...}} matches any braced body.
     */
    static Pattern pattern(String printed) {
        String s = stripSpace(printed);
        if (s.isEmpty()) return null;
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = s.indexOf("{...}", i);
            if (j < 0) {
                re.append(Pattern.quote(s.substring(i)));
                break;
            }
            re.append(Pattern.quote(s.substring(i, j))).append("\\{.*\\}");
            i = j + 5;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static String stripSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) b.append(c);
        }
        return b.toString();
    }
}
