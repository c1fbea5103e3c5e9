package dev.optlens.analysis.feature;

import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.EscapeFlow;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.InlinedCall;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A decision in one sentence a Go developer reads without knowing escape analysis' notation: what is
 * allocated, and where it goes, named from the last hop of the compiler's own flow ({@link EscapeFlow}).
 * Where the compiler printed no flow, the sentence says only what its headline says.
 */
public final class PlainWords {
    private PlainWords() {
    }

    /** The sentence, as markdown. */
    public static String sentence(Decision d) {
        String subject = named(d.subject());
        return switch (d.kind()) {
            case MOVED_TO_HEAP -> capitalized(subject) + " is moved to the heap" + why(d, true);
            case HEAP_ESCAPE -> what(d) + " is allocated on the heap" + why(d, false);
            case LOOPVAR_HEAP -> "The loop variable " + subject + " is allocated on the heap for every iteration" + why(d, true);
            case NO_ESCAPE -> subject + " stays on the stack.";
            case LEAKING_PARAM -> "What the parameter " + subject + " points to outlives the call" + why(d, false);
            case INLINE_CANDIDATE -> subject + " can be inlined" + cost(d) + ".";
            case INLINE_REFUSED -> subject + " cannot be inlined: " + InlineCosts.reason(d) + ".";
            case INLINED_CALL -> "This call to " + InlinedCall.callee(d.message()).map(Markdown::code).orElse(subject)
                    + " is inlined: its body is compiled into the caller.";
            case CALL_NOT_INLINED -> "This call to " + subject + " is not inlined: " + afterLast(d.message(), ": ") + ".";
            case DEVIRTUALIZED -> "This interface call " + subject + " is devirtualized: it calls the concrete method directly.";
            case BOUNDS_CHECK -> "A bounds check remains here: the compiler could not prove the index is in range.";
            case NIL_CHECK -> "A nil check remains here: the compiler could not prove the pointer is not nil.";
            case LARGE_COPY -> "A large value is copied here.";
            case OTHER -> Markdown.code(d.message());
        };
    }

    /** What a heap decision costs at run time, when that is less than it says (read from the compile's assembly and flow). */
    public static String costNote(dev.optlens.analysis.decision.Allocation a) {
        return switch (a) {
            case NO_ALLOCATION_ZERO_SIZE -> "*No allocation at run time:* the value has no size, and the compiled code points it at"
                    + " `runtime.zerobase` instead of allocating. Not counted in the heap allocations.";
            case NO_ALLOCATION_CONSTANT -> "*No allocation at run time:* a constant's interface value points at read-only data;"
                    + " the compiled code calls no allocator here. Not counted in the heap allocations.";
            case ONLY_WHEN_PANICKING -> "*Allocates only when panicking:* every path the compiler prints ends as the value passed to"
                    + " `panic`. Not counted in the heap allocations.";
            case UNKNOWN, ALLOCATES -> "";
        };
    }

    /** {@code &T{...}}, or in words for what has no name: a closure, a variadic call's arguments. */
    private static String what(Decision d) {
        return switch (d.subject()) {
            case "func literal" -> "This closure";
            case "... argument" -> "The slice holding this call's variadic arguments";
            case "" -> "A value";
            default -> capitalized(named(d.subject()));
        };
    }

    /** Code as code; the compiler's notation ({@code ~r0}, {@code .autotmp_3}) in words. */
    private static String named(String subject) {
        if (subject.isEmpty()) return "";
        String words = EscapeFlow.inWords(subject);
        return words.equals(subject) ? Markdown.code(subject) : words;
    }

    private static String capitalized(String s) {
        return s.isEmpty() || s.startsWith("`") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String cost(Decision d) {
        var cost = Classifier.cost(d.message());
        return cost.isPresent() ? " (cost " + cost.getAsInt() + " of a budget of " + InlineCosts.budget(d) + ")" : "";
    }

    private static String afterLast(String s, String sep) {
        int i = s.lastIndexOf(sep);
        return i >= 0 ? s.substring(i + sep.length()) : s;
    }

    /** ": its address is returned at line 14." — from the first path's last hop; "." without a flow. */
    private static String why(Decision d, boolean variable) {
        List<EscapeFlow.Path> paths = EscapeFlow.paths(d.explanation());
        if (paths.isEmpty()) return ".";
        EscapeFlow.Path p = paths.get(0);
        Optional<EscapeFlow.Hop> last = p.last();
        if (last.isEmpty()) return ".";
        String it = variable && p.has("address-of") ? "its address" : "it";
        String at = where(last.get().step(), d.file());
        String sink = p.sink();
        String reason = last.get().reason();
        String text = last.get().text();
        String because;
        if (reason.equals("return")) {
            because = it + " is returned" + at;
        } else if (reason.equals("call parameter")) {
            String callee = EscapeFlow.callee(text);
            because = p.endsInPanic() ? it + " is the value passed to panic" + at
                    : it + " is passed to " + Markdown.code(callee) + ", which keeps it" + at;
        } else if (p.has("captured by a closure")) {
            because = it + " is captured by a closure that outlives the call" + at;
        } else if (p.has("non-constant size")) {
            because = "its size is not known when compiling" + at;
        } else if (p.has("too large for stack")) {
            because = "it is too large for the stack" + at;
        } else if (reason.equals("assign") && sink.equals("{heap}")) {
            because = it + " is assigned to a place that outlives the call, " + Markdown.code(EscapeFlow.inWords(text)) + at;
        } else if (sink.equals("{heap}")) {
            because = it + " flows to the heap" + at;
        } else {
            because = it + " flows to " + EscapeFlow.inWords(sink) + at;
        }
        String more = paths.size() > 1 ? " (and " + (paths.size() - 1) + (paths.size() == 2 ? " more path" : " more paths") + " below)" : "";
        return ": " + because + more + ".";
    }

    /** " at line 14", or " at other.go:14" in another file; empty without a line. */
    private static String where(ExplanationStep s, Path file) {
        if (s.line() < 1) return "";
        if (s.file().isEmpty() || s.file().get().equals(file)) return " at line " + s.line();
        return " at " + s.file().get().getFileName() + ":" + s.line();
    }
}
