package dev.optlens.analysis.profile;

import java.util.Locale;

/**
 * A decision's or a line's share of what a profile measured.
 *
 * @param quantity what was measured, in words: {@code bytes}, {@code objects}, {@code CPU}
 * @param value    the part taken here, in the profile's unit
 * @param total    the whole profile's value, in the same unit
 * @param sharedBy how many decisions stand on this figure (several on one line share the line's)
 */
public record Heat(String quantity, long value, long total, int sharedBy) {
    public double share() {
        return total == 0 ? 0 : value / (double) total;
    }

    /** The share as a person reads it: {@code 31%}, {@code 4.2%}, {@code 0.3%}, {@code <0.1%}. */
    public String percent() {
        double p = share() * 100;
        if (p >= 10) return Math.round(p) + "%";
        if (p >= 0.1 || value == 0) return String.format(Locale.ROOT, "%.1f%%", p);
        return "<0.1%";
    }

    /** {@code 31% of bytes}. */
    public String words() {
        return percent() + " of " + quantity;
    }

    /** The value in the profile's unit as people read it: {@code 1.5 MB}, {@code 320 ms}, {@code 1,200 objects}. */
    public String amount() {
        return switch (quantity) {
            case "bytes" -> bytes(value);
            case "CPU" -> duration(value);
            default -> String.format(Locale.ROOT, "%,d %s", value, quantity);
        };
    }

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f kB", b / 1024.0);
        if (b < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.1f GB", b / (1024.0 * 1024 * 1024));
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000) return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
