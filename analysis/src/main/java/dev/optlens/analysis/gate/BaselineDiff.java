package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.GateCategory;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed in a package since its baseline. A decision is new when its identity is not in the
 * baseline, gone when a baseline identity is not among the current decisions. Regressions: a new
 * heap allocation, bounds or nil check; a function that was inlinable and now is refused; a call
 * that was inlined and is still there, not inlined.
 */
public final class BaselineDiff {
    /** Where a change is shown: a current decision's range, or a call that is no longer inlined. */
    public record Site(Path file, TextRange range) {
    }

    /**
     * One change.
     *
     * @param identity   the decision's identity (a gone one: as the baseline recorded it)
     * @param decision   the current decision, for a new one
     * @param before     the baseline entry, for a gone one
     * @param where      where to show it; empty for a gone decision whose code is gone too
     * @param summary    one line for a review comment
     * @param reasons    the compiler's current decisions that explain a regression (a refusal with its cost)
     */
    public record Change(GateCategory category, boolean isNew, boolean regression, DecisionIdentity identity,
                         Optional<Decision> decision, Optional<Baseline.Entry> before, Optional<Site> where, String summary,
                         List<Decision> reasons) {
        /** A decision that cost something is gone (a heap allocation, a check, a call not inlined): a fix. */
        public boolean fixed() {
            return !isNew && !regression && costs(identity.kind());
        }
    }

    /** Whether a decision of the kind costs at run time, so that its going away is a fix. */
    private static boolean costs(DecisionKind kind) {
        return switch (kind) {
            case INLINE_CANDIDATE, INLINED_CALL, DEVIRTUALIZED, INLINE_REFUSED -> false;
            default -> true;
        };
    }

    private BaselineDiff() {
    }

    /** The changes of one package; empty when the baseline does not know the package. */
    public static Optional<List<Change>> compare(Baseline baseline, String importPath, GateScope scope) {
        Optional<Map<DecisionIdentity, Baseline.Entry>> before = baseline.recorded(importPath);
        if (before.isEmpty()) return Optional.empty();
        List<Decision> current = scope.all().filter(d -> GateCategory.of(d.kind()).isPresent()).toList();
        List<DecisionIdentity> now = DecisionIdentity.of(importPath, current);
        Set<DecisionIdentity> was = before.get().keySet();
        Set<DecisionIdentity> is = new HashSet<>(now);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            DecisionIdentity id = now.get(i);
            if (was.contains(id)) continue;
            Decision d = current.get(i);
            GateCategory category = GateCategory.of(d.kind()).orElseThrow();
            boolean regression = category != GateCategory.INLINE;
            String summary = switch (d.kind()) {
                case INLINE_CANDIDATE -> "now inlinable: " + d.message();
                case INLINED_CALL -> "newly inlined: " + d.message();
                case INLINE_REFUSED -> "refused inlining: " + d.message();
                default -> "new: " + d.message();
            };
            out.add(new Change(category, true, regression, id, Optional.of(d), Optional.empty(),
                    Optional.of(new Site(d.file(), d.range())), summary, List.of()));
        }
        before.get().forEach((id, entry) -> {
            if (!is.contains(id)) out.add(gone(id, entry, scope));
        });
        // A refusal that is the reason of a lost candidate is told there, once.
        Set<String> lost = new HashSet<>();
        out.stream().filter(c -> c.regression() && c.identity().kind() == DecisionKind.INLINE_CANDIDATE).forEach(c -> lost.add(c.identity().function()));
        out.removeIf(c -> c.isNew() && c.identity().kind() == DecisionKind.INLINE_REFUSED && lost.contains(c.identity().function()));
        out.sort(java.util.Comparator.comparing((Change c) -> c.identity().function()).thenComparing(c -> !c.regression()));
        return Optional.of(out);
    }

    private static Change gone(DecisionIdentity id, Baseline.Entry entry, GateScope scope) {
        GateCategory category = GateCategory.of(id.kind()).orElseThrow();
        String was = entry.message();
        if (id.kind() == DecisionKind.INLINE_CANDIDATE) {
            List<Decision> refused = scope.all().filter(d -> d.kind() == DecisionKind.INLINE_REFUSED
                    && d.function().equals(id.function())).toList();
            if (!refused.isEmpty()) {
                Decision r = refused.get(0);
                return new Change(category, false, true, id, Optional.empty(), Optional.of(entry),
                        Optional.of(new Site(r.file(), r.range())), "no longer inlinable: " + r.message(), refused);
            }
        }
        Optional<String> wasCallee = dev.optlens.analysis.decision.InlinedCall.callee(was);
        if (id.kind() == DecisionKind.INLINED_CALL && wasCallee.isPresent()) {
            String callee = wasCallee.get();
            String name = dev.optlens.analysis.decision.InlinedCall.shortName(callee);
            Optional<Site> site = callNotInlined(scope, id.function(), name);
            if (site.isPresent()) {
                List<Decision> refused = scope.all().filter(d -> d.kind() == DecisionKind.INLINE_REFUSED
                        && (d.function().equals(callee) || callee.endsWith("." + d.function()))).toList();
                return new Change(category, false, true, id, Optional.empty(), Optional.of(entry), site,
                        "call no longer inlined: " + callee + (refused.isEmpty() ? "" : " (" + refused.get(0).message() + ")"), refused);
            }
        }
        String summary = (costs(id.kind()) ? "gone (fixed): " : "gone: ") + was;
        return new Change(category, false, false, id, Optional.empty(), Optional.of(entry), Optional.empty(), summary, List.of());
    }

    /**
     * A call of {@code name} in the function that no inlining decision covers: the call is still
     * there and the compiler no longer inlines it.
     */
    private static Optional<Site> callNotInlined(GateScope scope, String function, String name) {
        for (Path file : scope.files()) {
            Optional<GoSource> source = scope.sources().apply(file);
            if (source.isEmpty()) continue;
            Optional<GoFunction> fn = source.get().functions().stream().filter(f -> f.name().equals(function)).findFirst();
            if (fn.isEmpty()) continue;
            for (GoCalls.Call c : GoCalls.named(source.get(), name)) {
                if (!fn.get().range().contains(c.range().start())) continue;
                if (scope.inlinedAt(file, c.range()).isEmpty()) return Optional.of(new Site(file, c.range()));
            }
        }
        return Optional.empty();
    }
}
