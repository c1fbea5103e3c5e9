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
 * Runs a package's benchmarks under {@code go test} with a memory profile of every allocation
 * ({@code -memprofilerate=1}) and a CPU profile, writing the profiles and the test binary into a
 * folder of ours (never into the user's package), and reads them back.
 */
public final class BenchmarkProfiler {
    /** What was run and what it gave: the profiles, and the benchmark's own output. */
    public record Run(List<String> command, Path memProfile, Path cpuProfile, String output) {
        public List<Profile> read() throws ProfileException {
            return List.of(ProfileReader.read(memProfile), ProfileReader.read(cpuProfile));
        }
    }

    private BenchmarkProfiler() {
    }

    /**
     * Runs {@code go test -run=^$ -bench=PATTERN} in {@code dir} with {@code extra} arguments
     * (e.g. {@code -benchtime=200x}), the profiles written into {@code into}.
     *
     * @throws ProfileException when the benchmarks fail or do not build, with their output
     */
    public static Run run(GoToolchain go, Map<String, String> userEnv, Path dir, String pattern, List<String> extra, Path into,
                          CancellationToken cancel) throws ProfileException, IOException {
        Files.createDirectories(into);
        Path mem = into.resolve("mem.pprof");
        Path cpu = into.resolve("cpu.pprof");
        List<String> cmd = new ArrayList<>(List.of(go.go().toString(), "test", "-run=^$", "-bench=" + pattern,
                "-memprofile=" + mem, "-memprofilerate=1", "-cpuprofile=" + cpu, "-o=" + into.resolve("package.test")));
        cmd.addAll(extra);
        cmd.add(".");
        ProcessResult r = GoProcess.run(cmd, dir, GoEnvironment.forGo(userEnv), cancel);
        String output = (r.stdout() + r.stderr()).strip();
        if (!r.succeeded()) throw new ProfileException("the benchmarks of " + dir + " failed ('" + String.join(" ", cmd.subList(1, cmd.size()))
                + "'):\n" + output);
        // go test writes its profiles even when no benchmark ran: only its output tells.
        if (!Files.isRegularFile(mem) || !output.contains("\nBenchmark") && !output.startsWith("Benchmark"))
            throw new ProfileException("no benchmark of " + dir + " matches " + pattern + ":\n" + output);
        return new Run(cmd, mem, cpu, output);
    }
}
