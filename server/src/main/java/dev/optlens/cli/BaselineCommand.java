package dev.optlens.cli;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.gate.Baseline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code optlens baseline PATH...}: the packages' decisions by line-independent identity, as JSON on
 * stdout, for {@code optlens check --baseline}. Nothing is written when a package does not compile:
 * a baseline of a broken tree would make every decision look new.
 */
final class BaselineCommand {
    private BaselineCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Flags flags;
        try {
            flags = Flags.parse(args, Stream.concat(Flags.BUILD.stream(), Stream.of("detail")).collect(Collectors.toSet()), Set.of());
        } catch (IllegalArgumentException e) {
            return Main.usage(err, "baseline", e.getMessage());
        }
        Optional<Optional<dev.optlens.analysis.build.Detail>> detail = PackageRun.detail(flags);
        if (detail.isEmpty()) {
            return Main.usage(err, "baseline", "--detail takes full, explained, summary or auto");
        }
        PackageRun packages = new PackageRun("baseline", err, env);
        PackageRun.Result analysed = packages.analyze(flags.positional, flags.buildOptions(), detail.get());
        if (!analysed.ok()) return analysed.exitCode();
        List<PackageReport> reports = analysed.reports();
        if (packages.tellProblems(reports)) {
            err.println("optlens baseline: no baseline written: a package does not compile");
            return 1;
        }
        Map<String, List<Decision>> decisions = new LinkedHashMap<>();
        reports.forEach(r -> decisions.merge(r.importPath(), r.decisions(),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        String go = reports.isEmpty() ? "" : reports.get(0).goVersion();
        String goarch = packages.goarch(flags.buildOptions());
        PrintWriter writer = new PrintWriter(out, false, StandardCharsets.UTF_8);
        try {
            Baseline.of(go, goarch, decisions).write(writer);
        } catch (IOException e) {
            err.println("optlens baseline: " + e.getMessage());
            return 2;
        }
        writer.flush();
        err.println("optlens: baseline of " + reports.size() + (reports.size() == 1 ? " package" : " packages") + " (" + go + " for " + goarch + ")");
        return 0;
    }
}
