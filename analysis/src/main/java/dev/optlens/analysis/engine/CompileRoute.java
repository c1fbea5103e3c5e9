package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One way to compile a package: directly from a description that still holds ({@link DirectRoute}),
 * once as a test binary needs it ({@link TestBinaryRoute}), or through go list ({@link GoListRoute}),
 * which always can. The engine takes the first route that compiles.
 */
interface CompileRoute {
    /** What every route is given. {@code frontendDone} (may be null) hears the -m text printed before the backend. */
    record Input(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, CancellationToken cancel,
                 Consumer<List<String>> frontendDone, Function<Path, Optional<GoSource>> sources) {
    }

    /** The build's output; empty when this route cannot compile the request. */
    Optional<PackageBuild.Output> compile(Input in) throws IOException;

    /** The first route that compiles, in order. */
    static PackageBuild.Output first(List<CompileRoute> routes, Input in) throws IOException {
        for (CompileRoute r : routes) {
            Optional<PackageBuild.Output> out = r.compile(in);
            if (out.isPresent()) return out.get();
        }
        throw new IllegalStateException("no compile route took " + in.req().dir()); // GoListRoute always does
    }
}
