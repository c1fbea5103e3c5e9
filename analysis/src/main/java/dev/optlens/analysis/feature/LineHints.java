package dev.optlens.analysis.feature;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.EscapeFlow;
import dev.optlens.analysis.decision.HintKind;
import dev.optlens.analysis.decision.InlinedCall;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The inlay hints of a file, placed so they never read like code: the decisions a line holds are
 * gathered after its end as one hint ({@code ⟵ heap: r.Context() · inlined: Value}), never between
 * a call's {@code )} and what follows it; a function's inline cost sits after its signature.
 */
public final class LineHints {
    /** Subjects longer than this are cut, so a hint stays a glance. */
    static final int MAX_SUBJECT = 28;

    /** One part of a hint: its words and the compiler's message it stands for. */
    public record Part(String label, String tooltip) {
    }

    /** A hint at a place, in parts. {@code signature}: a function's cost after its signature. */
    public record Hint(TextPosition at, List<Part> parts, boolean signature) {
        public String label() {
            return String.join("", parts.stream().map(Part::label).toList());
        }
    }

    /** A decision as the file now has it, and whether an edit made it stale. */
    public record Item(Decision decision, boolean stale) {
    }

    private LineHints() {
    }

    /**
     * @param items  the file's decisions (ranges as the text is now)
     * @param shown  which hint kinds are on
     * @param from   the first line asked for (0-based)
     * @param to     the last line asked for
     */
    public static List<Hint> of(GoSource src, List<Item> items, Predicate<HintKind> shown, int from, int to) {
        return of(src, items, shown, from, to, d -> Optional.empty(), d -> false);
    }

    /**
     * @param share     a heap decision's share of a profile ({@code 31% of bytes}), said right after the
     *                  kind ({@code heap 31% of bytes: p}): VS Code cuts a line's hints at 43 characters
     * @param byProfile whether the profile guiding the build made the decision: {@code (PGO)} follows it
     */
    public static List<Hint> of(GoSource src, List<Item> items, Predicate<HintKind> shown, int from, int to,
                                java.util.function.Function<Decision, Optional<String>> share, Predicate<Decision> byProfile) {
        LineIndex lines = src.lines();
        List<Hint> out = new ArrayList<>();
        Map<Integer, Map<String, Part>> byLine = new TreeMap<>();
        Map<TextPosition, Part> signatures = new LinkedHashMap<>();
        for (Item item : items) {
            Decision d = item.decision();
            Optional<HintKind> kind = d.kind().hint();
            if (kind.isEmpty() || !shown.test(kind.get())) continue;
            if (kind.get() == HintKind.STACK && !isAllocation(d)) continue;
            String tooltip = Markdown.code(d.message()) + (item.stale() ? "\n\n*stale: this function changed since the last compile*" : "");
            if (kind.get() == HintKind.INLINE) {
                int line = d.range().start().line();
                if (line > to || line + SIGNATURE_LINES < from) continue;
                src.signatureEnd(d.range().start()).filter(at -> at.line() >= from && at.line() <= to)
                        .ifPresent(at -> signatures.putIfAbsent(at, new Part(InlineCosts.hint(d) + (byProfile.test(d) ? " (PGO)" : ""), tooltip)));
                continue;
            }
            int line = d.range().start().line();
            if (line < from || line > to || line >= lines.lineCount()) continue;
            String words = words(kind.get(), d);
            Optional<String> part = kind.get() == HintKind.HEAP ? share.apply(d) : Optional.empty();
            if (part.isPresent() && words.startsWith("heap: ")) words = "heap " + part.get() + ": " + words.substring("heap: ".length());
            if (byProfile.test(d)) words += " (PGO)";
            // One part per thing said (a generic function's instantiations repeat it), counted when it repeats.
            Map<String, Part> parts = byLine.computeIfAbsent(line, l -> new LinkedHashMap<>());
            Part before = parts.get(words);
            parts.put(words, before == null ? new Part(words, tooltip) : new Part(words, before.tooltip()
                    + (before.tooltip().contains(tooltip) ? "" : "\n\n" + tooltip)));
        }
        signatures.forEach((at, part) -> out.add(new Hint(at, List.of(part), true)));
        byLine.forEach((line, parts) -> {
            List<Part> labelled = new ArrayList<>();
            int i = 0;
            for (Part p : parts.values()) labelled.add(new Part((i++ == 0 ? "⟵ " : " · ") + p.label(), p.tooltip()));
            out.add(new Hint(lines.positionOf(lines.lineContentEnd(line)), labelled, false));
        });
        out.sort(java.util.Comparator.comparing(Hint::at));
        return out;
    }

    /** How many lines a signature may span after its function's name, for skipping far decisions. */
    private static final int SIGNATURE_LINES = 200;

    /** What a part says: the kind in a word and the thing it is about. */
    static String words(HintKind kind, Decision d) {
        return switch (kind) {
            case HEAP -> d.allocation() == dev.optlens.analysis.decision.Allocation.ONLY_WHEN_PANICKING ? "heap if panicking: " + shorten(d.subject())
                    : d.allocation().counts() ? "heap: " + shorten(d.subject()) : "no alloc: " + shorten(d.subject());
            case STACK -> "stack: " + shorten(d.subject());
            case INLINED -> "inlined: " + InlinedCall.callee(d.message()).map(InlinedCall::shortName).orElse(shorten(d.subject()));
            case DEVIRT -> "devirt: " + shorten(d.subject());
            case BOUNDS -> "bounds check";
            case INLINE -> InlineCosts.hint(d);
        };
    }

    /** The subject as a hint says it: compiler notation in words ({@code ~r0}: the result), cut when long. */
    static String shorten(String subject) {
        String s = EscapeFlow.inWords(subject).strip().replaceAll("\\s+", " ");
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 1) + "…";
    }

    /** A no-escape decision about an allocation (a literal, make, new, closure, variadic slice), not a parameter. */
    private static boolean isAllocation(Decision d) {
        String subject = d.subject();
        return subject.contains("(") || subject.contains("{") || subject.equals("func literal")
                || subject.equals("... argument") || subject.startsWith("&");
    }
}
