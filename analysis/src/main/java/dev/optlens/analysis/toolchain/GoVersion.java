package dev.optlens.analysis.toolchain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Go release version such as go1.23.5 (prerelease suffixes like rc1 are kept in {@code text}). */
public record GoVersion(int major, int minor, int patch, String text) implements Comparable<GoVersion> {
    /** The oldest Go optlens supports: -json logs and the overlay flag behave as we rely on from here. */
    public static final GoVersion MINIMUM = new GoVersion(1, 21, 0, "go1.21");
    private static final Pattern VERSION = Pattern.compile("go(\\d+)\\.(\\d+)(?:\\.(\\d+))?\\S*");

    public static Optional<GoVersion> parse(String s) {
        Matcher m = VERSION.matcher(s.trim());
        if (!m.find()) return Optional.empty();
        return Optional.of(new GoVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group()));
    }

    @Override
    public int compareTo(GoVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
