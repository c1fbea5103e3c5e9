package dev.optlens.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Standard-library packages of one release as test subjects: copied into a module of their own
 * (the way a user's code is analysed), or, when they import the standard library's internal
 * packages (net/url imports internal/godebug since go1.25), opened where they are in GOROOT
 * (optlens writes nothing there).
 */
public final class StdPackages {
    private static final Pattern EXPERIMENT_ONLY = Pattern.compile("(?m)^//go:build goexperiment\\.\\w+\\s*$");
    private static final Pattern NOT_EXPERIMENT = Pattern.compile("(?m)^//go:build !goexperiment\\.\\w+\\s*$");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("\"(?:[\\w./]+/)?internal(?:/[\\w./]+)?\"");

    private StdPackages() {
    }

    /**
     * The directory to analyse {@code pkg} of {@code release} in: a copy under {@code tmp} (a module
     * whose go line is the release's), or the package in GOROOT.
     *
     * <p>A copy keeps the implementation a default build of the release uses: files only for a
     * GOEXPERIMENT are left out and a {@code //go:build !goexperiment.X} line becomes an empty
     * comment (line numbers kept), since in a copy the experiment's other half is missing
     * (go1.27's encoding/json defaults to the jsonv2-backed files, which import the package's
     * internal packages).
     */
    public static Path open(GoReleases.Release release, String pkg, Path tmp) throws IOException {
        return open(release.toolchain().goroot().orElseThrow(), release.languageVersion(), pkg, tmp);
    }

    /** {@link #open(GoReleases.Release, String, Path)} for the release at {@code goroot}, language version {@code go}. */
    public static Path open(Path goroot, String go, String pkg, Path tmp) throws IOException {
        Path src = goroot.resolve("src").resolve(pkg);
        Path module = tmp.resolve("std-" + go);
        Path dir = module.resolve(pkg);
        Files.createDirectories(dir);
        // Written once: rewriting it would change what earlier analyses of the module depend on.
        if (!Files.exists(module.resolve("go.mod"))) Files.writeString(module.resolve("go.mod"), "module stdcopy\n\ngo " + go + "\n");
        try (Stream<Path> s = Files.list(src)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".go") && !p.toString().endsWith("_test.go")).sorted().toList();
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (EXPERIMENT_ONLY.matcher(text).find()) continue;
                if (INTERNAL_IMPORT.matcher(imports(text)).find()) return src;
                Files.writeString(dir.resolve(f.getFileName()), NOT_EXPERIMENT.matcher(text).replaceAll("//"), StandardCharsets.UTF_8);
            }
        }
        return dir;
    }

    /** The import declarations of a file (everything before the first func, type, var or const). */
    private static String imports(String text) {
        int end = text.length();
        for (String decl : new String[]{"\nfunc ", "\ntype ", "\nvar ", "\nconst "}) {
            int i = text.indexOf(decl);
            if (i >= 0) end = Math.min(end, i);
        }
        return text.substring(0, end);
    }
}
