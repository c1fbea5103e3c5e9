package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.GateCategory;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Findings from assertion verdicts and baseline changes, made in one place for the command line and
 * the editor, so both give a finding the same rule and fingerprint.
 */
public final class GateFindings {
    /** Every rule a finding can name, with what it means: the kinds' own (see {@link DecisionKind}), then the assertions'. */
    public static final Map<String, String> RULES = rules();

    private GateFindings() {
    }

    private static Map<String, String> rules() {
        Map<String, String> r = new LinkedHashMap<>();
        for (DecisionKind k : DecisionKind.values()) k.ruleDescription().ifPresent(d -> r.put(k.id(), d));
        r.put("assert-noescape", "//optlens:noescape or //gcassert:noescape does not hold: something on the line escapes");
        r.put("assert-stack", "//optlens:stack does not hold: the variable is moved to the heap");
        r.put("assert-inline", "//optlens:inline or //gcassert:inline does not hold: a call is not inlined");
        r.put("assert-nobce", "//optlens:nobce or //gcassert:bce does not hold: a bounds check remains");
        r.put("assert-invalid", "An optlens or gcassert directive that cannot be checked");
        return java.util.Collections.unmodifiableMap(r);
    }

    /** A rule's name for people (SARIF's {@code name}): heap-escape is HeapEscape. */
    public static String ruleName(String ruleId) {
        // SARIF wants a name that differs from the id: one word would only change case.
        if (ruleId.equals(DecisionKind.DEVIRTUALIZED.id())) return "NoLongerDevirtualized";
        StringBuilder b = new StringBuilder();
        for (String part : ruleId.split("-")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.toString();
    }

    /**
     * An assertion that does not hold (or cannot be checked). Its identity leaves the line out: the
     * package, the file, the function, the directive and the code it is about.
     *
     * @param sources the package's files as they are now (to read the asserted line and its function)
     */
    public static GateFinding of(String importPath, AssertionResult a, Function<Path, Optional<GoSource>> sources) {
        String rule = a.verdict() == AssertionResult.Verdict.INVALID ? "assert-invalid"
                : "assert-" + a.assertion().kind().name().toLowerCase(Locale.ROOT);
        List<ExplanationStep> steps = new ArrayList<>();
        for (Decision d : a.evidence()) {
            steps.add(new ExplanationStep(d.message(), Optional.of(d.file()), d.line(), d.column()));
            steps.addAll(d.explanation());
        }
        Optional<GoSource> source = sources.apply(a.assertion().file());
        String code = source.map(s -> s.lineText(a.assertion().line()).strip()).orElse("");
        String function = source.flatMap(s -> a.assertion().line() < s.lines().lineCount()
                        ? s.functionAt(s.lines().lineStart(a.assertion().line())) : Optional.empty())
                .map(GoFunction::name).orElse("");
        return new GateFinding(rule, true, a.assertion().file(), a.assertion().range(), a.assertion().written() + " does not hold",
                a.message(), steps, DecisionIdentity.fingerprintOf(importPath + '\u001f' + a.assertion().file().getFileName() + '\u001f'
                + function + '\u001f' + a.assertion().written() + '\u001f' + code), function);
    }

    /** A regression since the baseline that has a place to be shown; {@code failing} when its category is in {@code failOn}. */
    public static GateFinding of(BaselineDiff.Change c, Set<GateCategory> failOn) {
        List<ExplanationStep> steps = new ArrayList<>();
        c.decision().ifPresent(d -> steps.addAll(d.explanation()));
        for (Decision d : c.reasons()) {
            steps.add(new ExplanationStep(d.message(), Optional.of(d.file()), d.line(), d.column()));
            steps.addAll(d.explanation());
        }
        DecisionKind kind = c.decision().map(Decision::kind).orElse(c.identity().kind());
        // A function that lost inlining shows where it is refused now.
        String rule = !c.isNew() && kind == DecisionKind.INLINE_CANDIDATE ? DecisionKind.INLINE_REFUSED.id() : kind.id();
        String title = switch (c.category()) {
            case HEAP -> "new heap allocation";
            case INLINE -> switch (kind) {
                case INLINED_CALL, CALL_NOT_INLINED -> "call no longer inlined";
                case DEVIRTUALIZED -> "call no longer devirtualized";
                default -> "function no longer inlinable";
            };
            case BOUNDS -> "new bounds check";
            case NIL -> "new nil check";
        };
        return new GateFinding(rule, failOn.contains(c.category()), c.where().orElseThrow().file(), c.where().orElseThrow().range(),
                title, c.summary(), steps, c.identity().fingerprint(), c.identity().function());
    }
}
