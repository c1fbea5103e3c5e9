package dev.optlens.cli;

import dev.optlens.analysis.build.BuildOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of every optlens command: {@code --name=value} flags, {@code --switch} flags and
 * positional arguments, checked against what the command declares. The build flags every compiling
 * command takes ({@link #BUILD}) are read into {@link BuildOptions} here, the same way for all.
 */
final class Flags {
    /** gcflags, goos, goarch and tags (comma- or space-separated). */
    static final Set<String> BUILD = Set.of("gcflags", "goos", "goarch", "tags");

    private final Map<String, String> values;
    private final Set<String> switches;
    final List<String> positional;

    private Flags(Map<String, String> values, Set<String> switches, List<String> positional) {
        this.values = values;
        this.switches = switches;
        this.positional = positional;
    }

    /** @throws IllegalArgumentException naming the first argument that is not declared, or a switch given a value */
    static Flags parse(String[] args, Set<String> valued, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        Set<String> on = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (eq >= 0 && valued.contains(name)) values.put(name, body.substring(eq + 1));
            else if (eq < 0 && switches.contains(name)) on.add(name);
            else if (valued.contains(name)) throw new IllegalArgumentException("--" + name + " takes a value: --" + name + "=…");
            else throw new IllegalArgumentException("unknown flag " + a);
        }
        return new Flags(values, on, positional);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean on(String name) {
        return switches.contains(name);
    }

    BuildOptions buildOptions() {
        List<String> tags = value("tags").map(t -> Arrays.stream(t.split("[, ]")).filter(s -> !s.isBlank()).toList())
                .orElse(List.of());
        return new BuildOptions(value("gcflags").orElse(""), value("goos").filter(s -> !s.isBlank()),
                value("goarch").filter(s -> !s.isBlank()), tags);
    }
}
