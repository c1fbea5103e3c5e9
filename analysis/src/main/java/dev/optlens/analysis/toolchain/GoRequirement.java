package dev.optlens.analysis.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Go release a module (or workspace) asks for: the {@code go} line of the nearest go.work
 * (unless {@code GOWORK=off}) or go.mod, and its {@code toolchain} line. With
 * {@code GOTOOLCHAIN=local} (which optlens always sets, so nothing is downloaded) the go command
 * refuses a module whose {@code go} line is newer than itself; the {@code toolchain} line is only
 * a preference.
 *
 * @param file      the go.work or go.mod that says it
 * @param go        the {@code go} line: the oldest release that can build the module
 * @param toolchain the {@code toolchain} line, when present: the release the module prefers
 */
public record GoRequirement(Path file, GoVersion go, Optional<GoVersion> toolchain) {
    private static final Pattern GO_LINE = Pattern.compile("(?m)^\\s*go\\s+(\\d+\\.\\d+(?:\\.\\d+)?(?:rc\\d+)?)\\s*(?://.*)?$");
    private static final Pattern TOOLCHAIN_LINE = Pattern.compile("(?m)^\\s*toolchain\\s+(go\\S+)\\s*(?://.*)?$");

    /** The requirement that governs a package directory, if a go.work or go.mod above it states one. */
    public static Optional<GoRequirement> of(Path dir, Map<String, String> env) {
        boolean workspaces = !"off".equals(env.getOrDefault("GOWORK", ""));
        String gowork = env.getOrDefault("GOWORK", "");
        if (workspaces && !gowork.isBlank() && !gowork.equals("auto")) {
            Optional<GoRequirement> explicit = read(Path.of(gowork));
            if (explicit.isPresent()) return explicit;
        }
        Optional<GoRequirement> module = Optional.empty();
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (module.isEmpty() && Files.isRegularFile(d.resolve("go.mod"))) {
                module = read(d.resolve("go.mod"));
                if (!workspaces) return module;
            }
            if (workspaces && Files.isRegularFile(d.resolve("go.work"))) {
                Optional<GoRequirement> work = read(d.resolve("go.work"));
                if (work.isPresent()) return work;
            }
        }
        return module;
    }

    static Optional<GoRequirement> read(Path file) {
        String text;
        try {
            if (Files.size(file) > 1 << 20) return Optional.empty(); // not a go.mod anyone wrote
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or not UTF-8: the go command will say what is wrong
        }
        Matcher go = GO_LINE.matcher(text);
        if (!go.find()) return Optional.empty();
        Optional<GoVersion> version = GoVersion.parse("go" + go.group(1));
        if (version.isEmpty()) return Optional.empty();
        Matcher tc = TOOLCHAIN_LINE.matcher(text);
        Optional<GoVersion> toolchain = tc.find() ? GoVersion.parse(tc.group(1)) : Optional.empty();
        return Optional.of(new GoRequirement(file, version.get(), toolchain));
    }

    /** Whether a toolchain of this version can build the module (the go command's own check). */
    public boolean admits(GoVersion v) {
        return v.compareTo(go) >= 0;
    }

    /** Whether a toolchain of this version is also the one the {@code toolchain} line asks for, or newer. */
    public boolean preferred(GoVersion v) {
        return admits(v) && toolchain.map(t -> v.compareTo(t) >= 0).orElse(true);
    }

    /** How the requirement reads to a user: {@code go.mod says go 1.27}. */
    public String describe() {
        return file.getFileName() + " says go " + go.text().substring(2);
    }
}
