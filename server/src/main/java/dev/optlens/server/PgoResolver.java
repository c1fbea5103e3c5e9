package dev.optlens.server;

import dev.optlens.analysis.build.ModuleRoot;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.profile.PgoProfile;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The profile a package's compile is guided by, as {@code optlens.pgo} says ({@link PgoProfile}); on a
 * compile's worker. {@code auto} looks for default.pgo files below the module root (a walk of its
 * folders, at most every {@value #WALK_SECONDS} s) and asks the go command which main packages import
 * the package only when those files changed. A named file that cannot guide a build is told once and the build goes without.
 */
final class PgoResolver {
    private static final Logger LOG = Logger.getLogger(PgoResolver.class.getName());

    private record Cached(List<String> stamps, Optional<PgoProfile> profile) {
    }

    private final Map<Path, Cached> auto = new ConcurrentHashMap<>();
    /** A module's default.pgo files, and when its folders were walked for them. */
    private record Walked(long nanos, List<Path> files) {
    }

    /** How long a module's walk stands: a compile follows each pause in typing, a walk of a big module costs tenths of a second. */
    static final long WALK_SECONDS = 30;
    private final Map<Path, Walked> walked = new ConcurrentHashMap<>();
    private final Map<String, Boolean> told = new ConcurrentHashMap<>();

    private List<Path> profiles(Path root) throws IOException {
        Walked w = walked.get(root);
        if (w != null && System.nanoTime() - w.nanos() < java.util.concurrent.TimeUnit.SECONDS.toNanos(WALK_SECONDS)) return w.files();
        List<Path> files = PgoProfile.defaultProfiles(root);
        walked.put(root, new Walked(System.nanoTime(), files));
        return files;
    }

    Optional<PgoProfile> resolve(Settings s, Path dir, Map<String, String> env, CancellationToken token) {
        String mode = s.pgo();
        if (mode.equals("off")) return Optional.empty();
        Path root = ModuleRoot.of(dir).orElse(dir);
        if (!mode.equals("auto")) {
            Path file = root.resolve(mode).toAbsolutePath().normalize();
            Optional<String> problem = PgoProfile.problem(file);
            if (problem.isPresent()) {
                if (told.putIfAbsent(file + problem.get(), true) == null) LOG.warning("optlens.pgo: " + problem.get() + "; building without a profile");
                return Optional.empty();
            }
            return Optional.of(new PgoProfile(file, "the profile optlens.pgo names"));
        }
        try {
            List<Path> files = profiles(root);
            if (files.isEmpty()) return Optional.empty();
            List<String> stamps = new ArrayList<>();
            for (Path f : files) stamps.add(f + "@" + Files.getLastModifiedTime(f).toMillis());
            Cached c = auto.get(dir);
            if (c != null && c.stamps().equals(stamps)) return c.profile();
            Optional<PgoProfile> p = new PgoProfile.Finder(() -> new ToolchainLocator(env).locate(s.goPath()), env, token).find(dir);
            auto.put(dir, new Cached(stamps, p));
            return p;
        } catch (IOException | ToolchainException | java.io.UncheckedIOException e) {
            LOG.fine(() -> dir + ": default.pgo not looked for: " + e.getMessage());
            return Optional.empty();
        }
    }
}
