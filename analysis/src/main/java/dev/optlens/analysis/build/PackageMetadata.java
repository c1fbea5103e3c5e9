package dev.optlens.analysis.build;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code go list -test -export -deps -json} told us about a package, enough to compile it
 * directly with the compile tool afterwards: its files, language version, and the export data of
 * every dependency (the test variant's view of them). {@code ineligible} says why a direct compile
 * would not match the go command's (cgo, assembly, embedded files, PGO, load errors, the runtime's
 * own packages).
 *
 * @param mainModuleDeps dependency packages of the user's own modules: their files are watched,
 *                       since editing them makes the cached export data stale
 * @param importMap      import path in the source → the package it resolves to (vendored packages)
 * @param standard       a standard-library package (compiled with {@code -std})
 * @param testErrors     why the package's tests cannot be built (go list's load errors of its test variants:
 *                       an import that is missing or not allowed); a direct compile then leaves the test
 *                       files out, as the compile tool would build what the go command refuses
 */
public record PackageMetadata(String importPath, String name, Path dir, List<String> goFiles, List<String> testGoFiles,
                              List<String> xtestGoFiles, Optional<String> goVersion, Map<String, Path> exports,
                              List<Path> mainModuleDeps, List<Path> moduleFiles, Map<String, String> importMap,
                              boolean standard, Optional<String> ineligible,
                              List<dev.optlens.analysis.decision.CompileError> testErrors) {

    /** The same package with one more (generated) file. */
    public PackageMetadata withExtraFile(String name) {
        List<String> files = new ArrayList<>(goFiles);
        files.add(name);
        return new PackageMetadata(importPath, name(), dir, List.copyOf(files), testGoFiles, xtestGoFiles, goVersion, exports,
                mainModuleDeps, moduleFiles, importMap, standard, ineligible, testErrors);
    }

    /** The same package with one more file, compiled before all of its own. */
    public PackageMetadata withFirstFile(String name) {
        List<String> files = new ArrayList<>();
        files.add(name);
        files.addAll(goFiles);
        return new PackageMetadata(importPath, name(), dir, List.copyOf(files), testGoFiles, xtestGoFiles, goVersion, exports,
                mainModuleDeps, moduleFiles, importMap, standard, ineligible, testErrors);
    }

    /** The same package without its external test files, and without any test file unless {@code inPackageTests}. */
    public PackageMetadata withoutTests(boolean inPackageTests) {
        return new PackageMetadata(importPath, name, dir, goFiles, inPackageTests ? testGoFiles : List.of(), List.of(),
                goVersion, exports, mainModuleDeps, moduleFiles, importMap, standard, ineligible, testErrors);
    }

    /** A listed import path without its test variant's suffix: {@code p [q.test]} → {@code p}. */
    static String withoutVariant(String listed) {
        int variant = listed.indexOf(" [");
        return variant < 0 ? listed : listed.substring(0, variant);
    }

    /**
     * Whether a listed package is the package's own rather than a dependency: the package, its test
     * variant, its external tests, the test main.
     */
    static boolean isOwn(String listed, String importPath) {
        String base = withoutVariant(listed);
        return base.equals(importPath) || base.equals(importPath + "_test") || listed.endsWith(".test");
    }

    /** Builds metadata from the listed packages, or empty when the directory's package is not among them. */
    public static Optional<PackageMetadata> from(List<JsonObject> listed, Path dir) {
        JsonObject target = null;
        for (JsonObject o : listed) {
            if (!has(o, "ForTest") && !str(o, "ImportPath").endsWith(".test") && PackageBuild.sameDir(str(o, "Dir"), dir)) target = o;
        }
        if (target == null) return Optional.empty();
        String importPath = str(target, "ImportPath");
        List<String> reasons = new ArrayList<>();
        // A compile error of the package itself is no reason: its files and dependencies are known.
        if (target.has("Error") && !target.getAsJsonObject("Error").get("Err").getAsString().startsWith("# ")) {
            reasons.add("the package has load errors");
        }
        if (target.has("DepsErrors")) reasons.add("its dependencies have errors");
        for (String f : List.of("CgoFiles", "SFiles", "EmbedFiles", "TestEmbedFiles", "XTestEmbedFiles")) {
            if (target.has(f) && !isEmpty(target.get(f))) reasons.add(f + " are handled by the go command only");
        }
        if ("main".equals(str(target, "Name")) && Files.exists(dir.resolve("default.pgo"))) reasons.add("default.pgo changes inlining");
        boolean standard = target.has("Standard") && target.get("Standard").getAsBoolean();
        if (standard && (importPath.startsWith("runtime") || importPath.startsWith("internal/"))) {
            reasons.add("the runtime's own packages get compiler flags from the go command only");
        }
        // Vendored imports: the package's, its test variant's and its external tests' maps.
        Map<String, String> importMap = new TreeMap<>();
        for (JsonObject o : listed) {
            String ip = str(o, "ImportPath");
            if (!ip.equals(importPath) && !ip.startsWith(importPath + " [") && !ip.startsWith(importPath + "_test [")) continue;
            if (o.has("ImportMap") && o.get("ImportMap").isJsonObject()) {
                // A map to a test variant ("p [p.test]") is the external tests' view of the package itself.
                o.getAsJsonObject("ImportMap").entrySet().stream().filter(e -> !e.getValue().getAsString().contains(" ["))
                        .forEach(e -> importMap.put(e.getKey(), e.getValue().getAsString()));
            }
        }

        // Dependency export data: the test variant's view wins (a dependency recompiled for the test).
        Map<String, Path> exports = new TreeMap<>();
        Map<String, Path> forTest = new TreeMap<>();
        List<Path> mainDeps = new ArrayList<>();
        for (JsonObject o : listed) {
            String ip = str(o, "ImportPath");
            String base = withoutVariant(ip);
            if (isOwn(ip, importPath)) continue;
            if (!has(o, "Export")) {
                if (!"unsafe".equals(base)) reasons.add("no export data for " + base);
                continue;
            }
            Path export = Path.of(str(o, "Export"));
            if (ip.contains(" [")) forTest.put(base, export);
            else exports.put(base, export);
            JsonElement module = o.get("Module");
            if (module != null && module.isJsonObject() && module.getAsJsonObject().has("Main")
                    && module.getAsJsonObject().get("Main").getAsBoolean() && has(o, "Dir")) {
                for (String f : strings(o, "GoFiles")) mainDeps.add(Path.of(str(o, "Dir"), f));
            }
        }
        exports.putAll(forTest);

        Optional<String> goVersion = Optional.empty();
        List<Path> moduleFiles = new ArrayList<>();
        JsonElement module = target.get("Module");
        if (module != null && module.isJsonObject()) {
            JsonObject m = module.getAsJsonObject();
            if (m.has("GoVersion")) goVersion = Optional.of(m.get("GoVersion").getAsString());
            if (m.has("GoMod")) {
                Path goMod = Path.of(m.get("GoMod").getAsString());
                moduleFiles.add(goMod);
                moduleFiles.add(goMod.resolveSibling("go.sum"));
            }
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("go.work"))) {
                moduleFiles.add(d.resolve("go.work"));
                break;
            }
        }
        List<dev.optlens.analysis.decision.CompileError> testErrors = testErrors(listed, importPath, dir);
        PackageMetadata meta = new PackageMetadata(importPath, str(target, "Name"), dir, strings(target, "GoFiles"),
                strings(target, "TestGoFiles"), strings(target, "XTestGoFiles"), goVersion, Map.copyOf(exports),
                List.copyOf(mainDeps), List.copyOf(moduleFiles), Map.copyOf(importMap), standard,
                reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons)), testErrors);
        return Optional.of(meta);
    }

    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("^(.+\\.go):(\\d+):(\\d+)$");

    /** The load errors of the package's test variants (not of the package itself), placed where go list says. */
    private static List<dev.optlens.analysis.decision.CompileError> testErrors(List<JsonObject> listed, String importPath, Path dir) {
        java.util.Set<dev.optlens.analysis.decision.CompileError> out = new java.util.LinkedHashSet<>();
        for (JsonObject o : listed) {
            String ip = str(o, "ImportPath");
            if (!ip.startsWith(importPath + " [") && !ip.startsWith(importPath + "_test [")) continue;
            for (PackageBuild.ListedError e : PackageBuild.errorsOf(o)) {
                java.util.regex.Matcher pos = POSITION.matcher(e.pos());
                if (!pos.matches()) continue;
                out.add(new dev.optlens.analysis.decision.CompileError(Optional.of(dir.resolve(pos.group(1)).normalize()),
                        Integer.parseInt(pos.group(2)), Integer.parseInt(pos.group(3)), e.text()));
            }
        }
        return List.copyOf(out);
    }

    private static boolean has(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() && !(o.get(k).isJsonPrimitive() && o.get(k).getAsString().isEmpty());
    }

    private static boolean isEmpty(JsonElement e) {
        return e.isJsonNull() || (e.isJsonArray() && e.getAsJsonArray().isEmpty()) || (e.isJsonObject() && e.getAsJsonObject().size() == 0);
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() ? o.get(k).getAsString() : "";
    }

    private static List<String> strings(JsonObject o, String k) {
        List<String> out = new ArrayList<>();
        if (o.has(k) && o.get(k).isJsonArray()) o.getAsJsonArray(k).forEach(e -> out.add(e.getAsString()));
        return List.copyOf(out);
    }
}
