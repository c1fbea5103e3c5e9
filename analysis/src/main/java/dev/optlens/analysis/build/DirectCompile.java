package dev.optlens.analysis.build;

import dev.optlens.analysis.process.TempRoot;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.LogoptJson;
import dev.optlens.analysis.decision.SourceNames;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a package with the compile tool directly, skipping the go command's package loading
 * and cache bookkeeping (a quarter of a second even when nothing changed). It needs what a
 * previous {@code go list} told us ({@link PackageMetadata}): the files and the dependencies'
 * export data. The package's files (unsaved contents included) are copied to a private folder
 * and {@code -trimpath} maps that folder back to the package directory, so every position the
 * compiler reports names the user's file. The test variant (package and in-package test files)
 * is compiled first; external test files then compile against its fresh export data.
 */
public final class DirectCompile {
    private DirectCompile() {
    }

    public static PackageBuild.Output run(GoToolchain toolchain, Map<String, String> userEnv, PackageMetadata meta,
                                          BuildOptions options, Overlay overlay, Set<Path> packageFiles,
                                          CancellationToken cancel) throws IOException {
        return run(toolchain, userEnv, meta, options, overlay, packageFiles, cancel, null);
    }

    /**
     * @param frontendDone when not null, told once, while the compile goes on, the -m lines printed
     *                     before its backend began (the first bounds check): every escape, inlining
     *                     and devirtualization decision of the package is in it (at about a third
     *                     of the compile). Called on the thread reading the compiler's output.
     */
    public static PackageBuild.Output run(GoToolchain toolchain, Map<String, String> userEnv, PackageMetadata meta,
                                          BuildOptions options, Overlay overlay, Set<Path> packageFiles,
                                          CancellationToken cancel, java.util.function.Consumer<List<String>> frontendDone)
            throws IOException {
        if (!options.tests() || !meta.testErrors().isEmpty()) meta = meta.withoutTests(false);
        try (TempRoot tmp = new TempRoot("optlens-compile-")) {
            Path jsonDir = tmp.resolve("log");
            Map<String, String> env = options.environment(userEnv);
            Path compiler = toolchain.toolDir().resolve("compile");
            boolean withTests = !meta.testGoFiles().isEmpty();
            List<String> files = new ArrayList<>(meta.goFiles());
            files.addAll(meta.testGoFiles());

            // The compile tool prints -m (and errors) to stdout: its lines are kept and read as they arrive, with the
            // copied files' paths mapped back to the user's.
            List<String> commands = new ArrayList<>();
            Path archive = tmp.resolve("pkg.a");
            Path src = tmp.resolve("src");
            List<String> copies = copySources(src, meta.dir(), files, overlay, 0);
            Path xsrc = tmp.resolve("xsrc");
            OutputLines output = new OutputLines().rename(src + "/", meta.dir() + "/").rename(xsrc + "/", meta.dir() + "/").unmarking()
                    .parsing(meta.dir(), toolchain.goroot());
            Path cfg = importcfg(tmp.resolve("importcfg"), meta, Map.of());
            // A main package is "main" to the compiler unless it is compiled as its tests' library (cmd/go pkgPath).
            String packagePath = "main".equals(meta.name()) && !withTests && meta.xtestGoFiles().isEmpty() ? "main" : meta.importPath();
            List<String> cmd = command(compiler, toolchain, meta, packagePath, cfg, src, archive, options, jsonDir, copies);
            boolean xtests = !meta.xtestGoFiles().isEmpty();
            List<String> xcopies = xtests ? copySources(xsrc, meta.dir(), meta.xtestGoFiles(), overlay, files.size()) : List.of();
            Path xcfg = importcfg(tmp.resolve("importcfg-x"), meta, Map.of(meta.importPath(), archive));
            List<String> xcmd = command(compiler, toolchain, meta, meta.importPath() + "_test", xcfg, xsrc, tmp.resolve("xtest.a"),
                    options, jsonDir, xcopies);
            java.util.Optional<CompileCache> cache = CompileCache.of(userEnv);
            String key = cache.isEmpty() ? "" : CachedCompile.key(tmp, toolchain, env, cmd, xtests ? xcmd : List.of(),
                    files, copies, src, meta.xtestGoFiles(), xcopies, xsrc, List.of(cfg, xcfg));
            java.util.Optional<CompileCache.Entry> hit = cache.flatMap(c -> c.get(key));
            if (hit.isPresent()) {
                return CachedCompile.replay(hit.get(), toolchain, meta, packageFiles, jsonDir, xtests ? List.of(cmd, xcmd) : List.of(cmd));
            }
            if (cache.isPresent()) output.recording();
            output.add("# " + meta.importPath() + (withTests ? " [" + meta.importPath() + ".test]" : ""));
            boolean[] told = {frontendDone == null};
            ProcessResult first = GoProcess.run(cmd, src, env, cancel, line -> {
                if (!told[0] && (line.endsWith(": Found IsInBounds") || line.endsWith(": Found IsSliceInBounds"))) {
                    told[0] = true;
                    frontendDone.accept(output.copy());
                }
                output.add(line);
            });
            commands.add(String.join(" ", cmd));
            output.addAll(first.stderr());
            ProcessResult last = first;
            long millis = first.millis();

            if (first.succeeded() && xtests) {
                output.add("# " + meta.importPath() + "_test [" + meta.importPath() + ".test]");
                last = GoProcess.run(xcmd, xsrc, env, cancel, output::add);
                commands.add(String.join(" ", xcmd));
                output.addAll(last.stderr());
                millis += last.millis();
            }
            cancel.check();
            boolean ok = first.succeeded() && last.succeeded();
            // Kept when it compiled (a failure may come from the machine: a full disk, a killed process) and
            // its text is saved: an editor's compile of each keystroke is not worth the disk.
            if (ok && cache.isPresent() && output.recorded().size() <= CachedCompile.MAX_LINES && overlay.savedIn(meta.dir())) {
                cache.get().put(key, output.recorded(), true, millis, jsonDir);
            }
            ProcessResult result = new ProcessResult(ok ? 0 : 1, "", output.quoted(), millis);
            java.util.concurrent.Future<LogoptJson.Log> pendingJson = LogoptJson.readAsync(jsonDir, packageFiles, toolchain.goroot());
            CompilerTextLog.Parsed parsed = output.parsed(ok);
            LogoptJson.Log json = LogoptJson.await(pendingJson);
            return new PackageBuild.Output(commands, result, meta.importPath(), parsed, json, List.of(), true, output.sites());
        }
    }

