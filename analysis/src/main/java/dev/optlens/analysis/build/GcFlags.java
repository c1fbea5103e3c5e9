package dev.optlens.analysis.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the user's gcflags with ours into the single {@code -gcflags} value the go command gets
 * (a second {@code -gcflags} on the command line silently replaces the first). A {@code pattern=}
 * prefix on the user's flags is dropped: they apply to the analysed package. Only flags that change
 * decisions pass ({@link #checked}); the user's own {@code -m} and {@code -S} are replaced by ours,
 * since we parse their output.
 */
public final class GcFlags {
    private GcFlags() {
    }

    /**
     * Flags that only change what the compiler decides (or how much it says), by name: a repository's
     * settings must not make optlens write files ({@code -cpuprofile}, {@code -o}, {@code -asmhdr}, ...),
     * read chosen ones ({@code -importcfg}) or build something else ({@code -race}, {@code -p}).
     */
    private static final java.util.Set<String> DECISION_FLAGS = java.util.Set.of(
            "l", "N", "B", "C", "d", "spectre", "m", "S", "wb", "live", "smallframes", "dwarf", "dwarflocationlists",
            "e", "clobberdead", "clobberdeadreg");

    /**
     * The user's flags when every one is allowed (see {@link #DECISION_FLAGS}), with an optional
     * {@code pattern=} prefix; otherwise an {@link IllegalArgumentException} saying which flag and why,
     * starting {@code optlens.gcflags: }.
     */
    public static List<String> checked(String gcflags) {
        String s = gcflags == null ? "" : gcflags.trim();
        if (s.isEmpty()) return List.of();
        if (!s.startsWith("-") && !s.startsWith("'-") && !s.startsWith("\"-")) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.substring(0, eq).matches("[A-Za-z0-9_.\\/*@~+-]+")) {
                throw new IllegalArgumentException("optlens.gcflags: '" + gcflags + "' must be compiler flags starting with '-'"
                        + " (optionally after a package pattern and '=', as in 'all=-l')");
            }
            s = s.substring(eq + 1);
        }
        List<String> flags = tokenize(s);
        for (String f : flags) {
            if (!f.startsWith("-")) {
                throw new IllegalArgumentException("optlens.gcflags: '" + f + "' is not a flag; give only flags such as -l or -N");
            }
            String name = f.replaceFirst("^--?", "").replaceFirst("=.*$", "");
            if (!DECISION_FLAGS.contains(name)) {
                throw new IllegalArgumentException("optlens.gcflags: -" + name + " is refused: optlens passes only flags that"
                        + " change the compiler's decisions (" + String.join(", ", DECISION_FLAGS.stream().sorted()
                        .map(n -> "-" + n).toList()) + "), never ones that write files or build something else");
            }
            if (name.equals("d") && f.contains("dump")) {
                throw new IllegalArgumentException("optlens.gcflags: " + f + " is refused: -d dump options write files");
            }
        }
        return flags;
    }

    /** The user's flags as the compile gets them: {@link #checked} ones, less those we set ourselves. */
    public static List<String> userFlags(String gcflags) {
        List<String> out = new ArrayList<>();
        for (String f : checked(gcflags)) {
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
