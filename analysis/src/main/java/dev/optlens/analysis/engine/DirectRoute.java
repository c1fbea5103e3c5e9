package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.DirectCompile;
import dev.optlens.analysis.build.PackageBuild;

import java.util.Map;
import java.util.Optional;

/**
 * Compiles with the compile tool directly when an earlier go list run described the package and
 * nothing that description depended on changed (see {@link MetadataCache}).
 */
record DirectRoute(Map<String, String> env, MetadataCache cache) implements CompileRoute {
    @Override
    public Optional<PackageBuild.Output> compile(Input in) throws java.io.IOException {
        if (!in.req().files().isEmpty()) return Optional.empty();
        var meta = cache.fresh(in.toolchain(), in.req(), in.files(), in.sources()).filter(m -> m.ineligible().isEmpty());
        if (meta.isEmpty()) return Optional.empty();
        return Optional.of(DirectCompile.run(in.toolchain(), env, meta.get(), in.req().options(), in.req().overlay(), in.files(),
                in.cancel(), in.frontendDone()));
    }
}
