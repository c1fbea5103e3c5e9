package dev.optlens.cli;

import dev.optlens.analysis.profile.Profile;
import dev.optlens.analysis.profile.ProfileException;
import dev.optlens.analysis.profile.ProfileReader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --profile=FILE[,FILE...]}: pprof profiles (memory, CPU) whose figures rank the decisions.
 * A file that cannot be read ends the run with its reason; nothing is guessed without it.
 */
final class ProfileOption {
    private ProfileOption() {
    }

    /** The profiles named, none when the flag is absent; empty Optional when one cannot be read (told on err). */
    static Optional<List<Profile>> read(Flags flags, PrintStream err) {
        List<Profile> profiles = new ArrayList<>();
        if (flags.value("profile").isEmpty()) return Optional.of(profiles);
        for (String name : flags.value("profile").get().split(",")) {
            if (name.isBlank()) continue;
            try {
                profiles.add(ProfileReader.read(Path.of(name.strip())));
            } catch (ProfileException e) {
                err.println("optlens: " + e.getMessage());
                return Optional.empty();
            }
        }
        if (profiles.isEmpty()) {
            err.println("optlens: --profile needs a file: --profile=mem.pprof (go test -memprofile) or cpu.pprof");
            return Optional.empty();
        }
        return Optional.of(profiles);
    }

    /**
     * {@code --bench=PATTERN [--benchtime=T]}: the package's benchmarks run with a memory profile of
     * every allocation and a CPU profile, kept under the user cache folder (their paths are told, for
     * {@code --profile} and the editor's {@code optlens.profiles}).
     */
    static Optional<List<Profile>> bench(Flags flags, Path dir, java.util.Map<String, String> env, PrintStream err) {
        try {
            var go = new dev.optlens.analysis.toolchain.ToolchainLocator(env).locate(Optional.empty());
            Path into = dev.optlens.analysis.profile.BenchmarkProfiler.runFolder(env, dir);
            List<String> extra = flags.value("benchtime").map(t -> List.of("-benchtime=" + t)).orElse(List.of());
            var run = dev.optlens.analysis.profile.BenchmarkProfiler.run(go, env, dir, flags.value("bench").get(), extra, into,
                    dev.optlens.analysis.process.CancellationToken.NONE);
            err.println("optlens: profiles of the benchmarks matching " + flags.value("bench").get() + ": --profile=" + run.memProfile()
                    + "," + run.cpuProfile());
            return Optional.of(run.read());
        } catch (ProfileException | dev.optlens.analysis.toolchain.ToolchainException e) {
            err.println("optlens: " + e.getMessage());
        } catch (java.io.IOException e) {
            err.println("optlens: cannot run the benchmarks of " + dir + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** One line naming the profiles for a report's header: {@code mem.pprof (alloc_space), cpu.pprof (cpu)}. */
    static String describe(List<Profile> profiles) {
        return String.join(", ", profiles.stream().map(p -> p.file() + " ("
                + String.join(", ", p.sampleTypes().stream().map(Profile.SampleType::type).toList()) + ")").toList());
    }
}
