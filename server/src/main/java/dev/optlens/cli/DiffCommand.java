package dev.optlens.cli;

import com.google.gson.GsonBuilder;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.compare.BuildSide;
import dev.optlens.analysis.compare.Comparison;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code optlens diff}: the same packages built two ways — two Go releases, two GOARCHes, two values
 * of a variable such as GOAMD64, two gcflags, or two named builds — and the decisions that differ,
 * grouped by function, in the compiler's words on each side. Exit code 0 when nothing that matters
 * differs, 1 when something does, 2 for bad usage, a missing release or a package one side cannot build.
 */
final class DiffCommand {
    private static final List<String> AXES = List.of("go", "goarch", "goos", "gcflags", "env");

    private DiffCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Flags flags;
        try {
            flags = Flags.parse(args, Set.of("go", "goarch", "goos", "gcflags", "env", "tags", "a", "b", "format"), Set.of("all", "json"));
        } catch (IllegalArgumentException e) {
            return Main.usage(err, "diff", e.getMessage());
        }
        String format = flags.value("format").orElse(flags.on("json") ? "json" : "text");
        if (!List.of("text", "json", "github").contains(format)) return Main.usage(err, "diff", "--format takes text, json or github");
        List<BuildSide> sides;
        BuildOptions base;
        try {
            sides = sides(flags);
            base = baseOptions(flags);
        } catch (IllegalArgumentException e) {
            return Main.usage(err, "diff", e.getMessage());
        }
        PackageRun.Requests named = new PackageRun("diff", err, env).requests(flags.positional, base, Optional.of(Detail.FULL));
        if (named.exitCode() != 0) return named.exitCode();
        List<AnalysisRequest> requests = named.requests();
        List<Comparison.PackageDiff> diffs;
        Comparison.Side a;
        Comparison.Side b;
        long kept = dev.optlens.analysis.build.CompileCache.hits();
        try {
            a = Comparison.side(sides.get(0), env);
            b = Comparison.side(sides.get(1), env);
            diffs = Comparison.run(a, b, requests, CancellationToken.NONE);
            kept = dev.optlens.analysis.build.CompileCache.hits() - kept;
            if (kept > 0) {
                err.println("optlens diff: " + kept + " of " + 2 * requests.size() + " compiles read back from the compile cache"
                        + " (nothing they depend on changed)");
            }
        } catch (ToolchainException | IOException e) {
            err.println("optlens diff: " + e.getMessage());
            return 2;
        }
        DiffOutput output = new DiffOutput(a, b, diffs, flags.on("all"));
        switch (format) {
            case "json" -> out.println(new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(output.json()));
            case "github" -> out.print(output.github(Path.of(env.getOrDefault("GITHUB_WORKSPACE", "")).toAbsolutePath()));
            default -> out.print(output.text());
        }
        boolean broken = false;
        for (Comparison.PackageDiff d : diffs) {
            for (var r : List.of(d.a(), d.b())) {
                if (r.compiled()) continue;
                broken = true;
                String who = r == d.a() ? a.describe() : b.describe();
                err.println("optlens diff: " + (r.importPath().isEmpty() ? r.dir().toString() : r.importPath()) + " does not build with "
                        + who + ":");
                r.errors().forEach(e -> err.println("  " + e.file().map(f -> r.dir().relativize(f) + ":" + e.line() + ":" + e.column() + ": ")
                        .orElse("") + e.message()));
            }
        }
        if (broken) return 2;
        return output.shown() > 0 ? 1 : 0;
    }

    /** The two builds: one axis with two values, or --a and --b. */
    static List<BuildSide> sides(Flags flags) {
        List<String> axes = AXES.stream().filter(x -> flags.value(x).map(v -> x.equals("env") || v.contains(",")).orElse(false)).toList();
        boolean named = flags.value("a").isPresent() || flags.value("b").isPresent();
        if (named) {
            if (flags.value("a").isEmpty() || flags.value("b").isEmpty()) throw new IllegalArgumentException("--a and --b go together");
            if (!axes.isEmpty()) throw new IllegalArgumentException("--a/--b name both builds: give no --" + axes.get(0) + " with two values besides");
            return List.of(BuildSide.parse(flags.value("a").get()), BuildSide.parse(flags.value("b").get()));
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("name what differs: --go=1.23,1.27, --goarch=amd64,arm64, --env=GOAMD64=v1,v3,"
                    + " --gcflags=A,B, or --a='go=1.23' --b='go=1.27 goarch=arm64'");
        }
        if (axes.size() > 1) {
            throw new IllegalArgumentException("one axis at a time (--" + axes.get(0) + " and --" + axes.get(1)
                    + " both have two values); name two builds with --a and --b to change several things");
        }
        List<BuildSide> two = BuildSide.axis(axes.get(0), flags.value(axes.get(0)).get());
        Optional<String> go = flags.value("go").filter(v -> !v.contains(",") && !v.isBlank());
        if (go.isEmpty()) return two;
        return two.stream().map(s -> new BuildSide(s.label(), go, s.goos(), s.goarch(), s.gcflags(), s.env())).toList();
    }

    /** What both builds share: single-valued go, goos, goarch and gcflags, and the tags. */
    private static BuildOptions baseOptions(Flags flags) {
        BuildOptions o = flags.buildOptions();
        String gcflags = flags.value("gcflags").filter(v -> !v.contains(",")).orElse("");
        Optional<String> goos = flags.value("goos").filter(v -> !v.contains(",") && !v.isBlank());
        Optional<String> goarch = flags.value("goarch").filter(v -> !v.contains(",") && !v.isBlank());
        BuildOptions shared = new BuildOptions(gcflags, goos, goarch, o.tags(), Detail.FULL, true);
        shared.check();
        return shared;
    }
}
