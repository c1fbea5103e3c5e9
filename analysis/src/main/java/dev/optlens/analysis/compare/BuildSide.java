package dev.optlens.analysis.compare;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One build in a comparison: the user's build with some settings replaced — a Go release (or a go
 * binary), GOOS, GOARCH, gcflags, and variables that change code generation ({@code GOAMD64=v3}).
 *
 * @param label what the user reads for it ({@code go1.27}, {@code arm64}, {@code GOAMD64=v3})
 * @param go    a release ({@code 1.27}) or a go binary; empty: the toolchain optlens finds anyway
 * @param env   variables set for this build's go and compile commands
 */
public record BuildSide(String label, Optional<String> go, Optional<String> goos, Optional<String> goarch,
                        Optional<String> gcflags, Map<String, String> env) {
    /** The variables a side may set: those that select what code the compiler generates. */
    public static final Set<String> VARIABLES = Set.of("GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64",
            "GOPPC64", "GORISCV64", "GOWASM", "GOEXPERIMENT", "CGO_ENABLED");

    public BuildSide {
        env = Map.copyOf(env);
    }

    /** The user's build, unchanged. */
    public static BuildSide current(String label) {
        return new BuildSide(label, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** The build options of this side: the base with what this side replaces. */
    public BuildOptions options(BuildOptions base) {
        return new BuildOptions(gcflags.orElse(base.gcflags()), goos.or(base::goos), goarch.or(base::goarch), base.tags(),
                base.detail(), base.tests(), base.pgo());
    }

    /** The environment of this side's commands: the user's with this side's variables. */
    public Map<String, String> environment(Map<String, String> userEnv) {
        Map<String, String> out = new LinkedHashMap<>(userEnv);
        out.putAll(env);
        return out;
    }

    /**
     * A side as {@code --a='go=1.23 goarch=arm64 GOAMD64=v3'} or the {@code optlens.compareWith} setting
     * names it: space-separated {@code key=value} (go, goos, goarch, gcflags, or one of {@link #VARIABLES}),
     * a value may be quoted; a lone word is a release ({@code 1.27}) or an architecture ({@code arm64}).
     * Labelled as users say it: {@code go1.27 arm64 GOAMD64=v3}.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static BuildSide parse(String spec) {
        Optional<String> go = Optional.empty(), goos = Optional.empty(), goarch = Optional.empty(), gcflags = Optional.empty();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> parts = words(spec);
        if (parts.isEmpty()) throw new IllegalArgumentException("an empty build: name what differs, as in 'go=1.27 goarch=arm64'");
        List<String> labels = new ArrayList<>();
        for (String written : parts) {
            // A lone word is a release (1.27, go1.27) or an architecture (arm64).
            String part = written.contains("=") ? written
                    : written.matches("(go)?\\d+\\.\\d+(\\.\\d+)?") ? "go=" + written : "goarch=" + written;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("'" + Reason.printable(part) + "' is not key=value (go=1.27, goarch=arm64, GOAMD64=v3)");
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (value.isBlank()) throw new IllegalArgumentException("'" + Reason.printable(part) + "' gives " + key + " no value");
            switch (key) {
                case "go" -> go = Optional.of(value);
                case "goos" -> goos = Optional.of(value);
                case "goarch" -> goarch = Optional.of(value);
                case "gcflags" -> gcflags = Optional.of(value);
                default -> env.put(variable(key, value), value);
            }
            labels.add(switch (key) {
                case "go" -> value.contains("/") ? value : "go" + value.replaceFirst("^go", "");
                case "goos", "goarch" -> value;
                default -> key + "=" + value;
            });
        }
        new BuildOptions(gcflags.orElse(""), goos, goarch, List.of()).check();
        return new BuildSide(String.join(" ", labels), go, goos, goarch, gcflags, env);
    }

    /**
     * The two sides of one axis: {@code go} ({@code 1.23,1.27}), {@code goarch}, {@code goos},
     * {@code gcflags} or {@code env} ({@code GOAMD64=v1,v3}).
     */
    public static List<BuildSide> axis(String axis, String values) {
        String key = axis;
        String list = values;
        if (axis.equals("env")) {
            int eq = values.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--env takes VARIABLE=A,B (GOAMD64=v1,v3)");
            key = values.substring(0, eq);
            list = values.substring(eq + 1);
            variable(key, list);
        }
        String[] two = list.split(",", -1);
        if (two.length != 2 || two[0].isBlank() || two[1].isBlank()) {
            throw new IllegalArgumentException("--" + axis + " takes two values separated by a comma (" + example(axis) + ")");
        }
        List<BuildSide> out = new ArrayList<>();
        for (String v : two) {
            String value = v.strip();
            String label = switch (key) {
                case "go" -> value.contains("/") ? value : "go" + value.replaceFirst("^go", "");
                case "goarch", "goos" -> value;
                case "gcflags" -> "gcflags=" + value;
                default -> key + "=" + value;
            };
            out.add(parse(key + "=" + quote(value)).withLabel(label));
        }
        return out;
    }

    public BuildSide withLabel(String l) {
        return new BuildSide(l, go, goos, goarch, gcflags, env);
    }

    private static String example(String axis) {
        return switch (axis) {
            case "go" -> "--go=1.23,1.27";
            case "goarch" -> "--goarch=amd64,arm64";
            case "goos" -> "--goos=linux,windows";
            case "gcflags" -> "--gcflags=-l=4,-l";
            default -> "--env=GOAMD64=v1,v3";
        };
    }

    private static String variable(String key, String value) {
        if (!VARIABLES.contains(key)) {
            throw new IllegalArgumentException("'" + Reason.printable(key) + "' cannot differ between the builds: use go, goos, goarch,"
                    + " gcflags or one of " + String.join(", ", VARIABLES.stream().sorted().toList()));
        }
        if (!value.matches("[A-Za-z0-9_.,+-]*")) {
            throw new IllegalArgumentException(key + "='" + Reason.printable(value) + "': letters, digits and _ . , + - only");
        }
        return key;
    }

    private static String quote(String value) {
        return value.contains(" ") ? "'" + value + "'" : value;
    }

    /** Splits at spaces outside single or double quotes, the quotes removed. */
    private static List<String> words(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : spec.toCharArray()) {
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
        if (quote != 0) throw new IllegalArgumentException("a quote is not closed in '" + Reason.printable(spec) + "'");
        if (any || cur.length() > 0) out.add(cur.toString());
        return out;
    }
}
