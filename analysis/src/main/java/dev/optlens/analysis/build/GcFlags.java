package dev.optlens.analysis.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the user's gcflags with ours into the single {@code -gcflags} value the go command gets
 * (a second {@code -gcflags} on the command line silently replaces the first). A {@code pattern=}
 * prefix on the user's flags is dropped: they apply to the analysed package. The user's own
 * {@code -m}, {@code -json} and {@code -S} are replaced by ours, since we parse their output.
 */
public final class GcFlags {
    private GcFlags() {
    }

    public static List<String> userFlags(String gcflags) {
        String s = gcflags.trim();
        if (s.matches("^[A-Za-z0-9_.\\/*@~+-][^\\s=\"']*=.*") && !s.startsWith("-")) s = s.substring(s.indexOf('=') + 1);
        List<String> out = new ArrayList<>();
        for (String f : tokenize(s)) {
            String name = f.replaceFirst("^--?", "").replaceFirst("=.*$", "");
            if (name.equals("m") || name.equals("json") || name.equals("S")) continue;
            out.add(f);
        }
        return out;
    }

    /** The merged value: the user's flags, then ours. */
    public static String merge(String userGcflags, List<String> ours) {
        List<String> all = new ArrayList<>(userFlags(userGcflags));
        all.addAll(ours);
        return String.join(" ", all.stream().map(GcFlags::quote).toList());
    }

    private static String quote(String flag) {
        if (flag.chars().noneMatch(Character::isWhitespace)) return flag;
        return flag.contains("'") ? '"' + flag + '"' : "'" + flag + "'";
    }

    /** Splits on whitespace, honouring single and double quotes as the go command does. */
    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) out.add(cur.toString());
        return out;
    }
}
