package dev.optlens.analysis.build;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.ModuleShapes;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.toolchain.GoToolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A direct compile runs the compile tool with the flags the go command itself would give it: for
 * every test workspace and every module shape, on every release of the matrix, the command optlens
 * runs equals the one {@code go build -n} (package alone) and {@code go test -n} (with its tests)
 * print, apart from our own files' paths, the go command's build ID and concurrency, and the flags
 * optlens adds on purpose ({@code -m=2}, {@code -json}, {@code -d=ssa/check_bce/debug=1}, {@code -S},
 * {@code -dwarf=false}).
 */
class CompileCommandTest {
    static final List<String> WORKSPACES = List.of("basics", "broken", "generics", "methods-and-interfaces", "tests-included",
            "multi-package/store", "multi-package/cmd/app", "go-work/alpha", "unicode", "same-basename", "vendored", "asm",
            "placement-shapes", "gate/holds");

    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    @ParameterizedTest
    @MethodSource("releases")
    void directCompilesRunTheGoCommandsFlags(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String w : WORKSPACES) dirs.add(Workspaces.workspace(w));
        for (ModuleShapes.Shape s : ModuleShapes.make(release, tmp)) {
            dirs.add(s.library());
            dirs.add(s.main());
        }
        int compared = 0;
        for (Path dir : dirs) {
            for (boolean tests : List.of(false, true)) compared += compare(release, dir, tests);
        }
        // Every shape's library and main package, alone and with tests where it has some, at least.
        assertTrue(compared >= 2 * ModuleShapes.NAMES.size() * 2, "only " + compared + " compiles compared");
    }

    /** Compares optlens's compiles of the package in {@code dir} with the go command's; returns how many. */
    private static int compare(GoReleases.Release release, Path dir, boolean tests) throws Exception {
        GoToolchain toolchain = release.toolchain();
        Map<String, String> env = release.env();
        BuildOptions options = BuildOptions.DEFAULT.withTests(tests);
        Optional<List<com.google.gson.JsonObject>> loaded = PackageBuild.load(toolchain, env, dir, options, Overlay.NONE, CancellationToken.NONE)
                .flatMap(l -> {
                    try {
                        return PackageBuild.withExports(toolchain, env, dir, options, Overlay.NONE, l, CancellationToken.NONE);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        if (loaded.isEmpty()) return 0; // load errors or a dependency recompiled for the tests: the go command compiles it
        PackageMetadata meta = PackageMetadata.from(loaded.get(), dir).orElseThrow();
        if (meta.ineligible().isPresent()) return 0;
        if (tests && meta.testGoFiles().isEmpty() && meta.xtestGoFiles().isEmpty()) return 0;
        PackageBuild.Output ours = DirectCompile.run(toolchain, env, meta, options, Overlay.NONE, Set.of(), CancellationToken.NONE);

        List<String> go = new ArrayList<>(List.of(release.go().toString(), tests ? "test" : "build", "-a", "-n"));
        if (tests) go.add("-vet=off");
        go.add(".");
        ProcessResult printed = GoProcess.run(go, dir, options.environment(env), CancellationToken.NONE);
        assertTrue(printed.succeeded(), release + " " + dir + ": " + printed.stderr());
        int n = 0;
        for (String command : ours.command()) {
            List<String> mine = words(command);
            String p = mine.get(mine.indexOf("-p") + 1);
            String theirs = printed.stderr().lines().filter(l -> l.contains("/compile ") && words(l).contains(p)
                            && words(l).get(words(l).indexOf("-p") + 1).equals(p)).findFirst()
                    .orElseGet(() -> fail(release + " " + dir + (tests ? " with tests" : "") + ": the go command runs no compile with -p "
                            + p + "; optlens runs:\n  " + command + "\ngo " + String.join(" ", go.subList(1, go.size())) + " printed:\n"
                            + printed.stderr()));
            assertEquals(flags(words(theirs)), flags(mine), release + " " + dir + (tests ? " with tests" : "")
                    + ": optlens's compile differs from the go command's\n  optlens: " + command + "\n  go:      " + theirs);
            n++;
        }
        return n;
    }

    /** Flags that name a file of the run's own or the go command's bookkeeping: left out with their value. */
    private static final Set<String> PATH_FLAGS = Set.of("-o", "-trimpath", "-importcfg", "-buildid", "-embedcfg");

    /** The compile's flags without paths, files, build ID, concurrency, and our own flags (what is printed, no DWARF). */
    private static List<String> flags(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (PATH_FLAGS.contains(a)) {
                i++;
            } else if (a.equals("-goversion") || a.equals("-D") || a.equals("-installsuffix")) {
                out.add(a + "=" + argv.get(++i));
            } else if (a.startsWith("-") && !a.startsWith("-c=") && !a.equals("-m=2") && !a.startsWith("-json=")
                    && !a.equals(Detail.BOUNDS_FLAG) && !a.equals("-S") && !a.equals(Detail.NO_DEBUG_INFO)) {
                out.add(a);
            }
        }
        return out;
    }

    /** A printed command's words: plain, or double-quoted with Go's escapes (cmd/go's joinUnambiguously). */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) cur.append(line.charAt(++i));
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ' ') {
                if (any) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) out.add(cur.toString());
        return out;
    }
}
