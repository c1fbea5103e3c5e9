package dev.optlens.analysis.toolchain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the go binary: an explicit path (setting or {@code OPTLENS_GO}), then {@code go} on PATH,
 * {@code $GOROOT/bin}, {@code $HOME/sdk/go*} (golang.org/dl), the newest {@code /usr/lib/go-*}
 * (Debian's layout), {@code /usr/local/go}, and releases {@code scripts/install-go.sh} unpacked.
 * When the module asks for a newer Go than the first one found ({@link GoRequirement}), the first
 * installed one that can build it is chosen instead, and {@link GoToolchain#foundBy()} says why:
 * optlens never downloads a toolchain. {@code go env -json} is read once per binary and cached.
 */
public final class ToolchainLocator {
    private final Map<String, String> environment;
    private final Path usrLib;
    private final Path usrLocalGo;
    private final Map<Path, GoToolchain> cache = new ConcurrentHashMap<>();
    /** Go binaries that did not answer, and when: not run again for a minute (a fixed one is tried after). */
    private final Map<Path, Hung> hungGo = new ConcurrentHashMap<>();

    private record Hung(ToolchainException why, long nanos) {
    }

    public ToolchainLocator(Map<String, String> environment) {
        this(environment, Path.of("/usr/lib"), Path.of("/usr/local/go"));
    }

    ToolchainLocator(Map<String, String> environment, Path usrLib) {
        this(environment, usrLib, usrLib.resolveSibling("local-go"));
    }

    ToolchainLocator(Map<String, String> environment, Path usrLib, Path usrLocalGo) {
        this.environment = Map.copyOf(environment);
        this.usrLib = usrLib;
        this.usrLocalGo = usrLocalGo;
    }

    public static ToolchainLocator fromSystem() {
        return new ToolchainLocator(System.getenv());
    }

    /** The environment go commands start from (GOWORK decides which go.work governs a module). */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * @param explicit a go binary (or a directory holding one) chosen by the user; when given, nothing else is tried
     */
    public GoToolchain locate(Optional<String> explicit) throws ToolchainException {
        return locate(explicit, Optional.empty());
    }

    /**
     * The toolchain for a package whose module states {@code need}: the first one found, unless it is
     * too old for the module's {@code go} line (or older than its {@code toolchain} line while a
     * newer one is installed); then the first installed one that fits.
     *
     * @param explicit a go binary (or a directory holding one) chosen by the user: tried first
     */
    public GoToolchain locate(Optional<String> explicit, Optional<GoRequirement> need) throws ToolchainException {
        Optional<String> chosen = explicit.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(environment.get("OPTLENS_GO")).filter(s -> !s.isBlank()));
        List<Candidate> candidates = new ArrayList<>();
        if (chosen.isPresent()) {
            Path p = Path.of(chosen.get());
            if (Files.isDirectory(p)) p = p.resolve(Files.isDirectory(p.resolve("bin")) ? "bin/go" : "go");
            boolean setting = explicit.filter(s -> !s.isBlank()).isPresent();
            String by = setting ? "goPath setting" : "OPTLENS_GO";
            if (!Files.isExecutable(p)) {
                throw new ToolchainException("Go not found at " + chosen.get() + " (set by "
                        + (setting ? "the goPath setting" : "OPTLENS_GO") + "): no executable go there.");
            }
            candidates.add(new Candidate(p, by));
        }
        List<String> tried = new ArrayList<>();
        for (Candidate c : candidates()) {
            tried.add(c.path().toString());
            if (Files.isExecutable(c.path())) candidates.add(c);
        }
        if (candidates.isEmpty()) {
            throw new ToolchainException("Go not found (looked at " + String.join(", ", tried)
                    + "). Install Go " + GoVersion.MINIMUM.major() + "." + GoVersion.MINIMUM.minor()
                    + " or newer and put it on PATH, or set OPTLENS_GO to the go binary.");
        }
        Candidate first = candidates.get(0);
        if (need.isEmpty()) return load(first.path(), first.foundBy());
        GoRequirement req = need.get();
        Optional<GoVersion> firstVersion = quickVersion(first.path());
        // An explicit choice too old for optlens itself is an error to fix, not something to work around.
        if (firstVersion.isEmpty() || req.preferred(firstVersion.get())
                || chosen.isPresent() && firstVersion.get().compareTo(GoVersion.MINIMUM) < 0) {
            return load(first.path(), first.foundBy());
        }
        // The first Go found does not fit the module: the first installed one that does (preferring
        // the toolchain line's release when one is installed).
        java.util.Set<Path> seen = new java.util.HashSet<>();
        List<Versioned> installed = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!seen.add(realPath(c.path()))) continue;
            Optional<GoVersion> v = quickVersion(c.path());
            if (v.isPresent() && v.get().compareTo(GoVersion.MINIMUM) >= 0) installed.add(new Versioned(c, v.get()));
        }
        Optional<Versioned> fit = installed.stream().filter(i -> req.preferred(i.version())).findFirst()
                .or(() -> installed.stream().filter(i -> req.admits(i.version())).findFirst());
        if (fit.isPresent()) {
            Candidate c = fit.get().candidate();
            if (c == first) return load(first.path(), first.foundBy());
            return load(c.path(), c.foundBy() + "; " + req.describe() + ", " + first.path()
                    + " (" + first.foundBy() + ") is " + firstVersion.get());
        }
        if (req.admits(firstVersion.get())) return load(first.path(), first.foundBy());
        GoVersion newest = installed.stream().map(Versioned::version).max(GoVersion::compareTo).orElse(firstVersion.get());
        throw new ToolchainException(req.file() + " says go " + req.go().text().substring(2) + ", but the newest Go found is "
                + newest + " (looked at " + String.join(", ", installed.stream().map(i -> i.candidate().path() + " (" + i.version() + ")").toList())
                + "). Install Go " + req.go().text().substring(2) + " or newer (on PATH, in $HOME/sdk, /usr/lib/go-1.N or"
                + " /usr/local/go), or set optlens.goPath to its go binary. optlens never downloads a toolchain.");
    }

    record Candidate(Path path, String foundBy) {
    }

    private record Versioned(Candidate candidate, GoVersion version) {
    }

    List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) out.add(new Candidate(Path.of(dir, "go"), "PATH"));
        }
        String goroot = environment.get("GOROOT");
        if (goroot != null && !goroot.isBlank()) out.add(new Candidate(Path.of(goroot, "bin", "go"), "GOROOT"));
        String home = environment.getOrDefault("HOME", "");
        if (!home.isBlank()) {
            // golang.org/dl puts each release in $HOME/sdk/go1.N.P
            newestFirst(Path.of(home, "sdk"), "go\\d+\\.\\d+(\\.\\d+)?(rc\\d+)?", 2)
                    .forEach(p -> out.add(new Candidate(p.resolve("bin/go"), "$HOME/sdk")));
        }
        newestFirst(usrLib, "go-\\d+\\.\\d+", 3).forEach(p -> out.add(new Candidate(p.resolve("bin/go"), p.toString())));
        out.add(new Candidate(usrLocalGo.resolve("bin/go"), usrLocalGo.toString()));
        // Releases scripts/install-go.sh unpacked from Debian's packages: <cache>/go-1.N/usr/lib/go-1.N
        Path unpacked = Path.of(environment.getOrDefault("OPTLENS_TOOLCHAINS", home.isBlank() ? "/nonexistent"
                : home + "/.cache/optlens-toolchains"));
        newestFirst(unpacked, "go-\\d+\\.\\d+", 3).forEach(p -> out.add(new Candidate(
                p.resolve("usr/lib").resolve(p.getFileName()).resolve("bin/go"), "optlens toolchains")));
        return out;
    }

    /** The directories in {@code parent} whose names match, newest release first (the version starts at {@code skip}). */
    private static List<Path> newestFirst(Path parent, String nameRegex, int skip) {
        if (!Files.isDirectory(parent)) return List.of();
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().matches(nameRegex))
                    .sorted(Comparator.comparing((Path p) -> GoVersion.parse("go" + p.getFileName().toString().substring(skip))
                            .orElse(GoVersion.MINIMUM)).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Path realPath(Path go) {
        try {
            return go.toRealPath();
        } catch (IOException e) {
            return go.toAbsolutePath();
        }
    }

    /**
     * A toolchain's version without running it where possible: the VERSION file of its GOROOT (every
     * release and Debian's packages have one), else {@code go env GOVERSION} through {@link #load}.
     */
    Optional<GoVersion> quickVersion(Path go) {
        Path bin = realPath(go).getParent();
        Path versionFile = bin.resolveSibling("VERSION");
        try {
            if (bin.getFileName() != null && bin.getFileName().toString().equals("bin") && Files.isRegularFile(versionFile)) {
                Optional<GoVersion> v = GoVersion.parse(Files.readAllLines(versionFile, StandardCharsets.UTF_8).get(0));
                if (v.isPresent()) return v;
            }
        } catch (IOException | IndexOutOfBoundsException | java.io.UncheckedIOException e) {
            // fall back to asking the go command
        }
        try {
            return Optional.of(load(go, "").version());
        } catch (ToolchainException e) {
            return e.hung() ? Optional.empty() : versionOf(go);
        }
    }

    GoToolchain load(Path go, String foundBy) throws ToolchainException {
        Path real = realPath(go);
        Hung hung = hungGo.get(real);
        // Asked once: a go that hangs is not waited for again and again within a minute.
        if (hung != null && System.nanoTime() - hung.nanos() < java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) throw hung.why();
        GoToolchain cached = cache.get(real);
        if (cached != null) return cached.foundBy().equals(foundBy) ? cached : cached.foundAs(go, foundBy);
        Map<String, String> env = goEnv(go, foundBy);
        GoVersion version = GoVersion.parse(env.getOrDefault("GOVERSION", ""))
                .orElseThrow(() -> new ToolchainException("Cannot tell the version of " + go + " (found via " + foundBy
                        + "): go env GOVERSION printed '" + env.getOrDefault("GOVERSION", "") + "'."));
        if (version.compareTo(GoVersion.MINIMUM) < 0) {
            throw new ToolchainException(tooOld(go, version, foundBy));
        }
        GoToolchain t = new GoToolchain(go, version, foundBy, Map.copyOf(env));
        cache.put(real, t);
        return t;
    }

    private static String tooOld(Path go, GoVersion version, String foundBy) {
        return "Go " + version + " at " + go + " (found via " + foundBy + ") is too old: optlens needs "
                + GoVersion.MINIMUM + " or newer. Install a newer Go or set OPTLENS_GO.";
    }

    /** The version 'go version' prints, for toolchains too old to answer 'go env -json'. */
    private Optional<GoVersion> versionOf(Path go) {
        try {
            ProcessResult r = GoProcess.runWithin(List.of(go.toString(), "version"), realPath(go).getParent(),
                    GoEnvironment.forGo(environment), GoProcess.QUICK_SECONDS);
            return GoVersion.parse(r.stdout() + r.stderr());
        } catch (IOException | java.util.concurrent.CancellationException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> goEnv(Path go, String foundBy) throws ToolchainException {
        try {
            // Inside: our temporary folder (GOTMPDIR) that cannot be made is said as a toolchain problem.
            Optional<Map<String, String>> kept = KeptGoEnv.read(go, GoEnvironment.forGo(environment));
            if (kept.isPresent()) return kept.get();
            // Outside any module: a go.mod in our working directory asking for a newer Go would fail this.
            ProcessResult p;
            try {
                p = GoProcess.runWithin(List.of(go.toString(), "env", "-json"), realPath(go).getParent(),
                        GoEnvironment.forGo(environment), GoProcess.QUICK_SECONDS);
            } catch (java.util.concurrent.CancellationException e) {
                ToolchainException hung = new ToolchainException("'" + go + " env -json' (" + (foundBy.isEmpty() ? "" : "found via "
                        + foundBy + ", ") + "run in " + realPath(go).getParent() + ") did not answer in " + GoProcess.QUICK_SECONDS + " s and was stopped."
                        + " Check that this go works ('go env' in a terminal), or point optlens.goPath (or OPTLENS_GO) at one that does.", true);
                hungGo.put(realPath(go), new Hung(hung, System.nanoTime()));
                throw hung;
            }
            String err = p.stderr().trim();
            if (p.exitCode() != 0) {
                // Very old releases have no 'go env -json': say which version it is rather than how it failed.
                Optional<GoVersion> v = versionOf(go);
                if (v.isPresent() && v.get().compareTo(GoVersion.MINIMUM) < 0) {
                    throw new ToolchainException(tooOld(go, v.get(), foundBy));
                }
                throw new ToolchainException("'" + go + " env -json' (found via " + foundBy + ") failed: " + err);
            }
            String text = p.stdout();
            JsonObject o;
            try {
                o = JsonParser.parseString(text).getAsJsonObject();
            } catch (RuntimeException notJson) {
                String shown = text.strip().lines().findFirst().orElse("");
                throw new ToolchainException(go + " (found via " + foundBy + ") is not a go command: 'go env -json' printed "
                        + (shown.isEmpty() ? "nothing" : "'" + (shown.length() > 80 ? shown.substring(0, 80) + "…" : shown) + "'")
                        + ". Point optlens.goPath (or OPTLENS_GO) at a Go installation's bin/go.");
            }
            Map<String, String> env = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (e.getValue().isJsonPrimitive()) env.put(e.getKey(), e.getValue().getAsString());
            }
            if (GoVersion.parse(env.getOrDefault("GOVERSION", "")).isPresent()) KeptGoEnv.keep(go, GoEnvironment.forGo(environment), env);
            return env;
        } catch (IOException e) {
            throw new ToolchainException("Cannot run " + go + " (found via " + foundBy + "): " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new ToolchainException(dev.optlens.analysis.process.Reason.of(e)); // our temporary folder, not the go command
        } catch (RuntimeException e) {
            throw new ToolchainException("Cannot run " + go + " (found via " + foundBy + "): " + dev.optlens.analysis.process.Reason.of(e));
        }
    }
}
