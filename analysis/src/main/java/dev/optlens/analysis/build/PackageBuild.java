package dev.optlens.analysis.build;

import dev.optlens.analysis.process.TempRoot;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.CancellationToken;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonStreamParser;
import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.LogoptJson;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles one package the way an editor needs it and captures the compiler's optimization log.
 *
 * <p>We run {@code go list -test -export} rather than {@code go build}: it compiles the package and
 * its test variant (so {@code _test.go} files are covered) without linking a test binary, which
 * would cost more than the compile itself on small packages. {@code -m=2} text and
 * {@code -json=0,<fresh dir>} are requested in one run: a cached compile replays the -m text but
 * writes no -json files, and a fresh directory changes the flags, forcing a recompile of this
 * package only (dependencies are compiled without our flags and stay cached).
 */
public final class PackageBuild {
    /**
     * The result of one build.
     *
     * @param listed the packages go list described (the package, its test variants and every
     *               dependency); empty for a direct compile
     * @param direct whether the compile tool ran directly ({@link DirectCompile}) rather than through go list
     */
    public record Output(List<String> command, ProcessResult process, String importPath,
                         CompilerTextLog.Parsed text, LogoptJson.Log json, List<JsonObject> listed, boolean direct,
                         dev.optlens.analysis.decision.AllocationSites sites) {
    }

    /** The go list fields {@link PackageMetadata} reads. */
    static final String LIST_FIELDS = "ImportPath,Name,Dir,ForTest,Export,GoFiles,TestGoFiles,XTestGoFiles,CgoFiles,"
            + "SFiles,EmbedFiles,TestEmbedFiles,XTestEmbedFiles,ImportMap,Module,Standard,Error,DepsErrors";

    private PackageBuild() {
    }

