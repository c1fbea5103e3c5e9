package dev.optlens.analysis.toolchain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.build.GoEnvironment;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the go binary: an explicit path (setting or {@code OPTLENS_GO}), then {@code go} on PATH,
 * then {@code $GOROOT/bin}, {@code /usr/local/go/bin}, and the newest {@code /usr/lib/go-*}/bin
 * (Debian's layout). {@code go env -json} is read once per binary and cached.
 */
public final class ToolchainLocator {
    private final Map<String, String> environment;
    private final Path usrLib;
    private final Map<Path, GoToolchain> cache = new ConcurrentHashMap<>();

    public ToolchainLocator(Map<String, String> environment) {
        this(environment, Path.of("/usr/lib"));
    }

    ToolchainLocator(Map<String, String> environment, Path usrLib) {
        this.environment = Map.copyOf(environment);
        this.usrLib = usrLib;
    }

    public static ToolchainLocator fromSystem() {
        return new ToolchainLocator(System.getenv());
    }

    /**
     * @param explicit a go binary (or a directory holding one) chosen by the user; when given, nothing else is tried
     */
    public GoToolchain locate(Optional<String> explicit) throws ToolchainException {
        Optional<String> chosen = explicit.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(environment.get("OPTLENS_GO")).filter(s -> !s.isBlank()));
        if (chosen.isPresent()) {
            Path p = Path.of(chosen.get());
            if (Files.isDirectory(p)) p = p.resolve(Files.isDirectory(p.resolve("bin")) ? "bin/go" : "go");
            if (!Files.isExecutable(p)) {
                throw new ToolchainException("Go not found at " + chosen.get() + " (set by "
                        + (explicit.filter(s -> !s.isBlank()).isPresent() ? "the goPath setting" : "OPTLENS_GO")
                        + "): no executable go there.");
            }
            return load(p, explicit.filter(s -> !s.isBlank()).isPresent() ? "goPath setting" : "OPTLENS_GO");
        }
        List<String> tried = new ArrayList<>();
        for (Candidate c : candidates()) {
            tried.add(c.path().toString());
            if (Files.isExecutable(c.path())) return load(c.path(), c.foundBy());
        }
        throw new ToolchainException("Go not found (looked at " + String.join(", ", tried)
                + "). Install Go " + GoVersion.MINIMUM.major() + "." + GoVersion.MINIMUM.minor()
                + " or newer and put it on PATH, or set OPTLENS_GO to the go binary.");
    }

    private record Candidate(Path path, String foundBy) {
    }

    private List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) out.add(new Candidate(Path.of(dir, "go"), "PATH"));
        }
        String goroot = environment.get("GOROOT");
        if (goroot != null && !goroot.isBlank()) out.add(new Candidate(Path.of(goroot, "bin", "go"), "GOROOT"));
        out.add(new Candidate(Path.of("/usr/local/go/bin/go"), "/usr/local/go"));
        debianToolchains().forEach(p -> out.add(new Candidate(p.resolve("bin/go"), p.toString())));
        return out;
    }

    /** /usr/lib/go-1.NN directories, newest first. */
    private List<Path> debianToolchains() {
        if (!Files.isDirectory(usrLib)) return List.of();
        try (Stream<Path> s = Files.list(usrLib)) {
            return s.filter(p -> p.getFileName().toString().matches("go-\\d+\\.\\d+"))
                    .sorted(Comparator.comparing((Path p) -> GoVersion.parse("go" + p.getFileName().toString().substring(3))
                            .orElse(GoVersion.MINIMUM)).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private GoToolchain load(Path go, String foundBy) throws ToolchainException {
        Path real;
        try {
            real = go.toRealPath();
        } catch (IOException e) {
            real = go.toAbsolutePath();
        }
        GoToolchain cached = cache.get(real);
        if (cached != null) return cached;
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
            ProcessBuilder pb = new ProcessBuilder(go.toString(), "version").redirectErrorStream(true);
            pb.environment().putAll(GoEnvironment.forGo(environment));
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return GoVersion.parse(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Map<String, String> goEnv(Path go, String foundBy) throws ToolchainException {
        ProcessBuilder pb = new ProcessBuilder(go.toString(), "env", "-json");
        pb.environment().putAll(GoEnvironment.forGo(environment));
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolchainException("'" + go + " env -json' did not finish in 60 s.");
            }
            if (p.exitValue() != 0) {
                // Very old releases have no 'go env -json': say which version it is rather than how it failed.
                Optional<GoVersion> v = versionOf(go);
                if (v.isPresent() && v.get().compareTo(GoVersion.MINIMUM) < 0) {
                    throw new ToolchainException(tooOld(go, v.get(), foundBy));
                }
                throw new ToolchainException("'" + go + " env -json' (found via " + foundBy + ") failed: " + err);
            }
            JsonObject o = JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> env = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (e.getValue().isJsonPrimitive()) env.put(e.getKey(), e.getValue().getAsString());
            }
            return env;
        } catch (IOException e) {
            throw new ToolchainException("Cannot run " + go + " (found via " + foundBy + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolchainException("Interrupted while reading go env.");
        } catch (RuntimeException e) {
            throw new ToolchainException("'" + go + " env -json' printed something that is not JSON: " + e.getMessage());
        }
    }
}
