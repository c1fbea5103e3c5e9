package dev.optlens.cli;

import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.profile.PgoProfile;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --pgo=auto|off|FILE}, as {@code go build -pgo}: {@code auto} (the default) builds a package
 * with the {@code default.pgo} of a main package of its module that imports it, as that binary's build
 * does; a file guides every package named. Which profile each package got is kept for the report.
 */
final class PgoOption {
    final Map<Path, PgoProfile> chosen = new LinkedHashMap<>();

    /** The requests with their profile; empty when a named profile cannot guide a build (told on err). */
    Optional<List<AnalysisRequest>> apply(String mode, List<AnalysisRequest> requests, Map<String, String> env, PrintStream err) {
        if (mode.equals("off")) return Optional.of(requests);
        Optional<PgoProfile> named = Optional.empty();
        if (!mode.equals("auto")) {
            Path file = Path.of(mode).toAbsolutePath().normalize();
            Optional<String> problem = PgoProfile.problem(file);
            if (problem.isPresent()) {
                err.println("optlens: --pgo: " + problem.get());
                return Optional.empty();
            }
            named = Optional.of(new PgoProfile(file, "the profile --pgo names"));
        }
        PgoProfile.Finder finder = null;
        List<AnalysisRequest> out = new ArrayList<>();
        for (AnalysisRequest r : requests) {
            Optional<PgoProfile> p = named;
            if (p.isEmpty()) {
                try {
                    if (finder == null) finder = new PgoProfile.Finder(() -> new ToolchainLocator(env).locate(Optional.empty()), env, CancellationToken.NONE);
                    p = finder.find(r.dir());
                } catch (ToolchainException | IOException | java.io.UncheckedIOException e) {
                    p = Optional.empty(); // the analysis itself tells what is wrong with the toolchain
                }
            }
            p.ifPresent(x -> chosen.put(r.dir(), x));
            out.add(p.map(x -> r.withOptions(r.options().withPgo(Optional.of(x.file())))).orElse(r));
        }
        return Optional.of(out);
    }
}
