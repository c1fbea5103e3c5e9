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
import dev.optlens.analysis.slice.SliceMember;
import dev.optlens.analysis.slice.SlicePlace;
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
        return slice(toolchain, req, files, file, line1, Optional.empty(), false, Optional.empty(), cancel, compiled, sources).slice();
    }

    /** A slice, or why none could be made (the package compile answers then). */
    record Made(Optional<FunctionSlice> slice, String why, Optional<List<SlicePlace>> takers) {
        static Made none(String why) {
            return new Made(Optional.empty(), why, Optional.empty());
        }
    }

    /**
     * For a closure: the functions the slicer found, by the type information, to take a member method
     * as a method value (members or not); empty when it could not tell.
     */
    private static Optional<List<SlicePlace>> takers(JsonObject answer, Path dir) {
        if (answer.has("takersError")) return Optional.empty();
        List<SlicePlace> out = new ArrayList<>();
        if (answer.has("takers")) {
            for (var e : answer.getAsJsonArray("takers")) {
                JsonObject t = e.getAsJsonObject();
                out.add(new SlicePlace(dir.resolve(t.get("file").getAsString()), t.get("line").getAsInt()));
            }
        }
        return Optional.of(out);
    }

    /**
     * {@link #slice(GoToolchain, AnalysisRequest, Set, Path, int, CancellationToken, Runnable, Function)}
     * for an edit's closure: with {@code closure} present, the answer's {@link FunctionSlice#members()}
     * are the target, the functions it names (those that inline the target) and the kept functions
     * that call any of them, each with all its decisions; with {@code callers}, also every function
     * that names a target. With {@code weighOrder} (the order the package compile weighed the text's
     * functions in, see {@link WeighOrder}), the slice's compile begins each cycle of its members where
     * the package's did.
     */
    Made slice(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, Path file, int line1,
               Optional<List<SlicePlace>> closure, boolean callers, Optional<List<String>> weighOrder, CancellationToken cancel,
               Runnable compiled, Function<Path, Optional<GoSource>> sources) throws IOException {
        BuildOptions options = req.options().withDetail(Detail.FULL);
        try {
            options.check();
        } catch (IllegalArgumentException e) {
            return Made.none("the build options do not hold: " + e.getMessage()); // the package compile says why
        }
        Path dir = req.dir();
        Optional<PackageMetadata> described = cache.fresh(toolchain, req, files, sources).filter(m -> m.ineligible().isEmpty());
        if (described.isEmpty()) return Made.none("no package description holds for this text");
        // A slice leaves the test files out unless the package compile includes them or the target is one.
        boolean withTests = (req.options().tests() || PackageReport.isTestFile(file)) && described.get().testErrors().isEmpty();
        PackageMetadata meta = described.get().withoutTests(withTests);
        Map<String, String> contents = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(meta.goFiles());
        names.addAll(meta.testGoFiles());
        if (!names.contains(file.getFileName().toString())) return Made.none(notCompiled(file, described.get()));
        for (SlicePlace p : closure.orElse(List.of())) {
            if (!p.file().getParent().equals(dir) || !names.contains(p.file().getFileName().toString())) {
                return Made.none(notCompiled(p.file(), described.get()));
            }
        }
        for (String n : names) {
            Optional<GoSource> src = sources.apply(dir.resolve(n));
            if (src.isEmpty()) return Made.none(n + " could not be read");
            contents.put(n, src.get().text());
        }
        long t0 = System.nanoTime();
        JsonObject answer = slicer(toolchain).slice(request(meta, file, line1, closure, callers), meta.importPath(), contents);
        long sliceMillis = (System.nanoTime() - t0) / 1_000_000;
        if (!answer.has("ok") || !answer.get("ok").getAsBoolean()) {
            return Made.none("the slicer refused: " + (answer.has("error") ? answer.get("error").getAsString() : answer.toString()));
        }
        cancel.check();
        Map<Path, String> sliced = new HashMap<>(req.overlay().contents());
        SliceEdits.apply(contents, answer).forEach((name, bytes) ->
                sliced.put(dir.resolve(name), new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        PackageMetadata sliceMeta = meta;
        if (answer.has("extraName")) {
            String extra = answer.get("extraName").getAsString();
            if (names.contains(extra)) return Made.none("the slice's own file would shadow " + extra);
            sliced.put(dir.resolve(extra), answer.get("extraText").getAsString());
            sliceMeta = meta.withExtraFile(extra);
        }
        int start = answer.get("start").getAsInt();
        int end = answer.get("end").getAsInt();
        List<SliceMember> members = closure.isEmpty() ? List.of() : members(answer, dir, sources);
        if (closure.isPresent() && (members.isEmpty() || members.size() < answer.getAsJsonArray("members").size())) {
            return Made.none("a member is not named in the syntax as the compiler names it");
        }
        Optional<String> entry = weighOrder.flatMap(order -> cycleEntries(members, order, meta.name()));
        if (entry.isPresent()) {
            if (names.contains(ENTRY_FILE)) return Made.none("the slice's own file would shadow " + ENTRY_FILE);
            sliced.put(dir.resolve(ENTRY_FILE), entry.get());
            sliceMeta = sliceMeta.withFirstFile(ENTRY_FILE);
        }
        List<SliceMember> own = members.isEmpty() ? List.of(new SliceMember(file, "", start, end, SliceMember.Role.TARGET)) : members;
        Set<Path> logs = new java.util.HashSet<>();
        own.forEach(m -> logs.add(m.file()));
        // Only the members' files' -json logs are read, and only the members' decisions are placed.
        PackageBuild.Output out = DirectCompile.run(toolchain, env, sliceMeta, options.withTests(true), new Overlay(sliced),
                logs, cancel);
        compiled.run();
        if (!out.process().succeeded()) return Made.none("the slice did not compile: " + firstLine(out));
        AnalysisRequest placeHere = new AnalysisRequest(dir, options, req.overlay(), req.goPath(), req.files(), Optional.of(logs));
        List<CompilerMessage> inside = DecisionAssembler.assemble(placeHere, files, out, sources).messages().stream()
                .filter(m -> own.stream().anyMatch(o -> m.file().equals(Optional.of(o.file()))
                        && o.startLine() <= m.line() && m.line() <= o.endLine())).toList();
        List<Decision> decisions = Placer.placeAll(placeHere, inside, sources, out.sites());
        List<String> kept = new ArrayList<>();
        answer.getAsJsonArray("kept").forEach(k -> kept.add(k.getAsString()));
        return new Made(Optional.of(new FunctionSlice(file, answer.get("target").getAsString(), start, end, decisions, kept,
                sliceMillis, out.process().millis(), members, WeighOrder.names(out.text()))), "",
                closure.isPresent() ? takers(answer, dir) : Optional.empty());
    }

    /** The file that makes the slice's compile begin its cycles where the package's did: compiled first. */
    static final String ENTRY_FILE = "optlens_weigh_first.go";

    /**
     * The text of {@link #ENTRY_FILE}, or empty when no member is in a cycle or a cycle's functions are
     * not all in the package's order. The compiler walks the functions' references from each function
     * in turn, in the order of the files it is given, and weighs a cycle beginning with the function
     * it reached first; the slice leaves out the functions through which the package's walk got
     * there. The first function of the first file names, in the package's order, the function each
     * cycle began with there: the walk of the slice reaches each cycle there first. (Naming a function
     * as a value, or a method by its method expression, changes none of its decisions.)
     */
    static Optional<String> cycleEntries(List<SliceMember> members, List<String> order, String packageName) {
        Map<Integer, List<SliceMember>> cycles = new java.util.TreeMap<>();
        for (SliceMember m : members) if (m.cycleId() > 0) cycles.computeIfAbsent(m.cycleId(), k -> new ArrayList<>()).add(m);
        if (cycles.isEmpty()) return Optional.empty();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) index.putIfAbsent(order.get(i), i);
        java.util.TreeMap<Integer, String> entries = new java.util.TreeMap<>();
        for (List<SliceMember> cycle : cycles.values()) {
            if (!cycle.stream().allMatch(m -> index.containsKey(m.name()))) return Optional.empty();
            SliceMember first = cycle.stream().min(java.util.Comparator.comparingInt(m -> index.get(m.name()))).get();
            entries.put(index.get(first.name()), first.name());
        }
        StringBuilder text = new StringBuilder("package " + packageName + "\n\nfunc optlensWeighFirst() {\n");
        for (String name : entries.values()) text.append("\t_ = ").append(name).append('\n');
        return Optional.of(text.append("}\n").toString());
    }

    /** The slice compile's first error, or the end of its output. */
    private static String firstLine(PackageBuild.Output out) {
        List<dev.optlens.analysis.decision.CompileError> errors = out.text() == null ? List.of() : out.text().allErrors();
        if (!errors.isEmpty()) {
            dev.optlens.analysis.decision.CompileError e = errors.get(0);
            return e.file().map(f -> f.getFileName() + ":" + e.line() + ": ").orElse("") + e.message();
        }
        String err = out.process().stderr().strip();
        return err.isEmpty() ? "exit code " + out.process().exitCode() : err.lines().reduce((a, b) -> b).orElse(err);
    }

    /** Why a file of the package is not in its compile here: a test file of another package, or left out of this build. */
    private static String notCompiled(Path file, PackageMetadata described) {
        String name = file.getFileName().toString();
        if (described.xtestGoFiles().contains(name)) return name + " is an external test file (another package)";
        if (described.testGoFiles().contains(name)) return name + " is a test file, and the tests do not compile";
        return name + " is not in this build of the package (build constraints: GOOS, GOARCH or tags)";
    }

    /** The slicer's members, named as the compiler prints them (the name of the declaration on the member's first line). */
    private static List<SliceMember> members(JsonObject answer, Path dir, Function<Path, Optional<GoSource>> sources) {
        if (!answer.has("members")) return List.of();
        com.google.gson.JsonArray wire = answer.getAsJsonArray("members");
        List<String> names = new ArrayList<>();
        for (var e : wire) {
            JsonObject m = e.getAsJsonObject();
            Path f = dir.resolve(m.get("file").getAsString());
            int start = m.get("start").getAsInt();
            Optional<String> name = sources.apply(f).flatMap(src -> src.functions().stream()
                    .filter(g -> g.range().start().line() == start - 1).findFirst()).map(g -> g.name());
            if (name.isEmpty()) return List.of(); // the caller says a member is not named as the compiler names it
            names.add(name.get());
        }
        List<SliceMember> out = new ArrayList<>();
        for (int i = 0; i < wire.size(); i++) {
            JsonObject m = wire.get(i).getAsJsonObject();
            List<String> calls = new ArrayList<>();
            if (m.has("callsInCycle")) for (var c : m.getAsJsonArray("callsInCycle")) calls.add(names.get(c.getAsInt()));
            out.add(new SliceMember(dir.resolve(m.get("file").getAsString()), names.get(i), m.get("start").getAsInt(),
                    m.get("end").getAsInt(), SliceMember.role(m.has("role") ? m.get("role").getAsString() : ""),
                    m.has("cycle") ? m.get("cycle").getAsInt() : 0, m.has("cycleId") ? m.get("cycleId").getAsInt() : 0, calls));
        }
        return out;
    }

    /** What the slicer is asked: the package's import configuration and the target's place. */
    private static JsonObject request(PackageMetadata meta, Path file, int line1, Optional<List<SlicePlace>> closure, boolean callers) {
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
        if (closure.isPresent()) {
            request.addProperty("closure", true);
            if (callers) request.addProperty("callers", true);
            com.google.gson.JsonArray more = new com.google.gson.JsonArray();
            for (SlicePlace p : closure.get()) {
                JsonObject place = new JsonObject();
                place.addProperty("file", p.file().getFileName().toString());
                place.addProperty("line", p.line());
                more.add(place);
            }
            request.add("also", more);
        }
        return request;
    }

    private synchronized SlicerProcess slicer(GoToolchain toolchain) throws IOException {
        if (slicer == null || !slicer.isAlive()) slicer = SlicerProcess.start(toolchain, env);
        return slicer;
    }
}
