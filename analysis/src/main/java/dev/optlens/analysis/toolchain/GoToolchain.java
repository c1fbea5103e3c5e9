package dev.optlens.analysis.toolchain;

import java.nio.file.Path;
import java.util.Map;

/**
 * A located Go toolchain.
 *
 * @param go      the go binary
 * @param version its version
 * @param foundBy how it was found (e.g. "OPTLENS_GO", "PATH", "/usr/lib/go-1.23")
 * @param env     the output of {@code go env -json}, read once
 */
public record GoToolchain(Path go, GoVersion version, String foundBy, Map<String, String> env) {
    public String goos() {
        return env.getOrDefault("GOOS", "");
    }

    public String goarch() {
        return env.getOrDefault("GOARCH", "");
    }

    /** GOROOT: what a {@code $GOROOT/} prefix in compiler output stands for (empty when unknown). */
    public java.util.Optional<Path> goroot() {
        String g = env.getOrDefault("GOROOT", "");
        return g.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(g));
    }

    /** The same toolchain, reached through another path or found another way. */
    public GoToolchain foundAs(Path path, String how) {
        return new GoToolchain(path, version, how, env);
    }

    /** One line for a user: version, binary and how it was found or why it was chosen. */
    public String describe() {
        return version + " (" + go + ", " + foundBy + ")";
    }

    public Path toolDir() {
        return Path.of(env.getOrDefault("GOTOOLDIR", ""));
    }
}
