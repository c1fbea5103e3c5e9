package dev.optlens.analysis.build;

import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.LogoptJson;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** The result of one build. */
    public record Output(List<String> command, ProcessResult process, String importPath,
                         CompilerTextLog.Parsed text, LogoptJson.Log json) {
    }

    private PackageBuild() {
    }

    /**
     * @param fileArgs when not empty, the package is exactly these files ({@code go build a.go} semantics)
     */
    public static Output run(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options,
                             Overlay overlay, Set<Path> packageFiles, List<Path> fileArgs, CancellationToken cancel)
            throws IOException {
        try (TempRoot tmp = new TempRoot("optlens-build-")) {
            Path jsonDir = tmp.resolve("log");
            List<String> cmd = new ArrayList<>(List.of(toolchain.go().toString(), "list", "-test", "-export",
                    "-f", "{{.ImportPath}}"));
            Map<Path, Path> originals = Map.of();
            if (!overlay.isEmpty()) {
                Overlay.Written written = overlay.write(tmp);
                cmd.add("-overlay=" + written.json());
                originals = written.originals();
            }
            if (!options.tags().isEmpty()) cmd.add("-tags=" + String.join(",", options.tags()));
            cmd.add("-gcflags=" + GcFlags.merge(options.gcflags(), List.of("-m=2", "-json=0," + jsonDir.toUri())));
            if (fileArgs.isEmpty()) cmd.add(".");
            else fileArgs.forEach(f -> cmd.add(dir.relativize(f).toString()));

            Map<String, String> env = new java.util.HashMap<>(GoEnvironment.forGo(userEnv));
            options.goos().ifPresent(v -> env.put("GOOS", v));
            options.goarch().ifPresent(v -> env.put("GOARCH", v));
            ProcessResult result = GoProcess.run(cmd, dir, env, cancel);
            cancel.check();

            // Type errors in an overlaid file name the replacement file; decisions name the original.
            String stderr = result.stderr();
            for (Map.Entry<Path, Path> e : originals.entrySet()) {
                stderr = stderr.replace(e.getKey().toString(), e.getValue().toString());
            }
            CompilerTextLog.Parsed text = CompilerTextLog.parse(stderr, dir, result.succeeded());
            LogoptJson.Log json = LogoptJson.read(jsonDir, packageFiles);
            String importPath = result.stdout().lines().findFirst().orElse("").trim();
            return new Output(List.copyOf(cmd), result, importPath, text, json);
        }
    }
}
