package dev.optlens.analysis.engine;

import com.google.gson.JsonObject;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.DirectCompile;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.build.PackageMetadata;
import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.slice.SliceEdits;
import dev.optlens.analysis.slice.SlicerProcess;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decisions of one function from a compile of a slice of its package: the function, what it
 * needs, every other body blanked (positions kept), compiled directly from a package description
 * that still holds. Always at full detail (explanations, inline chains, nil checks, copies).
 */
final class FunctionSlicer {
    private final Map<String, String> env;
    private final MetadataCache cache;
    private SlicerProcess slicer;

    FunctionSlicer(Map<String, String> env, MetadataCache cache) {
        this.env = env;
        this.cache = cache;
    }

    /**
     * @param line1    a 1-based line inside the function
     * @param compiled told as soon as the slice's compile process has ended
     * @return empty when there is no description that holds, or the slice fails (the package compile answers then)
     */
    Optional<FunctionSlice> slice(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, Path file, int line1,
                                  CancellationToken cancel, Runnable compiled, Function<Path, Optional<GoSource>> sources)
            throws IOException {
        BuildOptions options = req.options().withDetail(Detail.FULL);
        try {
            options.check();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the package compile says why
        }
        Path dir = req.dir();
        Optional<PackageMetadata> described = cache.fresh(toolchain, req, files, sources).filter(m -> m.ineligible().isEmpty());
        if (described.isEmpty()) return Optional.empty();
        // A slice leaves the test files out unless the package compile includes them or the target is one.
        boolean withTests = (req.options().tests() || PackageReport.isTestFile(file)) && described.get().testErrors().isEmpty();
        PackageMetadata meta = described.get().withoutTests(withTests);
        Map<String, String> contents = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(meta.goFiles());
        names.addAll(meta.testGoFiles());
        if (!names.contains(file.getFileName().toString())) return Optional.empty(); // an external test file
        for (String n : names) {
            Optional<GoSource> src = sources.apply(dir.resolve(n));
            if (src.isEmpty()) return Optional.empty();
            contents.put(n, src.get().text());
        }
        long t0 = System.nanoTime();
        JsonObject answer = slicer(toolchain).slice(request(meta, file, line1), meta.importPath(), contents);
        long sliceMillis = (System.nanoTime() - t0) / 1_000_000;
        if (!answer.has("ok") || !answer.get("ok").getAsBoolean()) return Optional.empty();
        cancel.check();
        Map<Path, String> sliced = new HashMap<>(req.overlay().contents());
        SliceEdits.apply(contents, answer).forEach((name, bytes) ->
                sliced.put(dir.resolve(name), new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        PackageMetadata sliceMeta = meta;
        if (answer.has("extraName")) {
            String extra = answer.get("extraName").getAsString();
            if (names.contains(extra)) return Optional.empty(); // never shadow a file of the package
            sliced.put(dir.resolve(extra), answer.get("extraText").getAsString());
            sliceMeta = meta.withExtraFile(extra);
        }
        // Only the target's file's -json log is read, and only the target's decisions are placed.
        PackageBuild.Output out = DirectCompile.run(toolchain, env, sliceMeta, options.withTests(true), new Overlay(sliced),
                Set.of(file), cancel);
        compiled.run();
        if (!out.process().succeeded()) return Optional.empty();
        int start = answer.get("start").getAsInt();
        int end = answer.get("end").getAsInt();
        AnalysisRequest placeHere = new AnalysisRequest(dir, options, req.overlay(), req.goPath(), req.files(), Optional.of(Set.of(file)));
        List<CompilerMessage> own = DecisionAssembler.assemble(placeHere, files, out, sources).messages().stream()
                .filter(m -> m.file().equals(Optional.of(file)) && start <= m.line() && m.line() <= end).toList();
        List<Decision> decisions = Placer.placeAll(placeHere, own, sources, out.sites());
        List<String> kept = new ArrayList<>();
        answer.getAsJsonArray("kept").forEach(k -> kept.add(k.getAsString()));
        return Optional.of(new FunctionSlice(file, answer.get("target").getAsString(), start, end, decisions, kept,
                sliceMillis, out.process().millis()));
    }

    /** What the slicer is asked: the package's import configuration and the target's place. */
    private static JsonObject request(PackageMetadata meta, Path file, int line1) {
        JsonObject request = new JsonObject();
        JsonObject cfg = new JsonObject();
        meta.exports().forEach((k, v) -> cfg.addProperty(k, v.toString()));
        // The slicer's importer is asked for import paths as the source spells them.
        meta.importMap().forEach((k, v) -> {
            if (meta.exports().containsKey(v)) cfg.addProperty(k, meta.exports().get(v).toString());
        });
        request.add("importcfg", cfg);
        request.addProperty("importPath", meta.importPath());
        request.addProperty("goVersion", meta.goVersion().orElse(""));
        request.addProperty("file", file.getFileName().toString());
        request.addProperty("line", line1);
        return request;
    }

    private synchronized SlicerProcess slicer(GoToolchain toolchain) throws IOException {
        if (slicer == null || !slicer.isAlive()) slicer = SlicerProcess.start(toolchain, env);
        return slicer;
    }
}
