package dev.optlens.analysis.profile;

import dev.optlens.analysis.compare.DecisionDiff;
import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a profile changed in a package's decisions: the same package compiled without it and with it,
 * compared by the gate's identity. A decision of the guided build that the plain build does not make
 * (hot call-site inlining beyond the budget, a raised budget, PGO devirtualization) is the profile's.
 * The compiler says so only in its debug output and never in its -json log, so optlens compares.
 *
 * @param without the package built without the profile
 * @param made    the guided build's decisions that only the profile makes (by identity)
 */
public record PgoDecisions(PgoProfile profile, PackageReport without, List<Difference> differences, Set<Decision> made) {
    public static PgoDecisions of(PgoProfile profile, PackageReport without, PackageReport with) {
        List<Difference> differences = DecisionDiff.compare(without.decisions(), with.decisions());
        Set<Decision> made = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Difference d : differences) {
            if (d.change() != Difference.Change.ONLY_A) d.b().ifPresent(made::add);
        }
        return new PgoDecisions(profile, without, differences, made);
    }

    /** Whether the guided build makes this decision only because of the profile. */
    public boolean byProfile(Decision d) {
        return made.contains(d);
    }
}
