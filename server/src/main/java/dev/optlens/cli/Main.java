package dev.optlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code optlens} command line: {@code check}, {@code baseline}, {@code diff}, {@code asm}, {@code lsp}, {@code --version}.
 * Exit codes: 0 success, 1 a package does not compile or the gate fails (an assertion does not hold, a
 * regression since the baseline), 2 bad usage or no usable Go toolchain.
 */
public final class Main {
    static final String USAGE = """
            usage: optlens check [--format=text|json|sarif|github] [--baseline=FILE] [--fail-on=heap,inline,bounds,nil]
                                 [--gcflags=FLAGS] [--goos=OS] [--goarch=ARCH] [--tags=T,...] [--detail=LEVEL]
                                 [--profile=FILE,... | --bench=PATTERN [--benchtime=T]] [--sort=place|hot] [--top=N]
                                 [--pgo=auto|off|FILE] [--pgo-diff] PATH...
                   optlens baseline [--gcflags=FLAGS] [--goos=OS] [--goarch=ARCH] [--tags=T,...] PATH... > optlens-baseline.json
                   optlens diff (--go=1.23,1.27 | --goarch=amd64,arm64 | --env=GOAMD64=v1,v3 | --gcflags=A,B
                                 | --a='go=1.23' --b='go=1.27 goarch=arm64') [--format=text|json|github] [--all] PATH...
                   optlens asm FILE[:FUNC] [--goarch=ARCH] [--goos=OS] [--gcflags=FLAGS] [--tags=T,...] [--full]
                   optlens lsp [--port=N]
                   optlens --version

            PATH is a package directory, a .go file (its package) or a dir/... pattern.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs a command with the given process environment (where go is looked up). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "--version", "version" -> {
                out.println("optlens " + version());
                return 0;
            }
            case "check" -> {
                return new CheckCommand(out, err, env).run(rest);
            }
            case "baseline" -> {
                return BaselineCommand.run(rest, out, err, env);
            }
            case "diff" -> {
                return DiffCommand.run(rest, out, err, env);
            }
            case "asm" -> {
                return AsmCommand.run(rest, out, err, env);
            }
            case "lsp" -> {
                return LspCommand.run(rest, err, env);
            }
            case "-h", "--help", "help" -> {
                out.println(USAGE);
                return 0;
            }
            default -> {
                err.println("optlens: unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
            }
        }
    }

    /** Tells a command's usage problem with the usage text; the exit code for bad usage. */
    static int usage(java.io.PrintStream err, String command, String problem) {
        err.println("optlens " + command + ": " + problem + "\n" + USAGE);
        return 2;
    }

    public static String version() {
        return dev.optlens.server.ServerApi.version();
    }
}
