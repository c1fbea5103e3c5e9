package dev.optlens.analysis;

import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.GoVersion;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Go releases the tests run on (the release matrix). {@code scripts/test.sh} installs them and
 * names their go binaries in {@code OPTLENS_TEST_GO} (separated by {@code :}); without it, every
 * release found in {@code /usr/lib/go-1.N} and {@code ~/.cache/optlens-toolchains} is used, so a
 * plain {@code ./mvnw test} runs the matrix that is installed.
 */
public final class GoReleases {
    /** One release: its go binary and an analyzer that uses only it. */
    public record Release(Path go, GoVersion version) {
        /** The environment that makes optlens use this release (and the go commands it runs). */
        public Map<String, String> env() {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("OPTLENS_GO", go.toString());
            return env;
        }

        public PackageAnalyzer analyzer() {
            return new PackageAnalyzer(new ToolchainLocator(env()), env());
        }

        public GoToolchain toolchain() {
            try {
                return new ToolchainLocator(env()).locate(Optional.empty());
            } catch (ToolchainException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** {@code 1.27}: what a go.mod's go line names. */
        public String languageVersion() {
            return version.major() + "." + version.minor();
        }

        @Override
        public String toString() {
            return version.text();
        }
    }

    private static volatile List<Release> all;

    private GoReleases() {
    }

    /** Every release of the matrix, oldest first, one per minor version. */
    public static List<Release> all() {
        if (all == null) all = find();
        return all;
    }

    /** The oldest and the newest release of the matrix (one when it has one). */
    public static List<Release> oldestAndNewest() {
        List<Release> releases = all();
        return releases.size() <= 1 ? releases : List.of(releases.get(0), releases.get(releases.size() - 1));
    }

    /** The newest release of the matrix. */
    public static Release newest() {
        List<Release> releases = all();
        return releases.get(releases.size() - 1);
    }

    /** The release of the matrix with this minor version (1.N), if installed. */
    public static Optional<Release> minor(int minor) {
        return all().stream().filter(r -> r.version().minor() == minor).findFirst();
    }

    private static List<Release> find() {
        String listed = System.getenv("OPTLENS_TEST_GO");
        List<Path> gos = new ArrayList<>();
        if (listed != null && !listed.isBlank()) {
            for (String p : listed.split(File.pathSeparator)) {
                if (!p.isBlank()) gos.add(Path.of(p.trim()));
            }
        } else {
            gos.addAll(glob(Path.of("/usr/lib"), Path.of("bin/go")));
            Path cache = Path.of(System.getProperty("user.home"), ".cache/optlens-toolchains");
            for (Path d : glob(cache, Path.of("."))) {
                gos.add(d.resolve("usr/lib").resolve(d.getFileName()).resolve("bin/go").normalize());
            }
        }
        Map<Integer, Release> byMinor = new TreeMap<>();
        for (Path go : gos) {
            if (!Files.isExecutable(go)) {
                if (listed != null && !listed.isBlank()) throw new IllegalStateException("OPTLENS_TEST_GO names " + go + ": not a go binary");
                continue;
            }
            GoVersion v = new Release(go, null).toolchain().version();
            byMinor.putIfAbsent(v.minor(), new Release(go, v));
        }
        if (byMinor.isEmpty()) throw new IllegalStateException("no Go release for the matrix: run scripts/install-go.sh 1.22 1.25 1.26 1.27");
        List<Release> out = new ArrayList<>(byMinor.values());
        out.sort(Comparator.comparing(Release::version));
        return List.copyOf(out);
    }

    /** {@code dir/<name>/then} for each entry of dir named go-1.N. */
    private static List<Path> glob(Path dir, Path then) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("go-1\\.\\d+")).map(p -> p.resolve(then).normalize())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