    /**
     * Whether a directory the go command listed is {@code dir}. The go command may name it by its
     * real path (GOROOT behind a symbolic link, a workspace under a linked folder).
     */
    public static boolean sameDir(String listed, Path dir) {
        if (listed.equals(dir.toString())) return true;
        // A package go list could not find has no Dir; "" must not resolve to the working directory.
        if (listed.isBlank()) return false;
        try {
            return Path.of(listed).toRealPath().equals(dir.toRealPath());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The build errors go list -e put in the listing, as the go command would have printed them:
     * compiler output keeps its {@code # package} header; a load error is one line.
     */
    public static String errorsOf(List<JsonObject> listed) {
        java.util.Set<String> errors = new java.util.LinkedHashSet<>();
        for (JsonObject o : listed) {
            for (ListedError e : errorsOf(o)) {
                errors.add(e.text().startsWith("# ") ? (e.text().endsWith("\n") ? e.text() : e.text() + "\n")
                        : (e.pos().isEmpty() ? "" : e.pos() + ": ") + e.text() + "\n");
            }
        }
        return String.join("", errors);
    }

    /** One error go list reports on a package: where ({@code file.go:line:col}, may be empty) and what. */
    record ListedError(String pos, String text) {
    }

    /**
     * The errors go list reports on one listed package (its own and its dependencies'), each on one
     * line: "…; to add it:\n\tgo get example.com/dep" says what to run on it. A compile's output
     * ({@code # pkg} and its lines) is kept as it is.
     */
    static List<ListedError> errorsOf(JsonObject o) {
        List<JsonElement> all = new ArrayList<>();
        if (o.has("Error") && o.get("Error").isJsonObject()) all.add(o.get("Error"));
        if (o.has("DepsErrors") && o.get("DepsErrors").isJsonArray()) o.getAsJsonArray("DepsErrors").forEach(all::add);
        List<ListedError> out = new ArrayList<>();
        for (JsonElement e : all) {
            JsonObject err = e.getAsJsonObject();
            String text = err.has("Err") ? err.get("Err").getAsString() : "";
            String pos = err.has("Pos") && err.get("Pos").isJsonPrimitive() ? err.get("Pos").getAsString() : "";
            if (text.isEmpty()) continue;
            if (!text.startsWith("# ")) text = text.strip().replaceAll("\\s*\\n\\s+", " ");
            out.add(new ListedError(pos, text));
        }
        return out;
    }

    /** go list -json prints one object after another, not an array. */
    public static List<JsonObject> listedPackages(String stdout) {
        List<JsonObject> out = new ArrayList<>();
        try {
            JsonStreamParser p = new JsonStreamParser(stdout);
            while (p.hasNext()) {
                JsonElement e = p.next();
                if (e.isJsonObject()) out.add(e.getAsJsonObject());
            }
        } catch (JsonParseException e) {
            // A truncated listing (the command was killed) lists what it got.
        }
        return out;
    }

    /**
     * @param fileArgs when not empty, the package is exactly these files ({@code go build a.go} semantics)
     */
    public static Output run(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options,
                             Overlay overlay, Set<Path> packageFiles, List<Path> fileArgs, CancellationToken cancel)
            throws IOException {
        return run(toolchain, userEnv, dir, options, overlay, packageFiles, fileArgs, cancel, Optional.empty(), true);
    }

    /**
     * The package and its tests compiled as {@code go test -c} compiles them: the test variant (package
     * and in-package test files), the external tests and the dependencies recompiled for the test, not
     * the package a second time on its own, as go list -test -export does (on go/types that doubles a
     * 10 s compile, its 110 MB of -m text and races the two compiles' -json logs for the same files).
     * For a package with test files whose description ({@link #load}) is known; the binary is discarded.
     */
    public static Output runTests(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options,
                                  Overlay overlay, Set<Path> packageFiles, List<JsonObject> listed, CancellationToken cancel)
            throws IOException {
        return run(toolchain, userEnv, dir, options, overlay, packageFiles, List.of(), cancel, Optional.of(listed), true);
    }

    /** {@link #run} for the package alone: go list without {@code -test}, for a package whose tests do not compile. */
    public static Output runWithoutTests(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options,
                                         Overlay overlay, Set<Path> packageFiles, List<Path> fileArgs, CancellationToken cancel)
            throws IOException {
        return run(toolchain, userEnv, dir, options, overlay, packageFiles, fileArgs, cancel, Optional.empty(), false);
    }

    private static Output run(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options,
                              Overlay overlay, Set<Path> packageFiles, List<Path> fileArgs, CancellationToken cancel,
                              Optional<List<JsonObject>> described, boolean tests) throws IOException {
        try (TempRoot tmp = new TempRoot("optlens-build-")) {
            Path jsonDir = tmp.resolve("log");
            List<String> cmd = new ArrayList<>(described.isPresent()
                    ? List.of(toolchain.go().toString(), "test", "-c", "-vet=off", "-o", "/dev/null")
                    : tests ? List.of(toolchain.go().toString(), "list", "-e", "-test", "-export", "-deps", "-json=" + LIST_FIELDS)
                    : List.of(toolchain.go().toString(), "list", "-e", "-export", "-deps", "-json=" + LIST_FIELDS));
            Map<Path, Path> originals = Map.of();
            if (!overlay.isEmpty()) {
                Overlay.Written written = overlay.write(tmp);
                cmd.add("-overlay=" + written.json());
                originals = written.originals();
            }
            cmd.addAll(options.tagsFlag());
            cmd.add("-gcflags=" + GcFlags.merge(options.gcflags(), concat(options.pgoFlags(), options.detail().compilerFlags(jsonDir))));
            if (fileArgs.isEmpty()) cmd.add(".");
            else fileArgs.forEach(f -> cmd.add(dir.relativize(f).toString()));

            Map<String, String> env = options.environment(userEnv);
            // Type errors in an overlaid file name the replacement file; decisions name the original. The
            // go command prints a path relative to its working directory when that is shorter
            // (a workspace right beside our temp root: ../optlens-build-…/overlay/0-a.go). The -m text on
            // stderr is kept line by line, mapped as it arrives: a big package's is tens of megabytes.
            OutputLines lines = new OutputLines().parsing(dir, toolchain.goroot());
            for (Map.Entry<Path, Path> e : originals.entrySet()) {
                lines.rename(e.getKey().toString(), e.getValue().toString());
                lines.rename(dir.relativize(e.getKey()).toString(), e.getValue().toString());
            }
            // go test -c ends its output with its verdict ("FAIL\tpkg [build failed]"): not the compiler's.
            java.util.function.Consumer<String> keep = described.isEmpty() ? lines::add
                    : line -> { if (!line.startsWith("FAIL") && !line.startsWith("ok  \t") && !line.startsWith("?   \t")) lines.add(line); };
            ProcessResult result = GoProcess.run(cmd, dir, env, cancel, null, keep);
            cancel.check();

            List<JsonObject> listed = described.orElseGet(() -> listedPackages(result.stdout()));
            // With -e the go command exits 0 and reports build errors inside the listing instead.
            String listedErrors = errorsOf(listed);
            if (!listedErrors.isEmpty()) {
                // First and in a section of their own: they are the errors, the -m text of what did compile is not.
                List<String> errors = new ArrayList<>();
                errors.add("# go-list-errors");
                errors.addAll(List.of(listedErrors.split("\n")));
                lines.addFirst(errors);
            }
            boolean ok = result.succeeded() && listedErrors.isEmpty();
            String stderr = lines.quoted();
            java.util.concurrent.Future<LogoptJson.Log> pendingJson = LogoptJson.readAsync(jsonDir, packageFiles, toolchain.goroot());
            CompilerTextLog.Parsed text = lines.parsed(ok);
            LogoptJson.Log json = LogoptJson.await(pendingJson);
            String importPath = target(listed, dir).orElse("");
            ProcessResult process = new ProcessResult(ok ? 0 : Math.max(1, result.exitCode()), result.stdout(), stderr, result.millis());
            return new Output(List.copyOf(cmd), process, importPath, text, json, listed, false, lines.sites());
        }
    }

    /**
     * The package, its test variants and its dependencies as go list describes them without compiling
     * anything (no -export): a few tens of milliseconds. Empty when go list fails or the package (or a
     * dependency) has load errors: the go list compile reports those.
     */
    public static Optional<List<JsonObject>> load(GoToolchain toolchain, Map<String, String> userEnv, Path dir,
                                                  BuildOptions options, Overlay overlay, CancellationToken cancel)
            throws IOException {
        try (TempRoot tmp = new TempRoot("optlens-describe-")) {
            List<String> cmd = new ArrayList<>(List.of(toolchain.go().toString(), "list", "-e", "-test", "-deps", "-json=" + LIST_FIELDS));
            cmd.addAll(listFlags(tmp, options, overlay));
            cmd.add(".");
            ProcessResult loaded = GoProcess.run(cmd, dir, options.environment(userEnv), cancel, null, line -> { });
            cancel.check();
            if (!loaded.succeeded()) return Optional.empty();
            List<JsonObject> listed = listedPackages(loaded.stdout());
            if (listed.stream().anyMatch(o -> o.has("Error") || o.has("DepsErrors")) || target(listed, dir).isEmpty()) return Optional.empty();
            return Optional.of(listed);
        }
    }

    /**
     * A loaded description ({@link #load}) with its dependencies' export data, asked of go list for the
     * dependencies alone (in the build cache after any build): what a {@link DirectCompile} needs. Empty
     * when a dependency is recompiled for the test: its test variant needs the package's own export data.
     */
    public static Optional<List<JsonObject>> withExports(GoToolchain toolchain, Map<String, String> userEnv, Path dir,
                                                         BuildOptions options, Overlay overlay, List<JsonObject> listed,
                                                         CancellationToken cancel) throws IOException {
        String target = target(listed, dir).orElseThrow();
        List<String> deps = new ArrayList<>();
        for (JsonObject o : listed) {
            String ip = o.has("ImportPath") ? o.get("ImportPath").getAsString() : "";
            if (PackageMetadata.isOwn(ip, target)) continue;
            if (!PackageMetadata.withoutVariant(ip).equals(ip)) return Optional.empty(); // a dependency recompiled for the test
            if (!ip.equals("unsafe") && !ip.equals("C")) deps.add(ip);
        }
        List<JsonObject> out = new ArrayList<>();
        listed.forEach(o -> out.add(o.deepCopy()));
        if (deps.isEmpty()) return Optional.of(out);
        try (TempRoot tmp = new TempRoot("optlens-describe-")) {
            List<String> cmd = new ArrayList<>(List.of(toolchain.go().toString(), "list", "-e", "-export", "-json=ImportPath,Export"));
            cmd.addAll(listFlags(tmp, options, overlay));
            cmd.addAll(deps);
            ProcessResult exported = GoProcess.run(cmd, dir, options.environment(userEnv), cancel, null, line -> { });
            cancel.check();
            if (!exported.succeeded()) return Optional.empty();
            Map<String, String> exports = new java.util.HashMap<>();
            for (JsonObject o : listedPackages(exported.stdout())) {
                if (o.has("ImportPath") && o.has("Export")) exports.put(o.get("ImportPath").getAsString(), o.get("Export").getAsString());
            }
            for (JsonObject o : out) {
                String ip = o.has("ImportPath") ? o.get("ImportPath").getAsString() : "";
                if (exports.containsKey(ip)) o.addProperty("Export", exports.get(ip));
            }
            return Optional.of(out);
        }
    }

    /** The import path of the package in {@code dir} in a listing (not a test variant). */
    /** The import path of the package in {@code dir} among go list's packages (not its test variants or test main). */
    public static Optional<String> target(List<JsonObject> listed, Path dir) {
        return listed.stream().filter(o -> o.has("Dir") && sameDir(o.get("Dir").getAsString(), dir) && !o.has("ForTest")
                        && o.has("ImportPath") && !o.get("ImportPath").getAsString().endsWith(".test"))
                .map(o -> o.get("ImportPath").getAsString()).findFirst();
    }

    private static List<String> listFlags(TempRoot tmp, BuildOptions options, Overlay overlay) throws IOException {
        List<String> flags = new ArrayList<>();
        if (!overlay.isEmpty()) flags.add("-overlay=" + overlay.write(tmp).json());
        flags.addAll(options.tagsFlag());
        return flags;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
