package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.compare.BuildSide;
import dev.optlens.analysis.decision.DecisionKind;
import org.eclipse.lsp4j.DiagnosticSeverity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code optlens} settings section. Reading never fails: a bad value falls back to its default
 * and yields one warning naming the key.
 *
 * @param severities  a decision kind's diagnostic severity; absent means "off"
 * @param compareWith the build whose decisions are compared with the user's ("Compare decisions with…"):
 *                    a release, GOARCH, GOAMD64… ({@link BuildSide#parse}); empty: no comparison
 * @param profiles    pprof files (memory, CPU) whose figures rank the decisions; relative paths are
 *                    the module's
 * @param pgo         the profile builds are guided by, as {@code go build -pgo}: {@code auto} (a main
 *                    package's default.pgo that imports the package), {@code off}, or a file
 */
public record Settings(Optional<String> goPath, String gcflags, Optional<String> goos, Optional<String> goarch,
                       List<String> buildTags, int debounceMs, boolean fastPath, int largePackageKB,
                       Map<HintKind, Boolean> hints, Map<DecisionKind, DiagnosticSeverity> severities,
                       java.util.logging.Level logLevel, int maxFileKB, String baseline, Optional<BuildSide> compareWith,
                       List<String> profiles, String pgo) {
    public static final int DEFAULT_DEBOUNCE_MS = 150;
    /**
     * From this size a package is large: its compile runs without the -json log (a fifth of the
     * compile time; at -m instead of -m=2 where escape explanations explode) and edits get the fast
     * path. Below it a full-detail compile takes a few tenths of a second at most.
     */
    public static final int DEFAULT_LARGE_PACKAGE_KB = 64;
    /**
     * A generated 5 MB file is analysed in full (836 MB peak RSS, ready in 1.7× its bare compile);
     * a 50 MB one would take 3.6 GB for its syntax tree alone.
     */
    public static final int DEFAULT_MAX_FILE_KB = 8 * 1024;

    /** The baseline file looked for in the module root; new-since-baseline decisions become Warnings. */
    public static final String DEFAULT_BASELINE = "optlens-baseline.json";

    public static Settings defaults() {
        Map<HintKind, Boolean> hints = new EnumMap<>(HintKind.class); // only what the user set (see hint)
        Map<DecisionKind, DiagnosticSeverity> sev = new EnumMap<>(DecisionKind.class);
        for (DecisionKind k : DecisionKind.values()) severity(k.defaultSeverity()).flatMap(x -> x).ifPresent(x -> sev.put(k, x));
        return new Settings(Optional.empty(), "", Optional.empty(), Optional.empty(), List.of(), DEFAULT_DEBOUNCE_MS, true,
                DEFAULT_LARGE_PACKAGE_KB, Map.copyOf(hints), Map.copyOf(sev), java.util.logging.Level.INFO, DEFAULT_MAX_FILE_KB,
                DEFAULT_BASELINE, Optional.empty(), List.of(), "auto");
    }

    public BuildOptions buildOptions() {
        return new BuildOptions(gcflags, goos, goarch, buildTags);
    }

    /** Whether a change from {@code other} to this needs a recompile (not only a new presentation). */
    public boolean changesBuild(Settings other) {
        return !goPath.equals(other.goPath) || !gcflags.equals(other.gcflags) || !goos.equals(other.goos)
                || !goarch.equals(other.goarch) || !buildTags.equals(other.buildTags)
                || largePackageKB != other.largePackageKB || maxFileKB != other.maxFileKB || !compareWith.equals(other.compareWith)
                || !pgo.equals(other.pgo);
    }

    public boolean hint(HintKind h) {
        return hints.getOrDefault(h, h.defaultOn());
    }

    /**
     * Whether hints of a kind are on, for a client that does or does not show code lenses: unless the
     * user says, a function's inline cost is not said twice (the lens shows it).
     */
    public boolean hint(HintKind h, boolean lensesShown) {
        Boolean set = hints.get(h);
        if (set != null) return set;
        return h != HintKind.INLINE || !lensesShown ? h.defaultOn() : false;
    }

    /** A parsed section and what was wrong with it. */
    public record Read(Settings settings, List<String> warnings) {
    }

    /**
     * Reads the section object (null or not an object: defaults). An empty array is an empty object:
     * Neovim's Lua sends an empty table ({@code settings = { optlens = {} }}) as {@code []}.
     */
    public static Read read(JsonElement section) {
        Settings d = defaults();
        List<String> warnings = new ArrayList<>();
        if (section == null || section.isJsonNull() || emptyArray(section)) return new Read(d, warnings);
        if (!section.isJsonObject()) {
            warnings.add("optlens settings must be an object; using defaults");
            return new Read(d, warnings);
        }
        JsonObject o = section.getAsJsonObject();
        Optional<String> goPath = string(o, ServerApi.SETTING_GO_PATH, warnings).filter(s -> !s.isBlank());
        String gcflags = string(o, ServerApi.SETTING_GCFLAGS, warnings).orElse("");
        try {
            dev.optlens.analysis.build.GcFlags.checked(gcflags);
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; using none");
            gcflags = "";
        }
        Optional<String> goos = target(o, ServerApi.SETTING_GOOS, warnings);
        Optional<String> goarch = target(o, ServerApi.SETTING_GOARCH, warnings);
        List<String> tags = tags(o, warnings);
        try {
            new BuildOptions("", Optional.empty(), Optional.empty(), tags).check();
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; using none");
            tags = List.of();
        }
        int debounce = number(o, ServerApi.SETTING_DEBOUNCE_MS, 60_000, "milliseconds", d.debounceMs(), warnings);
        boolean fastPath = d.fastPath();
        if (o.has(ServerApi.SETTING_FAST_PATH)) {
            JsonElement e = o.get(ServerApi.SETTING_FAST_PATH);
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) fastPath = e.getAsBoolean();
            else warnings.add("optlens.fastPath must be true or false; using " + fastPath);
        }
        int large = number(o, ServerApi.SETTING_LARGE_PACKAGE_KB, 1_000_000, "kilobytes", d.largePackageKB(), warnings);
        Map<HintKind, Boolean> hints = new EnumMap<>(HintKind.class);
        hints.putAll(d.hints());
        JsonObject ho = object(o, ServerApi.SETTING_HINTS, warnings);
        for (String key : ho.keySet()) {
            Optional<HintKind> h = Arrays.stream(HintKind.values()).filter(k -> k.key().equals(key)).findFirst();
            JsonElement v = ho.get(key);
            if (h.isEmpty()) warnings.add("optlens.hints." + key + " is not a hint kind; ignored");
            else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) hints.put(h.get(), v.getAsBoolean());
            else warnings.add("optlens.hints." + key + " must be true or false; using " + h.get().defaultOn());
        }
        Map<DecisionKind, DiagnosticSeverity> sev = new EnumMap<>(DecisionKind.class);
        sev.putAll(d.severities());
        JsonObject dobj = object(o, ServerApi.SETTING_DIAGNOSTICS, warnings);
        for (String key : dobj.keySet()) {
            Optional<DecisionKind> k = DecisionKind.byId(key);
            JsonElement v = dobj.get(key);
            Optional<Optional<DiagnosticSeverity>> s = v.isJsonPrimitive() ? severity(v.getAsString()) : Optional.empty();
            if (k.isEmpty()) {
                warnings.add("optlens.diagnostics." + key + " is not a decision kind; ignored");
            } else if (s.isEmpty()) {
                warnings.add("optlens.diagnostics." + key + " must be one of off, error, warning, information, hint; unchanged");
            } else if (s.get().isPresent()) {
                sev.put(k.get(), s.get().get());
            } else {
                sev.remove(k.get());
            }
        }
        java.util.logging.Level level = d.logLevel();
        Optional<String> levelName = string(o, ServerApi.SETTING_LOG_LEVEL, warnings);
        if (levelName.isPresent()) {
            Optional<java.util.logging.Level> l = logLevel(levelName.get());
            if (l.isPresent()) level = l.get();
            else warnings.add("optlens.logLevel must be one of error, warning, info, debug; using info");
        }
        int maxFile = number(o, ServerApi.SETTING_MAX_FILE_KB, 1_000_000, "kilobytes", d.maxFileKB(), warnings);
        String baseline = string(o, ServerApi.SETTING_BASELINE, warnings).map(String::strip).orElse(d.baseline());
        Optional<BuildSide> compare = Optional.empty();
        Optional<String> compareWith = string(o, ServerApi.SETTING_COMPARE_WITH, warnings).filter(c -> !c.isBlank());
        try {
            compare = compareWith.map(BuildSide::parse);
        } catch (IllegalArgumentException e) {
            warnings.add("optlens.compareWith: " + e.getMessage() + "; comparing with nothing");
        }
        return new Read(new Settings(goPath, gcflags, goos, goarch, tags, debounce, fastPath, large,
                Map.copyOf(hints), Map.copyOf(sev), level, maxFile, baseline, compare, strings(o, ServerApi.SETTING_PROFILES, warnings),
                string(o, ServerApi.SETTING_PGO, warnings).map(String::strip).filter(v -> !v.isEmpty()).orElse(d.pgo())), warnings);
    }

    private static Optional<java.util.logging.Level> logLevel(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> Optional.of(java.util.logging.Level.SEVERE);
            case "warning" -> Optional.of(java.util.logging.Level.WARNING);
            case "info" -> Optional.of(java.util.logging.Level.INFO);
            case "debug" -> Optional.of(java.util.logging.Level.FINE);
            default -> Optional.empty();
        };
    }

    /** A whole number from 0 to {@code max} (a fraction is cut), else the default and a warning. */
    private static int number(JsonObject o, String key, int max, String unit, int dflt, List<String> warnings) {
        if (!o.has(key)) return dflt;
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && e.getAsDouble() >= 0 && e.getAsDouble() <= max) {
            return (int) e.getAsDouble();
        }
        warnings.add("optlens." + key + " must be a number of " + unit + " from 0 to " + max + "; using " + dflt);
        return dflt;
    }

    /** "off" → present-but-empty; an unknown word → empty. */
    private static Optional<Optional<DiagnosticSeverity>> severity(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> Optional.of(Optional.empty());
            case "error" -> Optional.of(Optional.of(DiagnosticSeverity.Error));
            case "warning" -> Optional.of(Optional.of(DiagnosticSeverity.Warning));
            case "information", "info" -> Optional.of(Optional.of(DiagnosticSeverity.Information));
            case "hint" -> Optional.of(Optional.of(DiagnosticSeverity.Hint));
            default -> Optional.empty();
        };
    }

    private static Optional<String> string(JsonObject o, String key, List<String> warnings) {
        if (!o.has(key) || o.get(key).isJsonNull()) return Optional.empty();
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return Optional.of(e.getAsString());
        warnings.add("optlens." + key + " must be a string; using the default");
        return Optional.empty();
    }

    private static boolean emptyArray(JsonElement e) {
        return e.isJsonArray() && e.getAsJsonArray().isEmpty();
    }

    private static JsonObject object(JsonObject o, String key, List<String> warnings) {
        if (!o.has(key) || o.get(key).isJsonNull() || emptyArray(o.get(key))) return new JsonObject();
        if (o.get(key).isJsonObject()) return o.getAsJsonObject(key);
        warnings.add("optlens." + key + " must be an object; using the defaults");
        return new JsonObject();
    }

    /** optlens.goos or optlens.goarch: a value the go command can be given, else the toolchain's default. */
    private static Optional<String> target(JsonObject o, String key, List<String> warnings) {
        Optional<String> v = string(o, key, warnings).map(String::strip).filter(s -> !s.isEmpty());
        try {
            new BuildOptions("", key.equals(ServerApi.SETTING_GOOS) ? v : Optional.empty(),
                    key.equals(ServerApi.SETTING_GOARCH) ? v : Optional.empty(), List.of()).check();
            return v;
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + "; using the toolchain's default");
            return Optional.empty();
        }
    }

    /** A list of strings (or one string); anything else: none, with a warning. */
    private static List<String> strings(JsonObject o, String key, List<String> warnings) {
        if (!o.has(key) || o.get(key).isJsonNull()) return List.of();
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return e.getAsString().isBlank() ? List.of() : List.of(e.getAsString().strip());
        List<String> out = new ArrayList<>();
        if (e.isJsonArray()) {
            for (JsonElement t : (JsonArray) e) {
                if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()) {
                    warnings.add("optlens." + key + " must be a list of file names; using none");
                    return List.of();
                }
                if (!t.getAsString().isBlank()) out.add(t.getAsString().strip());
            }
            return List.copyOf(out);
        }
        warnings.add("optlens." + key + " must be a list of file names; using none");
        return List.of();
    }

    private static List<String> tags(JsonObject o, List<String> warnings) {
        if (!o.has(ServerApi.SETTING_BUILD_TAGS) || o.get(ServerApi.SETTING_BUILD_TAGS).isJsonNull()) return List.of();
        JsonElement e = o.get(ServerApi.SETTING_BUILD_TAGS);
        List<String> out = new ArrayList<>();
        if (e.isJsonArray()) {
            for (JsonElement t : (JsonArray) e) {
                if (t.isJsonPrimitive() && t.getAsJsonPrimitive().isString() && !t.getAsString().isBlank()) out.add(t.getAsString().trim());
                else {
                    warnings.add("optlens.buildTags must be a list of strings; using none");
                    return List.of();
                }
            }
            return List.copyOf(out);
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            for (String t : e.getAsString().split("[,\\s]+")) if (!t.isBlank()) out.add(t);
            return List.copyOf(out);
        }
        warnings.add("optlens.buildTags must be a list of strings; using none");
        return List.of();
    }
}
