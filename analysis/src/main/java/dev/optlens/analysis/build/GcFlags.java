package dev.optlens.analysis.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the user's gcflags with ours into the single {@code -gcflags} value the go command gets
 * (a second {@code -gcflags} on the command line silently replaces the first). A {@code pattern=}
 * prefix on the user's flags is dropped: they apply to the analysed package. Only flags that change
 * decisions pass ({@link #checked}); the user's own {@code -m} and {@code -S} are replaced by ours,
 * since we parse their output.
 *
 * <p>The value is split and joined exactly as the go command does ({@code cmd/internal/quoted}:
 * fields are separated by ASCII spaces, tabs, CRs and LFs; a field that <em>starts</em> with a quote
 * runs to the next same quote, with no escapes; a quote anywhere else is an ordinary character). A
 * split that differs from the go command's by one quote lets a setting smuggle a flag past the
 * allowlist, so {@link #merge} also checks that its output splits back into the very fields checked.
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
        String s = gcflags == null ? "" : gcflags.strip();
        if (s.isEmpty()) return List.of();
        if (!s.startsWith("-") && !s.startsWith("'-") && !s.startsWith("\"-")) {
            // The go command's rule: a value not starting with '-' is pattern=flags (a pattern may not
            // start with a quote). A quoted first flag is taken as a flag here; merge re-quotes it.
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.substring(0, eq).strip().matches("[A-Za-z0-9_.\\/*@~+-]+")) {
                throw new IllegalArgumentException("optlens.gcflags: '" + printable(gcflags) + "' must be compiler flags starting"
                        + " with '-' (optionally after a package pattern and '=', as in 'all=-l')");
            }
            s = s.substring(eq + 1);
        }
        List<String> flags = split(s);
        for (String f : flags) {
            if (!f.startsWith("-")) {
                throw new IllegalArgumentException("optlens.gcflags: '" + printable(f) + "' is not a flag; give only flags such as -l or -N");
            }
            if (f.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("optlens.gcflags: '" + printable(f) + "' holds a control character; give each flag as plain text");
            }
            String name = name(f);
            if (!DECISION_FLAGS.contains(name)) {
                throw new IllegalArgumentException("optlens.gcflags: -" + printable(name) + " is refused: optlens passes only flags that"
                        + " change the compiler's decisions (" + String.join(", ", DECISION_FLAGS.stream().sorted()
                        .map(n -> "-" + n).toList()) + "), never ones that write files or build something else");
            }
            if (name.equals("d") && f.contains("dump")) {
                throw new IllegalArgumentException("optlens.gcflags: " + printable(f) + " is refused: -d dump options write files");
            }
            if (f.indexOf('\'') >= 0 && f.indexOf('"') >= 0) {
                throw new IllegalArgumentException("optlens.gcflags: " + printable(f) + " holds both kinds of quote, which the go"
                        + " command cannot be given in one flag");
            }
        }
        return flags;
    }

    /** The user's flags as the compile gets them: {@link #checked} ones, less those we set ourselves. */
    public static List<String> userFlags(String gcflags) {
        List<String> out = new ArrayList<>();
        for (String f : checked(gcflags)) {
            String name = name(f);
            if (name.equals("m") || name.equals("json") || name.equals("S")) continue;
            out.add(f);
        }
        return out;
    }

    /**
     * The merged value: the user's flags, then ours, joined as the go command splits them. Throws
     * {@link IllegalArgumentException} when the go command would not read back exactly these fields.
     */
    public static String merge(String userGcflags, List<String> ours) {
        List<String> all = new ArrayList<>(userFlags(userGcflags));
        all.addAll(ours);
        String joined = join(all);
        if (!joined.isEmpty() && !joined.startsWith("-")) {
            throw new IllegalArgumentException("optlens.gcflags: the first flag (" + printable(all.get(0)) + ") would need quotes,"
                    + " which the go command reads as the start of a package pattern; put a plain flag first");
        }
        if (!split(joined).equals(all)) {
            throw new IllegalArgumentException("optlens.gcflags: '" + printable(userGcflags) + "' cannot be passed to the go command"
                    + " unchanged; give each flag as plain text");
        }
        return joined;
    }

    /** A flag's name: {@code -d=x} and {@code --d=x} are both {@code d}. */
    private static String name(String flag) {
        return flag.replaceFirst("^--?", "").replaceFirst("=.*$", "");
    }

    /** The go command's field separators ({@code quoted.isSpaceByte}); no other character separates. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Splits as the go command splits a {@code -gcflags} value ({@code quoted.Split}). An unterminated
     * quote is an {@link IllegalArgumentException}, as it is an error for the go command.
     */
    public static List<String> split(String s) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) i++;
            if (i == n) break;
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) throw new IllegalArgumentException("optlens.gcflags: unterminated " + c + " string");
                fields.add(s.substring(i + 1, end));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) i++;
            fields.add(s.substring(start, i));
        }
        return fields;
    }

    /**
     * Joins fields so that {@link #split} gives them back: a field that is empty, holds a separator or
     * starts with a quote is put in the quotes it does not hold (one holding both cannot be joined); a
     * quote inside any other field is an ordinary character to the go command and stays as it is.
     * ({@code quoted.Join} quotes every field with a quote in it, which would make a first flag such as
     * {@code -d=x'y} start with a quote, and the go command read the value as a package pattern.)
     */
    public static String join(List<String> fields) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (String f : fields) {
            if (!first) b.append(' ');
            first = false;
            boolean plain = !f.isEmpty() && f.charAt(0) != '\'' && f.charAt(0) != '"' && f.chars().noneMatch(c -> isSpace((char) c));
            if (plain) b.append(f);
            else if (f.indexOf('\'') < 0) b.append('\'').append(f).append('\'');
            else if (f.indexOf('"') < 0) b.append('"').append(f).append('"');
            else throw new IllegalArgumentException("optlens.gcflags: " + printable(f) + " holds both kinds of quote and cannot be quoted");
        }
        return b.toString();
    }

    private static String printable(String s) {
        return dev.optlens.analysis.process.Reason.printable(s);
    }
}
