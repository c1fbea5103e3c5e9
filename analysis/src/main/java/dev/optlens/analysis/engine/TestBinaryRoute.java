package dev.optlens.analysis.engine;

import com.google.gson.JsonObject;
import dev.optlens.analysis.build.DirectCompile;
import dev.optlens.analysis.build.KeptDescription;
import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.build.PackageMetadata;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the package once, as a test binary needs it (its test variant), for a run that needs no
 * package description afterwards (optlens check, where go list's compile of the package besides its
 * test variant would double the work): directly when its dependencies' export data is at hand, else
 * through {@code go test -c} when it has test files. Empty when go list cannot describe it cleanly
 * (the go list route reports why) or it has no tests (that compile is single then too).
 */
record TestBinaryRoute(Map<String, String> env, MetadataCache cache) implements CompileRoute {
    @Override
    public Optional<PackageBuild.Output> compile(Input in) throws IOException {
        AnalysisRequest req = in.req();
        if (!req.files().isEmpty()) return Optional.empty();
        // Described by an earlier process, when nothing it was made from changed (no unsaved text: optlens check).
        boolean onDisk = req.overlay().isEmpty();
        Optional<KeptDescription.Kept> kept = onDisk ? KeptDescription.read(in.toolchain(), env, req.dir(), req.options()) : Optional.empty();
        Optional<PackageMetadata> direct = kept.filter(KeptDescription.Kept::direct).flatMap(k -> eligible(Optional.of(k.listed()), req));
        Optional<List<JsonObject>> listed = kept.filter(k -> !k.direct()).map(KeptDescription.Kept::listed);
        if (direct.isEmpty() && listed.isEmpty()) {
            long listedAt = System.currentTimeMillis();
            listed = PackageBuild.load(in.toolchain(), env, req.dir(), req.options(), req.overlay(), in.cancel());
            if (listed.isEmpty()) return Optional.empty();
            Optional<List<JsonObject>> withExports = PackageBuild.withExports(in.toolchain(), env, req.dir(), req.options(), req.overlay(),
                    listed.get(), in.cancel());
            direct = eligible(withExports, req);
            if (onDisk) {
                KeptDescription.keep(in.toolchain(), env, req.dir(), req.options(), direct.isPresent() ? withExports.get() : listed.get(),
                        direct.isPresent(), listedAt);
            }
        }
        if (direct.isPresent()) {
            cache.put(in.toolchain(), req, in.files(), direct.get(), in.sources());
            return Optional.of(DirectCompile.run(in.toolchain(), env, direct.get(), req.options(), req.overlay(), in.files(), in.cancel(),
                    in.frontendDone()));
        }
        boolean tests = listed.get().stream().anyMatch(o -> o.has("ForTest"));
        if (!tests || !req.options().tests()) return Optional.empty();
        return Optional.of(PackageBuild.runTests(in.toolchain(), env, req.dir(), req.options(), req.overlay(), in.files(), listed.get(),
                in.cancel()));
    }

    /** The package's description from a listing with export data, when it compiles directly. */
    private static Optional<PackageMetadata> eligible(Optional<List<JsonObject>> listed, AnalysisRequest req) {
        return listed.flatMap(l -> PackageMetadata.from(l, req.dir())).filter(m -> m.ineligible().isEmpty());
    }
}
