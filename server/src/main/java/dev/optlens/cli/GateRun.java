package dev.optlens.cli;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.gate.Baseline;
import dev.optlens.analysis.gate.BaselineDiff.Change;
import dev.optlens.analysis.gate.Gate;
import dev.optlens.analysis.gate.GateCategory;
import dev.optlens.analysis.syntax.GoSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The gate over analysed packages: their assertions, their changes since a baseline, what fails. */
final class GateRun {
    /** One package's part. {@code changes} is empty without a baseline or when it does not know the package. */
    record PackageGate(PackageReport report, List<AssertionResult> assertions, Optional<List<Change>> changes) {
    }

    private final Gate gate;
    final List<PackageGate> packages;
    final Set<GateCategory> failOn;
    /** Violated and unreadable assertions, then regressions, package by package. */
    final List<Finding> findings;

    GateRun(List<PackageReport> reports, Optional<Baseline> baseline, Set<GateCategory> failOn) {
        this.gate = new Gate(reports);
        this.failOn = failOn;
        List<PackageGate> out = new ArrayList<>();
        for (PackageReport r : reports) {
            // A package that does not compile has no decisions: nothing to check, nothing to compare (it fails anyway).
            if (!r.compiled()) {
                out.add(new PackageGate(r, List.of(), Optional.empty()));
                continue;
            }
            out.add(new PackageGate(r, gate.assertions(r), baseline.flatMap(b -> gate.changes(b, r))));
        }
        this.packages = List.copyOf(out);
        this.findings = findings();
    }

    boolean failed() {
        return findings.stream().anyMatch(Finding::failing);
    }

    private List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (PackageGate p : packages) {
            for (AssertionResult a : p.assertions()) {
                if (!a.holds()) out.add(finding(p.report(), a));
            }
            for (Change c : p.changes().orElse(List.of())) {
                if (c.regression() && c.where().isPresent()) out.add(finding(c));
            }
        }
        return out;
    }

    private Finding finding(PackageReport r, AssertionResult a) {
        String rule = a.verdict() == AssertionResult.Verdict.INVALID ? "assert-invalid"
                : "assert-" + a.assertion().kind().name().toLowerCase(Locale.ROOT);
        List<ExplanationStep> steps = new ArrayList<>();
        for (Decision d : a.evidence()) {
            steps.add(new ExplanationStep(d.message(), Optional.of(d.file()), d.line(), d.column()));
            steps.addAll(d.explanation());
        }
        // Identity without the line: the package, the file, the function, the directive and the code it is about.
        Optional<GoSource> source = gate.scope().sources().apply(a.assertion().file());
        String code = source.map(s -> s.lineText(a.assertion().line()).strip()).orElse("");
        String function = source.flatMap(s -> a.assertion().line() < s.lines().lineCount()
                        ? s.functionAt(s.lines().lineStart(a.assertion().line())) : Optional.empty())
                .map(dev.optlens.analysis.syntax.GoFunction::name).orElse("");
        return new Finding(rule, true, a.assertion().file(), a.assertion().range(), a.assertion().written() + " does not hold",
                a.message(), steps, hash(r.importPath() + '\u001f' + a.assertion().file().getFileName() + '\u001f' + function
                + '\u001f' + a.assertion().written() + '\u001f' + code), function);
    }

    private Finding finding(Change c) {
        List<ExplanationStep> steps = new ArrayList<>();
        c.decision().ifPresent(d -> steps.addAll(d.explanation()));
        for (Decision d : c.reasons()) {
            steps.add(new ExplanationStep(d.message(), Optional.of(d.file()), d.line(), d.column()));
            steps.addAll(d.explanation());
        }
        String rule = c.decision().map(d -> d.kind().id()).orElse(c.identity().kind().id());
        if (!c.isNew() && c.identity().kind() == dev.optlens.analysis.decision.DecisionKind.INLINE_CANDIDATE) rule = "inline-refused";
        String title = switch (c.category()) {
            case HEAP -> "new heap allocation";
            case INLINE -> c.summary().startsWith("call") ? "call no longer inlined" : "function no longer inlinable";
            case BOUNDS -> "new bounds check";
            case NIL -> "new nil check";
        };
        return new Finding(rule, failOn.contains(c.category()), c.where().orElseThrow().file(), c.where().orElseThrow().range(),
                title, c.summary(), steps, c.identity().fingerprint(), c.identity().function());
    }


    private static String hash(String key) {
        return dev.optlens.analysis.gate.DecisionIdentity.fingerprintOf(key);
    }
}
