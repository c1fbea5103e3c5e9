package dev.optlens.analysis.profile;

import dev.optlens.analysis.build.ModuleRoot;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile a package is built with in the binary that links it. {@code go build} uses a main
 * package's {@code default.pgo} (its default {@code -pgo=auto}) for every package of that binary, so
 * a library's decisions in the real build are those guided by the profile of a main package that
 * imports it. A profile the user names wins.
 *
 * @param file the profile
 * @param why  where it comes from, for the status and the report: {@code default.pgo of cmd/app}, {@code --pgo}
 */
public record PgoProfile(Path file, String why) {
    /**
     * The {@code default.pgo} of the first main package of {@code dir}'s module (by folder) that is
     * {@code dir}'s package or imports it; empty when none does. Other main packages with a profile
     * that also import it are named in {@code why}: their builds of the package may differ.
     */
    public static Optional<PgoProfile> auto(Path dir, GoToolchain go, Map<String, String> userEnv, CancellationToken cancel)
            throws IOException {
        try {
            return new Finder(() -> go, userEnv, cancel).find(dir);
        } catch (dev.optlens.analysis.toolchain.ToolchainException e) {
            throw new IllegalStateException("a located toolchain is given", e);
        }
    }

    /** Where a {@link Finder} gets its go command, only once a default.pgo is found (a broken go is not waited for otherwise). */
    public interface Toolchain {
        GoToolchain get() throws dev.optlens.analysis.toolchain.ToolchainException;
    }

    /**
     * {@link #auto} for many packages: each module's folders are walked once, and each main package
     * with a default.pgo is asked once what it imports.
     */
    public static final class Finder {
        private final Toolchain toolchain;
        private GoToolchain go;
        private final Map<String, String> env;
        private final CancellationToken cancel;
        private final Map<Path, List<Path>> profiles = new java.util.HashMap<>();
        /** A main package's folder: the folders of every package its binary links; empty when it is not a main package. */
        private final Map<Path, java.util.Set<String>> linked = new java.util.HashMap<>();

        public Finder(Toolchain toolchain, Map<String, String> userEnv, CancellationToken cancel) {
            this.toolchain = toolchain;
            this.env = userEnv;
            this.cancel = cancel;
        }

        public Optional<PgoProfile> find(Path dir) throws IOException, dev.optlens.analysis.toolchain.ToolchainException {
            Path pkg = dir.toAbsolutePath().normalize();
            Optional<Path> root = ModuleRoot.of(pkg);
            if (root.isEmpty()) return Optional.empty();
            List<Path> found = profiles.get(root.get());
            if (found == null) {
                found = defaultProfiles(root.get());
                profiles.put(root.get(), found);
            }
            List<Path> mains = new ArrayList<>();
            for (Path profile : found) {
                Path main = profile.getParent();
                if (linked(main).contains(pkg.toString())) mains.add(main);
            }
            if (mains.isEmpty()) return Optional.empty();
            Path first = mains.get(0);
            String why = "default.pgo of " + name(root.get(), first)
                    + (mains.size() > 1 ? " (also imported by " + String.join(", ", mains.subList(1, mains.size()).stream()
                    .map(m -> name(root.get(), m)).toList()) + ", which have their own)" : "");
            return Optional.of(new PgoProfile(first.resolve("default.pgo"), why));
        }

        private java.util.Set<String> linked(Path main) throws IOException, dev.optlens.analysis.toolchain.ToolchainException {
            java.util.Set<String> known = linked.get(main);
            if (known != null) return known;
            if (go == null) go = toolchain.get();
            ProcessResult r = GoProcess.run(List.of(go.go().toString(), "list", "-deps", "-f", "{{.Name}} {{.Dir}}", "."), main,
                    GoEnvironment.forGo(env), cancel);
            List<String> lines = r.succeeded() ? r.stdout().lines().toList() : List.of();
            // -deps lists the dependencies first and the package itself last.
            boolean isMain = !lines.isEmpty() && lines.get(lines.size() - 1).startsWith("main ");
            java.util.Set<String> dirs = new java.util.HashSet<>();
            if (isMain) for (String l : lines) dirs.add(l.substring(l.indexOf(' ') + 1));
            linked.put(main, dirs);
            return dirs;
        }
    }

    private static String name(Path root, Path main) {
        String rel = root.relativize(main).toString();
        return rel.isEmpty() ? "the module's root package" : rel;
    }

    /** Why a file cannot guide a build (missing, not a profile, not a CPU profile); empty when it can. */
    public static Optional<String> problem(Path file) {
        try {
            byte[] head = new byte[16];
            try (var in = Files.newInputStream(file)) {
                int n = in.read(head);
                if (n > 0 && new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("GO PREPROFILE")) {
                    return Optional.empty();
                }
            }
            Profile p = ProfileReader.read(file);
            return p.cpu() ? Optional.empty() : Optional.of(file + " is not a CPU profile (its samples are "
                    + p.sampleTypes() + "): PGO is guided by one, as go test -cpuprofile writes");
        } catch (ProfileException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of(file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    /** Every default.pgo below the module root, by folder; vendor, testdata, hidden folders and nested modules are skipped. */
    public static List<Path> defaultProfiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (d.equals(root)) return java.nio.file.FileVisitResult.CONTINUE;
                String n = d.getFileName().toString();
                boolean skip = n.equals("vendor") || n.equals("testdata") || n.startsWith(".") || n.startsWith("_")
                        || n.equals("node_modules") || Files.isRegularFile(d.resolve("go.mod"));
                return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (f.getFileName().toString().equals("default.pgo") && attrs.isRegularFile()) out.add(f);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }
}
