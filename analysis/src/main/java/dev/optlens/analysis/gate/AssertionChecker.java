package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.gate.Assertion.Dialect;
import dev.optlens.analysis.gate.AssertionResult.CallSite;
import dev.optlens.analysis.gate.AssertionResult.Verdict;
import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoCalls.Call;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks assertions against the compiler's decisions. It never decides anything itself: an assertion
 * holds when the compiler's decisions on its line (or, for a function, at its call sites) say so, and a
 * violation quotes them. Decisions are matched by their current range, so the check stays right while
 * the text is edited.
 */
public final class AssertionChecker {
    private final GateScope scope;
    private Set<String> typeNames;

    public AssertionChecker(GateScope scope) {
        this.scope = scope;
    }

    /** Checks each assertion of a file. */
    public List<AssertionResult> check(GoSource source, List<Assertion> assertions) {
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : assertions) out.add(check(source, a));
        return out;
    }

    public AssertionResult check(GoSource source, Assertion a) {
        if (a.problem().isPresent()) return result(a, Verdict.INVALID, a.written() + ": " + a.problem().get(), List.of(), List.of());
        List<Decision> onLine = scope.in(a.file()).stream().filter(d -> d.range().start().line() == a.line()).toList();
        return switch (a.kind()) {
            case NOESCAPE -> noescape(a, onLine);
            case STACK -> stack(a, onLine);
            case NOBCE -> nobce(a, onLine);
            case INLINE -> a.aboutFunction() ? inlineFunction(a) : inlineLine(source, a);
            case UNKNOWN -> result(a, Verdict.INVALID, a.written() + ": unknown assertion", List.of(), List.of());
        };
    }

    private AssertionResult noescape(Assertion a, List<Decision> onLine) {
        List<Decision> heap = onLine.stream().filter(d -> d.kind().isHeapAllocation() || d.kind() == DecisionKind.LOOPVAR_HEAP
                // gcassert also fails a line where a parameter leaks as a whole.
                || a.dialect() == Dialect.GCASSERT && d.kind() == DecisionKind.LEAKING_PARAM
                && d.message().startsWith("leaking param: ")).toList();
        if (heap.isEmpty()) return result(a, Verdict.HOLDS, a.written() + ": nothing on this line escapes to the heap", heap, List.of());
        return result(a, Verdict.VIOLATED, a.written() + " violated: " + headlines(heap), heap, List.of());
    }

    private AssertionResult stack(Assertion a, List<Decision> onLine) {
        String name = a.variable().orElseThrow();
        List<Decision> moved = onLine.stream().filter(d -> (d.kind() == DecisionKind.MOVED_TO_HEAP || d.kind() == DecisionKind.LOOPVAR_HEAP)
                && namesVariable(d.message(), name)).toList();
        if (moved.isEmpty()) return result(a, Verdict.HOLDS, a.written() + ": " + name + " stays on the stack", moved, List.of());
        return result(a, Verdict.VIOLATED, a.written() + " violated: " + headlines(moved), moved, List.of());
    }

    /** {@code moved to heap: x}, go1.21's {@code loop variable x now per-iteration, heap-allocated}. */
    private static boolean namesVariable(String message, String name) {
        return message.equals("moved to heap: " + name) || message.startsWith("loop variable " + name + " ");
    }

    private AssertionResult nobce(Assertion a, List<Decision> onLine) {
        List<Decision> checks = onLine.stream().filter(d -> d.kind() == DecisionKind.BOUNDS_CHECK).toList();
        if (checks.isEmpty()) return result(a, Verdict.HOLDS, a.written() + ": no bounds check on this line", checks, List.of());
        return result(a, Verdict.VIOLATED, a.written() + " violated: " + checks.size() + " bounds check"
                + (checks.size() == 1 ? "" : "s") + " remain" + (checks.size() == 1 ? "s" : "") + " (" + headlines(checks) + ")", checks, List.of());
    }

    private AssertionResult inlineLine(GoSource source, Assertion a) {
        List<Call> calls = GoCalls.onLine(source, a.line(), typeNames());
        if (a.dialect() == Dialect.GCASSERT) {
            // gcassert: the line holds when the compiler inlined some call on it.
            boolean any = scope.in(a.file()).stream().anyMatch(d -> d.kind() == DecisionKind.INLINED_CALL
                    && d.range().start().line() == a.line());
            if (any) return result(a, Verdict.HOLDS, a.written() + ": a call on this line is inlined", List.of(), List.of());
            return notInlined(a, calls.isEmpty() ? List.of() : calls.stream().map(c -> site(a.file(), c)).toList(),
                    calls.stream().map(Call::name).toList());
        }
        if (calls.isEmpty()) return result(a, Verdict.INVALID, a.written() + ": no call on line " + (a.line() + 1), List.of(), List.of());
        List<Call> missed = calls.stream().filter(c -> scope.inlinedAt(a.file(), c.range()).isEmpty()).toList();
        if (missed.isEmpty()) return result(a, Verdict.HOLDS, a.written() + ": " + plural(calls.size(), "call") + " inlined", List.of(), List.of());
        return notInlined(a, missed.stream().map(c -> site(a.file(), c)).toList(), missed.stream().map(Call::name).toList());
    }

    private AssertionResult inlineFunction(Assertion a) {
        String function = a.function().orElseThrow();
        String name = function.substring(function.lastIndexOf('.') + 1);
        List<Decision> refusal = scope.all().filter(d -> d.kind() == DecisionKind.INLINE_REFUSED && d.function().equals(function)).toList();
        if (a.dialect() == Dialect.OPTLENS && !refusal.isEmpty()) {
            return result(a, Verdict.VIOLATED, a.written() + " violated: " + headlines(refusal), refusal, List.of());
        }
        boolean method = function.contains(".");
        List<CallSite> missed = new ArrayList<>();
        int sites = 0;
        for (Path file : scope.files()) {
            Optional<GoSource> source = scope.sources().apply(file);
            if (source.isEmpty()) continue;
            // A function is called by its name, or from another package through the package's name.
            Set<String> packages = new HashSet<>();
            for (String path : source.get().imports()) {
                String unquoted = path.replace("\"", "").replace("`", "");
                packages.add(unquoted.substring(unquoted.lastIndexOf('/') + 1));
            }
            for (Call c : GoCalls.named(source.get(), name)) {
                boolean selector = c.callee().contains(".");
                String operand = selector ? c.callee().substring(0, c.callee().lastIndexOf('.')) : "";
                // A method is called through a selector; a selector on a value is not a call of a function.
                if (method ? !selector : selector && !packages.contains(operand)) continue;
                List<Decision> here = scope.inlinedAt(file, c.range());
                if (here.stream().anyMatch(d -> dev.optlens.analysis.decision.InlinedCall.calls(d.message(), function, true))) {
                    sites++;
                } else if (here.isEmpty()) {
                    sites++;
                    missed.add(site(file, c));
                }
                // Inlined, but another function of that name (another type's method): not a call site of this one.
            }
        }
        if (missed.isEmpty()) {
            return result(a, Verdict.HOLDS, a.written() + ": " + function + " is inlined at "
                    + (sites == 1 ? "its call site" : "all " + sites + " call sites"), List.of(), List.of());
        }
        return result(a, Verdict.VIOLATED, a.written() + " violated: " + function + " is not inlined at "
                + plural(missed.size(), "call site") + " of " + sites + reason(refusal), refusal, missed);
    }

    private AssertionResult notInlined(Assertion a, List<CallSite> missed, List<String> names) {
        List<Decision> refusals = scope.all().filter(d -> d.kind() == DecisionKind.INLINE_REFUSED
                && names.stream().anyMatch(n -> d.function().equals(n) || d.function().endsWith("." + n))).toList();
        String what = missed.isEmpty() ? "no call on this line is inlined"
                : missed.stream().map(s -> "call to " + s.callee() + " is not inlined").reduce((x, y) -> x + "; " + y).orElse("");
        return result(a, Verdict.VIOLATED, a.written() + " violated: " + what + reason(refusals), refusals, missed);
    }

    private static String reason(List<Decision> refusals) {
        return refusals.isEmpty() ? "" : " (" + headlines(refusals) + ")";
    }

    private Set<String> typeNames() {
        if (typeNames == null) {
            Set<String> names = new HashSet<>();
            for (Path f : scope.files()) scope.sources().apply(f).ifPresent(s -> names.addAll(GoCalls.typeNames(s)));
            typeNames = names;
        }
        return typeNames;
    }

    private static CallSite site(Path file, Call c) {
        return new CallSite(file, c.range(), c.callee());
    }

    private static String headlines(List<Decision> ds) {
        return ds.stream().map(Decision::message).distinct().reduce((x, y) -> x + "; " + y).orElse("");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static AssertionResult result(Assertion a, Verdict v, String message, List<Decision> evidence, List<CallSite> sites) {
        return new AssertionResult(a, v, message, evidence, sites);
    }
}