    /**
     * The compile tool's backend concurrency: half the cores, at most 4. On 2 cores {@code -c=2} made
     * encoding/json's compile slower (617 vs 499 ms at -m), and a fast-path slice compile runs beside it.
     */
    static final int BACKEND_CONCURRENCY = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    /**
     * The compile command, with the flags the go command gives the same compile ({@code cmd/go/internal/work/gc.go}),
     * in its order: {@code -p} (the package's path, {@code main} for a main package built without its
     * tests), {@code -lang}, {@code -std}, {@code -complete}, {@code -goversion}, {@code -c}, the gcflags,
     * {@code -nolocalimports}, {@code -importcfg}, {@code -pack}. Left out on purpose: {@code -buildid}
     * (the go command's cache bookkeeping). {@code -o}, {@code -trimpath} and {@code -importcfg} name our own
     * private files.
     */
    static List<String> command(Path compiler, GoToolchain toolchain, PackageMetadata meta, String packagePath, Path cfg,
                                Path src, Path out, BuildOptions options, Path jsonDir, List<String> files) {
        List<String> cmd = new ArrayList<>(List.of(compiler.toString(), "-o", out.toString(), "-trimpath", src + "=>" + meta.dir(),
                "-p", packagePath));
        language(meta, toolchain).ifPresent(v -> cmd.add("-lang=" + v));
        if (meta.standard()) cmd.add("-std");
        if (!(meta.standard() && INCOMPLETE_STANDARD.contains(meta.importPath()))) cmd.add("-complete");
        String goversion = toolchain.env().getOrDefault("GOVERSION", "");
        if (goversion.startsWith("go1")) cmd.addAll(List.of("-goversion", goversion));
        cmd.add("-c=" + BACKEND_CONCURRENCY);
        cmd.addAll(GcFlags.userFlags(options.gcflags()));
        cmd.addAll(options.pgoFlags());
        cmd.addAll(options.detail().compilerFlags(jsonDir));
        cmd.addAll(List.of("-nolocalimports", "-importcfg", cfg.toString(), "-pack"));
        for (String f : files) cmd.add(src.resolve(f).toString());
        return cmd;
    }

    /**
     * Standard packages the go command compiles without {@code -complete}: parts of them are supplied
     * behind the scenes by the runtime (a body-less function there is no error).
     */
    private static final Set<String> INCOMPLETE_STANDARD = Set.of("bytes", "internal/poll", "net", "os", "runtime/metrics",
            "runtime/pprof", "runtime/trace", "sync", "syscall", "time");

    /**
     * The go command's {@code -lang}: the module's go line as a language version ({@code go 1.23.5} → go1.23;
     * no go line is go 1.16), unless that is newer than the toolchain; outside a module (the standard
     * library included) the toolchain's own from go1.23 on, none before.
     */
    static java.util.Optional<String> language(PackageMetadata meta, GoToolchain toolchain) {
        java.util.Optional<String> module = meta.goVersion()
                .filter(v -> dev.optlens.analysis.toolchain.GoVersion.parse("go" + v).map(m -> m.compareTo(toolchain.version()) <= 0).orElse(false))
                .map(DirectCompile::lang);
        if (module.isPresent() || toolchain.version().minor() < 23 && toolchain.version().major() == 1) return module;
        return java.util.Optional.of(lang(toolchain.version().major() + "." + toolchain.version().minor()));
    }

    /** {@code gover.Lang}: the major and minor of a version, {@code go} in front (1.23.5 → go1.23, 1.21rc1 → go1.21). */
    static String lang(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!m.find()) return "go" + version;
        if (m.group(2) == null || m.group(1).equals("1") && m.group(2).equals("0")) return "go" + m.group(1);
        return "go" + m.group(1) + "." + m.group(2);
    }

    /**
     * Copies the files (unsaved contents where there are) under names unique in any program
     * ({@link SourceNames}), numbered from {@code first}; returns the copies' names, in order.
     */
    private static List<String> copySources(Path to, Path dir, List<String> files, Overlay overlay, int first) throws IOException {
        Files.createDirectories(to);
        List<String> copies = new ArrayList<>();
        int i = first;
        for (String f : files) {
            String copy = SourceNames.marked(i++, f);
            String unsaved = overlay.contents().get(dir.resolve(f));
            if (unsaved != null) Files.write(to.resolve(copy), Overlay.utf8(unsaved));
            else Files.copy(dir.resolve(f), to.resolve(copy));
            copies.add(copy);
        }
        return copies;
    }

    private static Path importcfg(Path file, PackageMetadata meta, Map<String, Path> extra) throws IOException {
        StringBuilder b = new StringBuilder();
        meta.importMap().forEach((k, v) -> b.append("importmap ").append(k).append('=').append(v).append('\n'));
        meta.exports().forEach((k, v) -> b.append("packagefile ").append(k).append('=').append(v).append('\n'));
        extra.forEach((k, v) -> b.append("packagefile ").append(k).append('=').append(v).append('\n'));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
