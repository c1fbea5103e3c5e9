package dev.optlens.analysis.profile;

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

/**
 * Runs a package's benchmarks: its test binary built by {@code go test -c}, run once with a memory
 * profile of every allocation ({@code -memprofilerate=1}) and once with a CPU profile, the binary and
 * the profiles written into a folder of ours (never into the user's package).
 */
public final class BenchmarkProfiler {
    /** What was run and what it gave: the profiles, and the benchmark's own output. */
    public record Run(List<String> command, Path memProfile, Path cpuProfile, String output) {
        public List<Profile> read() throws ProfileException {
            return List.of(ProfileReader.read(memProfile), ProfileReader.read(cpuProfile));
        }
    }

    /** How many runs' profiles are kept under the user cache folder; older ones are deleted. */
    static final int KEPT_RUNS = 20;

    private BenchmarkProfiler() {
    }

    /**
     * A new folder for one run's profiles of the package in {@code dir}:
     * {@code ~/.cache/optlens/profiles/<package folder>-<time>} ({@code XDG_CACHE_HOME} when set), the
     * runs before the newest {@value #KEPT_RUNS} deleted.
     */
    public static Path runFolder(Map<String, String> env, Path dir) throws IOException {
        String cache = env.getOrDefault("XDG_CACHE_HOME", "");
        Path parent = (cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache)).resolve("optlens/profiles");
        Files.createDirectories(parent);
        List<Path> runs;
        try (var s = Files.list(parent)) {
            runs = new ArrayList<>(s.filter(Files::isDirectory).toList());
        }
        runs.sort(java.util.Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }).reversed());
        for (Path old : runs.subList(Math.min(runs.size(), KEPT_RUNS - 1), runs.size())) dev.optlens.analysis.process.TempRoot.deleteTree(old);
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return parent.resolve(dir.getFileName() + "-" + stamp);
    }

    /**
     * Runs the benchmarks matching {@code pattern} in {@code dir} (the package's folder is their working
     * folder, as under go test) with {@code extra} go test flags (e.g. {@code -benchtime=200x}).
     *
     * @throws ProfileException when the tests do not build, the benchmarks fail or none matches, with their output
     */
    public static Run run(GoToolchain go, Map<String, String> userEnv, Path dir, String pattern, List<String> extra, Path into,
                          CancellationToken cancel) throws ProfileException, IOException {
        Files.createDirectories(into);
        Path mem = into.resolve("mem.pprof");
        Path cpu = into.resolve("cpu.pprof");
        Path binary = into.resolve("package.test");
        Map<String, String> env = GoEnvironment.forGo(userEnv);
        List<String> build = List.of(go.go().toString(), "test", "-c", "-o=" + binary, ".");
        ProcessResult built = GoProcess.run(build, dir, env, cancel);
        if (!built.succeeded()) throw new ProfileException("the tests of " + dir + " do not build ('go test -c'):\n"
                + (built.stdout() + built.stderr()).strip());
        // Two runs of the one binary: recording every allocation slows the code the CPU profile
        // measures, and the CPU profiler's own buffers would be a quarter of a small benchmark's bytes.
        String memOut;
        String cpuOut;
        try {
            memOut = bench(binary, dir, env, pattern, extra, List.of("-test.memprofile=" + mem, "-test.memprofilerate=1"), cancel);
            cpuOut = bench(binary, dir, env, pattern, extra, List.of("-test.cpuprofile=" + cpu), cancel);
        } finally {
            // The profiles are symbolized already: the binary (megabytes) is not kept beside them.
            Files.deleteIfExists(binary);
        }
        List<String> command = new ArrayList<>(List.of("go", "test", "-run=^$", "-bench=" + pattern));
        command.addAll(extra);
        return new Run(command, mem, cpu, memOut + "\n" + cpuOut);
    }

    private static String bench(Path binary, Path dir, Map<String, String> env, String pattern, List<String> extra, List<String> profile,
                                CancellationToken cancel) throws ProfileException, IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-test.run=^$", "-test.bench=" + pattern));
        // go test's flags (-benchtime=200x) as the test binary takes them (-test.benchtime=200x).
        for (String a : extra) cmd.add(a.startsWith("-") && !a.startsWith("-test.") ? "-test." + a.replaceFirst("^-+", "") : a);
        cmd.addAll(profile);
        ProcessResult r = GoProcess.run(cmd, dir, env, cancel);
        String output = (r.stdout() + r.stderr()).strip();
        if (!r.succeeded()) throw new ProfileException("the benchmarks of " + dir + " failed:\n" + output);
        // A test binary writes its profiles even when no benchmark ran: only its output tells.
        if (!output.contains("\nBenchmark") && !output.startsWith("Benchmark")) {
            throw new ProfileException("no benchmark of " + dir + " matches " + pattern + ":\n" + output);
        }
        return output;
    }
}
