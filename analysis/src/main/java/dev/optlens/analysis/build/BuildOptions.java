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
 * @param detail  how much the compiler is asked to explain
 */
public record BuildOptions(String gcflags, Optional<String> goos, Optional<String> goarch, List<String> tags,
                           Detail detail) {
    public static final BuildOptions DEFAULT = new BuildOptions("", Optional.empty(), Optional.empty(), List.of());

    public BuildOptions {
        gcflags = gcflags == null ? "" : gcflags.trim();
        tags = List.copyOf(tags);
    }

    /** Full detail. */
    public BuildOptions(String gcflags, Optional<String> goos, Optional<String> goarch, List<String> tags) {
        this(gcflags, goos, goarch, tags, Detail.FULL);
    }

    public BuildOptions withDetail(Detail d) {
        return d == detail ? this : new BuildOptions(gcflags, goos, goarch, tags, d);
    }
}
