package dev.optlens.cli;

import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.gate.Baseline;
import dev.optlens.analysis.gate.BaselineDiff.Change;
import dev.optlens.analysis.gate.Gate;
import dev.optlens.analysis.gate.GateFinding;
import dev.optlens.analysis.gate.GateFindings;
import dev.optlens.analysis.decision.GateCategory;

import java.util.ArrayList;
import java.util.List;
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
    final List<GateFinding> findings;

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
        return findings.stream().anyMatch(GateFinding::failing);
    }

    private List<GateFinding> findings() {
        List<GateFinding> out = new ArrayList<>();
        for (PackageGate p : packages) {
            for (AssertionResult a : p.assertions()) {
                if (!a.holds()) out.add(GateFindings.of(p.report().importPath(), a, gate.scope().sources()));
            }
            for (Change c : p.changes().orElse(List.of())) {
                if (c.regression() && c.where().isPresent()) out.add(GateFindings.of(c, failOn));
            }
        }
        return out;
    }

}
