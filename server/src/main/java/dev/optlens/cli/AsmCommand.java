package dev.optlens.cli;

import dev.optlens.analysis.asm.AssemblyException;
import dev.optlens.analysis.asm.AssemblyService;
import dev.optlens.analysis.asm.AssemblyView;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code optlens asm FILE[:FUNC] [--goarch=ARCH] [--goos=OS] [--gcflags=FLAGS] [--tags=T] [--full]}:
 * a function's assembly with the source line each instruction comes from.
 */
final class AsmCommand {
    static final String USAGE = "usage: optlens asm FILE[:FUNC] [--goarch=ARCH] [--goos=OS] [--gcflags=FLAGS] [--tags=T,...] [--full]";

    private AsmCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Flags flags;
        try {
            flags = Flags.parse(args, Flags.BUILD, java.util.Set.of("full"));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (flags.positional.size() > 1) return usage(err, "unexpected argument " + flags.positional.get(1));
        if (flags.positional.isEmpty()) return usage(err, "no FILE given");
        String target = flags.positional.get(0);
        boolean full = flags.on("full");
        String funcName = null;
        int colon = target.lastIndexOf(':');
        if (colon > 0 && !target.endsWith(".go") && target.substring(0, colon).endsWith(".go")) {
            funcName = target.substring(colon + 1);
            target = target.substring(0, colon);
        }
        Path file = Path.of(target).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".go")) return usage(err, "not a Go file: " + file);
        try {
            GoToolchain go = new ToolchainLocator(env).locate(Optional.empty(),
                    dev.optlens.analysis.toolchain.GoRequirement.of(file.getParent(), env));
            SourceCache sources = new SourceCache();
            GoSource src = sources.get(file, Optional.empty()).orElseThrow();
            Optional<dev.optlens.analysis.syntax.TextPosition> position = Optional.empty();
            if (funcName != null) {
                String wanted = funcName;
                Optional<GoFunction> f = src.functions().stream().filter(fn -> fn.name().equals(wanted)).findFirst();
                if (f.isEmpty()) {
                    err.println("optlens asm: no function " + funcName + " in " + file.getFileName() + " (functions: "
                            + String.join(", ", src.functions().stream().map(GoFunction::name).toList()) + ")");
                    return 2;
                }
                position = Optional.of(f.get().nameRange().start());
            }
            BuildOptions options = flags.buildOptions();
            AssemblyView view = new AssemblyService(env, sources).view(go, file, position, options, Overlay.NONE, !full,
                    CancellationToken.NONE);
            print(out, view, src);
            return 0;
        } catch (ToolchainException e) {
            err.println("optlens: " + e.getMessage());
            return 2;
        } catch (AssemblyException e) {
            err.println("optlens asm: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("optlens asm: " + e.getMessage());
            return 2;
        }
    }

    /** The listing with each new source line printed above the instructions compiled from it. */
    private static void print(PrintStream out, AssemblyView view, GoSource src) {
        out.println("// " + view.function() + " for " + view.goos() + "/" + view.goarch());
        Optional<Integer> last = Optional.empty();
        List<String> sourceLines = src.text().lines().toList();
        for (AssemblyView.Line l : view.lines()) {
            if (l.line().isPresent() && !l.line().equals(last) && l.inlined().isEmpty()) {
                int n = l.line().get();
                out.printf("%5d  %s%n", n + 1, n < sourceLines.size() ? sourceLines.get(n).strip() : "");
                last = l.line();
            }
            out.println("       " + l.text());
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("optlens asm: " + problem + "\n" + USAGE);
        return 2;
    }
}
