package dev.optlens.analysis.build;

import java.util.List;
import java.util.Optional;

/**
 * The user's build configuration for analysis.
 *
 * @param gcflags extra compiler flags, merged into our one -gcflags value
 * @param goos    target OS, empty for the toolchain's default
 * @param goarch  target architecture, empty for the toolchain's default
 * @param tags    build tags
 * @param detail  how much the compiler is asked to tell
 * @param tests   whether the package's test files are compiled with it (always on the first, go list
 *                compile, which describes them; afterwards a large package may leave them out while
 *                none is being edited)
 * @param pgo     the CPU profile the build is guided by ({@code go build -pgo=FILE}; the compiler's
 *                {@code -pgoprofile}), as the binary that links the package is built; empty: none
 */
public record BuildOptions(String gcflags, Optional<String> goos, Optional<String> goarch, List<String> tags,
                           Detail detail, boolean tests, Optional<java.nio.file.Path> pgo) {
    public static final BuildOptions DEFAULT = new BuildOptions("", Optional.empty(), Optional.empty(), List.of());

    public BuildOptions {
        gcflags = gcflags == null ? "" : gcflags.trim();
        tags = List.copyOf(tags);
    }

    public BuildOptions(String gcflags, Optional<String> goos, Optional<String> goarch, List<String> tags, Detail detail, boolean tests) {
        this(gcflags, goos, goarch, tags, detail, tests, Optional.empty());
    }

    /** Full detail. */
    public BuildOptions(String gcflags, Optional<String> goos, Optional<String> goarch, List<String> tags) {
        this(gcflags, goos, goarch, tags, Detail.FULL, true);
    }

    public BuildOptions withDetail(Detail d) {
        return new BuildOptions(gcflags, goos, goarch, tags, d, tests, pgo);
    }

    public BuildOptions withTests(boolean t) {
        return new BuildOptions(gcflags, goos, goarch, tags, detail, t, pgo);
    }

    /** The same build guided by a CPU profile (empty: none). */
    public BuildOptions withPgo(Optional<java.nio.file.Path> profile) {
        return new BuildOptions(gcflags, goos, goarch, tags, detail, tests, profile.map(p -> p.toAbsolutePath().normalize()));
    }

    /**
     * As a record prints itself (kept descriptions and reports are keyed by it), written out: the
     * record's own, made by a bootstrap method at first use, costs a fresh JVM 16 ms of method-handle
     * classes, a twentieth of a second {@code optlens check}.
     */
    @Override
    public String toString() {
        return "BuildOptions[gcflags=" + gcflags + ", goos=" + goos + ", goarch=" + goarch + ", tags=" + tags + ", detail=" + detail
                + ", tests=" + tests + ", pgo=" + pgo + "]";
    }

    /** The compiler's flag for the profile, when there is one. */
    public List<String> pgoFlags() {
        return pgo.map(p -> List.of("-pgoprofile=" + p)).orElse(List.of());
    }

    /** The environment a go or compile command of this build runs in: the user's, made safe, with the target. */
    public java.util.Map<String, String> environment(java.util.Map<String, String> userEnv) {
        java.util.Map<String, String> env = new java.util.HashMap<>(dev.optlens.analysis.process.GoEnvironment.forGo(userEnv));
        goos.ifPresent(v -> env.put("GOOS", v));
        goarch.ifPresent(v -> env.put("GOARCH", v));
        return env;
    }

    /**
     * Checks every value that reaches a go or compile command line: the gcflags ({@link GcFlags#checked}),
     * build tags (letters, digits, {@code _} and {@code .}, as build constraints spell them) and the target
     * (lower-case letters and digits). An {@link IllegalArgumentException} says which value and why.
     */
    public void check() {
        GcFlags.checked(gcflags);
        for (String t : tags) {
            if (!t.matches("[A-Za-z0-9_.]+")) {
                throw new IllegalArgumentException("optlens.buildTags: '" + dev.optlens.analysis.process.Reason.printable(t) + "' is not a build tag"
                        + " (letters, digits, '_' and '.' only)");
            }
        }
        target("goos", goos);
        target("goarch", goarch);
    }

    private static void target(String setting, Optional<String> value) {
        if (value.isPresent() && !value.get().matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("optlens." + setting + ": '" + dev.optlens.analysis.process.Reason.printable(value.get())
                    + "' is not a " + setting.toUpperCase(java.util.Locale.ROOT) + " value (lower-case letters and digits, as in "
                    + (setting.equals("goos") ? "linux" : "arm64") + ")");
        }
    }

    /** The go command's {@code -tags} flag for these tags; none without tags. */
    public List<String> tagsFlag() {
        return tags.isEmpty() ? List.of() : List.of("-tags=" + String.join(",", tags));
    }
}
