package dev.optlens.analysis.build;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Detail#NO_DEBUG_INFO} changes nothing optlens reads: on every release of the matrix, for
 * test workspaces and standard packages, the full-detail compile with and without it prints the same
 * {@code -m=2} and bounds-check lines, writes the same {@code -json} log, and prints the same
 * instructions (with their source lines) for every function of the package's own; the assembly is
 * where {@code -S} tells which heap decisions allocate at run time.
 */
class DebugInfoOffTest {
    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    @ParameterizedTest
    @MethodSource("releases")
    void debugInfoChangesNothingWeRead(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Path basics = Workspaces.workspace("basics");
        List<Run> runs = List.of(new Run(basics, "."), new Run(Workspaces.workspace("generics"), "."),
                new Run(Workspaces.workspace("methods-and-interfaces"), "."), new Run(basics, "encoding/json"),
                new Run(basics, "net/url"));
        int n = 0;
        for (Run run : runs) {
            Printed with = compile(release, run, tmp.resolve("with" + n), List.of());
            Printed without = compile(release, run, tmp.resolve("without" + n), List.of(Detail.NO_DEBUG_INFO));
            String what = release + " " + run;
            assertFalse(with.decisions().isEmpty(), what + ": the compile printed no decisions");
            assertFalse(with.functions().isEmpty(), what + ": the compile printed no assembly");
            assertFalse(with.log().isEmpty(), what + ": the compile wrote no -json log");
            assertEquals(with.decisions().size(), without.decisions().size(), what + ": -m text differs in length");
            for (int i = 0; i < with.decisions().size(); i++) {
                assertEquals(with.decisions().get(i), without.decisions().get(i), what + ": -m text differs at line " + (i + 1));
            }
            assertEquals(with.log(), without.log(), what + ": -json log differs");
            assertEquals(with.functions().keySet(), without.functions().keySet(), what + ": different functions");
            for (var f : with.functions().entrySet()) {
                assertEquals(f.getValue(), without.functions().get(f.getKey()), what + ": assembly of " + f.getKey() + " differs");
            }
            n++;
        }
        assertEquals(runs.size(), n);
    }

    private record Run(Path dir, String pkg) {
        @Override
        public String toString() {
            return pkg.equals(".") ? dir.getFileName().toString() : pkg;
        }
    }

    /** What a compile printed: decision lines, -json log files by name, each own function's instructions. */
    private record Printed(List<String> decisions, Map<String, String> log, Map<String, List<String>> functions) {
    }

    /**
     * Compiles with the full-detail flags (less {@code -dwarf=false}) plus {@code extra}; the fresh
     * -json directory makes the go command recompile this package, as it does for optlens.
     */
    private static Printed compile(GoReleases.Release release, Run run, Path jsonDir, List<String> extra) throws IOException {
        List<String> flags = new ArrayList<>(Detail.FULL.compilerFlags(jsonDir));
        flags.remove(Detail.NO_DEBUG_INFO);
        flags.addAll(extra);
        List<String> cmd = List.of(release.go().toString(), "build", "-o", jsonDir + ".out",
                "-gcflags=" + String.join(" ", flags), run.pkg());
        ProcessResult r = GoProcess.run(cmd, run.dir(), BuildOptions.DEFAULT.environment(release.env()), CancellationToken.NONE);
        assertTrue(r.exitCode() == 0, release + " " + run + ": " + r.stderr());
        List<String> decisions = new ArrayList<>();
        Map<String, List<String>> functions = new TreeMap<>();
        List<String> current = null;
        for (String line : r.stderr().lines().toList()) {
            if (line.matches("^[^ \t]+\\.go:\\d+:\\d+: .*")) {
                decisions.add(line);
                current = null;
            } else if (!line.startsWith("\t") && !line.startsWith(" ")) {
                // A symbol's header: "pkg.F STEXT size=... args=... locals=...", or a data symbol.
                boolean own = line.contains(" STEXT ") && !line.startsWith("type:") && !line.startsWith("type..");
                current = own ? functions.computeIfAbsent(line, k -> new ArrayList<>()) : null;
            } else if (current != null && line.matches("^\t0x\\p{XDigit}+ \\d{5} \\(.*")) {
                current.add(line); // an instruction with its offset and source line; byte dumps and relocations are left out
            }
        }
        Map<String, String> log = new TreeMap<>();
        if (Files.isDirectory(jsonDir)) {
            try (Stream<Path> files = Files.walk(jsonDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) log.put(jsonDir.relativize(f).toString(), Files.readString(f));
            }
        }
        return new Printed(decisions, log, functions);
    }
}
