package dev.optlens.cli;

import dev.optlens.analysis.gate.GateFinding;

import com.google.gson.GsonBuilder;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.PackageReport;

import dev.optlens.analysis.gate.Baseline;
import dev.optlens.analysis.profile.HotReport;
import dev.optlens.analysis.profile.PgoDecisions;
import dev.optlens.analysis.profile.Profile;
import dev.optlens.analysis.decision.GateCategory;

import java.io.IOException;
import java.io.Reader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code optlens check}: the decisions of packages, for people (grouped text) or programs (json), and
 * the gate: assertions in comments, changes since a baseline, as text, json, SARIF or GitHub
 * workflow commands.
 */
final class CheckCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    CheckCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(String[] args) {
        Flags flags;
        try {
            flags = Flags.parse(args, Stream.concat(Flags.BUILD.stream(), Stream.of("detail", "format", "baseline", "fail-on", "profile", "sort", "top", "pgo", "bench", "benchtime"))
                    .collect(Collectors.toSet()), Set.of("json", "pgo-diff"));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        String format = flags.value("format").orElse(flags.on("json") ? "json" : "text");
        if (!List.of("text", "json", "sarif", "github").contains(format)) return usage("--format takes text, json, sarif or github");
        Optional<Optional<Detail>> detail = PackageRun.detail(flags);
        if (detail.isEmpty()) return usage("--detail takes full, explained, summary or auto");
        String sort = flags.value("sort").orElse("place");
        if (!List.of("place", "hot").contains(sort)) return usage("--sort takes place (the default) or hot");
        boolean profiled = flags.value("profile").isPresent() || flags.value("bench").isPresent();
        if (sort.equals("hot") && !profiled) return usage("--sort=hot ranks by a profile: give --profile=FILE or --bench=PATTERN");
        if (flags.value("bench").isPresent() && (flags.value("profile").isPresent() || flags.positional.size() != 1)) {
            return usage("--bench runs one package's benchmarks: give one PATH, and no --profile");
        }
        int top;
        try {
            top = Integer.parseInt(flags.value("top").orElse(String.valueOf(Integer.MAX_VALUE)));
            if (top < 1) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return usage("--top takes a number from 1");
        }
        Optional<List<Profile>> profiles = flags.value("bench").isPresent()
                ? ProfileOption.bench(flags, Path.of(flags.positional.get(0)).toAbsolutePath().normalize(), env, err)
                : ProfileOption.read(flags, err);
        if (profiles.isEmpty()) return 2;
        Set<GateCategory> failOn = GateCategory.DEFAULT_FAIL_ON;
        if (flags.value("fail-on").isPresent()) {
            failOn = EnumSet.noneOf(GateCategory.class);
            for (String id : flags.value("fail-on").get().split(",")) {
                if (id.isBlank() || id.equals("none")) continue;
                Optional<GateCategory> c = GateCategory.byId(id.strip());
                if (c.isEmpty()) return usage("--fail-on takes heap, inline, bounds and nil, comma-separated (or none)");
                failOn.add(c.get());
            }
        }
        Optional<Baseline> baseline = Optional.empty();
        if (flags.value("baseline").isPresent()) {
            String named = flags.value("baseline").get();
            if (named.isBlank()) return usage("--baseline needs a file: --baseline=optlens-baseline.json");
            Path file = Path.of(named);
            if (Files.isDirectory(file)) {
                err.println("optlens: --baseline names a folder (" + file + "), not a baseline file; write one with"
                        + " 'optlens baseline PATH... > optlens-baseline.json'");
                return 2;
            }
            try (Reader in = Files.newBufferedReader(file)) {
                baseline = Optional.of(Baseline.read(file, in));
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("optlens: no baseline file " + file);
                return 2;
            } catch (java.nio.charset.CharacterCodingException e) {
                err.println("optlens: " + file + " is not an optlens baseline: it is not UTF-8 text");
                return 2;
            } catch (IOException e) {
                err.println("optlens: " + (e.getMessage() != null && e.getMessage().startsWith(file + " is not")
                        ? e.getMessage() : "cannot read the baseline " + file + ": " + dev.optlens.analysis.process.Reason.of(e)));
                return 2;
            }
        }
        PackageRun packages = new PackageRun("check", err, env);
        PackageRun.Requests named = packages.requests(flags.positional, flags.buildOptions(), detail.get());
        if (named.exitCode() != 0) return named.exitCode();
        PgoOption pgo = new PgoOption();
        Optional<List<dev.optlens.analysis.engine.AnalysisRequest>> guided = pgo.apply(flags.value("pgo").orElse("auto"), named.requests(), env, err);
        if (guided.isEmpty()) return 2;
        PackageRun.Result analysed = packages.analyze(guided.get());
        if (!analysed.ok()) return analysed.exitCode();
        List<PackageReport> reports = analysed.reports();
        Map<PackageReport, PgoDecisions> byProfile = PgoRun.compare(packages, pgo, named.requests(), reports);
        if (flags.on("pgo-diff")) return PgoRun.printDiff(byProfile, reports, out, err, env);
        if (baseline.isPresent() && !reports.isEmpty()) {
            baseline.get().otherBuild(reports.get(0).goVersion(), packages.goarch(flags.buildOptions()))
                    .ifPresent(w -> err.println("optlens: warning: " + w));
        }
        GateRun gate = new GateRun(reports, baseline, failOn);
        Path root = Path.of("").toAbsolutePath();
        Map<PackageReport, HotReport> hot = new java.util.IdentityHashMap<>();
        HotReport.Sums sums = HotReport.Sums.of(profiles.get()); // summed once for every package
        for (PackageReport r : reports) hot.put(r, HotReport.of(r.dir(), r.importPath(), r.decisions(), sums));
        if (!profiles.get().isEmpty() && !format.equals("json")) err.println("optlens: profiles: " + ProfileOption.describe(profiles.get()));
        switch (format) {
            case "json" -> out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(
                    PgoRun.addTo(GateJson.render(gate, baseline.isPresent(), hot), reports, byProfile)));
            case "sarif" -> out.println(new SarifOutput(root).render(gate.findings, Main.version(), rank(hot)));
            case "github" -> out.print(new GithubOutput(root).render(gate.findings));
            default -> {
                boolean review = baseline.isPresent();
                for (GateRun.PackageGate p : gate.packages) {
                    if (sort.equals("hot") && !review) {
                        out.print(HotText.render(p.report(), hot.get(p.report()), top));
                        continue;
                    }
                    if (review) {
                        out.print("package " + p.report().importPath() + " (" + p.report().goVersion() + ") " + p.report().dir()
                                + "\n  compared with " + flags.value("baseline").get() + "\n");
                    } else {
                        printHuman(p.report(), hot.get(p.report()), Optional.ofNullable(byProfile.get(p.report())));
                    }
                    out.print(GateText.render(gate, p, review));
                }
            }
        }
        boolean broken = packages.tellProblems(reports);
        if (gate.failed()) {
            long failing = gate.findings.stream().filter(GateFinding::failing).count();
            err.println("optlens: the gate fails: " + failing + (failing == 1 ? " finding" : " findings")
                    + " (violated assertions" + (baseline.isPresent() ? ", regressions in " + ids(failOn) : "") + ")");
        }
        return broken || gate.failed() ? 1 : 0;
    }

    /** A finding's SARIF rank (0–100): its line's share of the profile's allocated bytes. */
    private static java.util.function.Function<GateFinding, Optional<Double>> rank(Map<PackageReport, HotReport> hot) {
        return f -> hot.values().stream().map(h -> h.lineBytes(f.file(), f.range().start().line() + 1))
                .flatMap(Optional::stream).filter(h -> h.value() > 0).findFirst().map(h -> h.share() * 100);
    }

    private static String ids(Set<GateCategory> categories) {
        return categories.isEmpty() ? "none" : categories.stream().map(GateCategory::id).collect(Collectors.joining(","));
    }

    private int usage(String problem) {
        return Main.usage(err, "check", problem);
    }

    /** Decisions grouped by file, then function; within a function heap allocations first. */
    private void printHuman(PackageReport r, HotReport hot, Optional<PgoDecisions> pgo) {
        // Built whole and printed once: println flushes, and a big package has a million lines. Appended,
        // not formatted: a Formatter parses its pattern on every line (a fifth of a kept report's check).
        StringBuilder page = new StringBuilder();
        String nl = System.lineSeparator();
        page.append("package ").append(r.importPath()).append(" (").append(r.goVersion()).append(") ").append(r.dir()).append(nl);
        page.append("  go: ").append(r.toolchain()).append(nl);
        pgo.ifPresent(p -> page.append("  pgo: ").append(p.profile().why()).append(" (").append(p.profile().file()).append("): ")
                .append(p.made().size()).append(" decisions are the profile's, marked (PGO)").append(nl));
        Map<Decision, dev.optlens.analysis.profile.Heat> heats = hot.heats(r.decisions());
        Map<Path, Map<String, List<Decision>>> byFile = new LinkedHashMap<>();
        for (Decision d : r.decisions()) {
            byFile.computeIfAbsent(d.file(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(d.function().isEmpty() ? "(package level)" : d.function(), f -> new ArrayList<>()).add(d);
        }
        byFile.forEach((file, functions) -> {
            page.append("  ").append(r.dir().relativize(file)).append(nl);
            functions.forEach((fn, ds) -> {
                page.append("    ").append(fn).append(nl);
                ds.stream().sorted((a, b) -> Boolean.compare(!a.kind().isHeapAllocation(), !b.kind().isHeapAllocation())).forEach(d -> {
                    page.append("      ");
                    padded(page, d.line() + ":" + d.column(), 7).append(' ');
                    padded(page, d.kind().id(), 16).append(' ').append(d.message());
                    if (pgo.filter(p -> p.byProfile(d)).isPresent()) page.append(" (PGO)");
                    Optional.ofNullable(heats.get(d)).filter(h -> h.value() > 0).ifPresent(h -> page.append("  · ").append(h.words()));
                    page.append(nl);
                });
            });
        });
        long heap = r.count(DecisionKind.HEAP_ESCAPE) + r.count(DecisionKind.MOVED_TO_HEAP);
        page.append("  ").append(r.importPath()).append(": ").append(heap).append(" heap allocations, ")
                .append(r.count(DecisionKind.INLINE_CANDIDATE)).append(" inlinable functions, ")
                .append(r.count(DecisionKind.INLINE_REFUSED)).append(" refused")
                .append(r.compiled() ? "" : " (does not compile: " + r.errors().size() + " errors)").append(nl);
        out.print(page);
    }

    /** Appends {@code s} left-aligned in {@code width} columns (as %-Ns formats it). */
    private static StringBuilder padded(StringBuilder to, String s, int width) {
        to.append(s);
        for (int i = s.length(); i < width; i++) to.append(' ');
        return to;
    }
}
