package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.build.PackageMetadata;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles through go list (which builds the package with its dependencies' export data), and keeps
 * the description it prints for the next compile's {@link DirectRoute}. Always compiles.
 */
record GoListRoute(Map<String, String> env, MetadataCache cache) implements CompileRoute {
    @Override
    public Optional<PackageBuild.Output> compile(Input in) throws IOException {
        AnalysisRequest req = in.req();
        PackageBuild.Output out = PackageBuild.run(in.toolchain(), env, req.dir(), req.options(), req.overlay(), in.files(),
                req.files(), in.cancel());
        if (req.files().isEmpty()) {
            Optional<PackageMetadata> meta = PackageMetadata.from(out.listed(), req.dir());
            if (meta.isPresent()) cache.put(in.toolchain(), req, in.files(), meta.get(), in.sources());
            else cache.remove(req.dir());
        }
        return Optional.of(out);
    }
}
