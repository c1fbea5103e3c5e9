package dev.optlens.analysis.build;

import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.LogoptJson;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.process.TempRoot;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How {@link DirectCompile} keys its compiles in the {@link CompileCache} and replays a kept one. */
final class CachedCompile {
    /** Outputs longer than this are not kept (a generated 5 MB file prints 44 MB of -m text). */
    static final int MAX_LINES = 400_000;

    /**
     * The variables the compile tool reads (cmd/internal/buildcfg, objabi): the target, its
     * instruction-set levels, experiments and debug settings.
     */
    private static final Set<String> COMPILER_VARIABLES = Set.of("GOOS", "GOARCH", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS",
            "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM", "GOEXPERIMENT", "GODEBUG", "GOFIPS140", "GOROOT", "CGO_ENABLED");

    private CachedCompile() {
    }

    /**
     * The key of a compile: the compile tool, the variables it reads, its command lines (our private
     * folder written as {@code $T}), each source file's name and bytes, the import configurations.
     */
    static String key(TempRoot tmp, GoToolchain toolchain, Map<String, String> env, List<String> cmd, List<String> xcmd,
                      List<String> files, List<String> copies, Path src, List<String> xfiles, List<String> xcopies, Path xsrc,
                      List<Path> configs) throws IOException {
        CompileCache.Key k = new CompileCache.Key();
        Path compiler = toolchain.toolDir().resolve("compile");
        k.text(compiler.toString()).text(toolchain.version().text());
        if (Files.isRegularFile(compiler)) {
            k.text(Long.toString(Files.size(compiler))).text(Files.getLastModifiedTime(compiler).toString());
        }
        k.text(toolchain.goroot().map(Path::toString).orElse(""));
        new TreeMap<>(env).forEach((name, value) -> {
            if (COMPILER_VARIABLES.contains(name)) k.text(name).text(value);
        });
        String t = tmp.dir().toString();
        k.text("cmd");
        cmd.forEach(a -> k.text(a.replace(t, "$T")));
        // A profile is read by the compile: its bytes, not its name, are what the result depends on.
        for (String a : cmd) if (a.startsWith("-pgoprofile=")) k.file(Path.of(a.substring("-pgoprofile=".length())));
        k.text("xcmd");
        xcmd.forEach(a -> k.text(a.replace(t, "$T")));
        for (int i = 0; i < files.size(); i++) k.text(files.get(i)).file(src.resolve(copies.get(i)));
        k.text("xtest");
        for (int i = 0; i < xcopies.size(); i++) k.text(xfiles.get(i)).file(xsrc.resolve(xcopies.get(i)));
        // Sorted: the lines' order is a map's and means nothing to the compiler.
        for (Path c : configs) k.text(Files.isRegularFile(c) ? Files.readString(c).replace(t, "$T").lines().sorted().toList().toString() : "");
        return k.done();
    }

    /** The result of a kept compile, read as a fresh one is (its -json log copied where it is read). */
    static PackageBuild.Output replay(CompileCache.Entry e, GoToolchain toolchain, PackageMetadata meta, Set<Path> packageFiles,
                                      Path jsonDir, List<List<String>> commands) throws IOException {
        OutputLines output = new OutputLines();
        e.lines().forEach(output::add);
        CompileCache.copyTree(e.log(), jsonDir);
        ProcessResult result = new ProcessResult(e.ok() ? 0 : 1, "", output.quoted(), e.millis());
        java.util.concurrent.Future<LogoptJson.Log> pending = LogoptJson.readAsync(jsonDir, packageFiles, toolchain.goroot());
        CompilerTextLog.Parsed parsed = CompilerTextLog.parse(output.lines(), meta.dir(), e.ok(), toolchain.goroot());
        LogoptJson.Log json = LogoptJson.await(pending);
        return new PackageBuild.Output(commands.stream().map(c -> String.join(" ", c) + "  # kept from an earlier compile").toList(),
                result, meta.importPath(), parsed, json, List.of(), true, output.sites());
    }
}
