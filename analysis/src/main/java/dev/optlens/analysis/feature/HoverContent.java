package dev.optlens.analysis.feature;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.EscapeFlow;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.decision.InlinedCall;
import dev.optlens.analysis.syntax.GoFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a hover says, as markdown and without editor types: on a decision, the compiler's words
 * verbatim with its explanation as clickable steps; on a function's name, its heap allocations,
 * whether it inlines and where it was inlined.
 */
public final class HoverContent {
    private HoverContent() {
    }

    /**
     * @param lastGood from the last version that compiled (the package does not compile now)
     * @param stale    its function changed since the compile
     */
    public static String decision(Decision d, boolean lastGood, boolean stale) {
        StringBuilder md = new StringBuilder();
        md.append(PlainWords.sentence(d)).append('\n');
        String note = d.allocation().note();
        if (!note.isEmpty()) md.append("\n").append(PlainWords.costNote(d.allocation())).append('\n');
        if (lastGood) md.append("\n*From the last version that compiled: the package does not compile now.*\n");
        if (stale) md.append("\n*Stale: this function changed since the last compile; a new one is on its way.*\n");
        if (d.kind().isInlineDecision()) md.append("\n").append(InlineCosts.lens(d)).append('\n');
        if (!d.inlinedFrom().isEmpty()) {
            md.append("\nInside inlined code from ");
            List<String> sites = new ArrayList<>();
            for (InlineSite s : d.inlinedFrom()) sites.add(Markdown.location(Optional.of(s.file()), s.line(), s.column()));
            md.append(String.join(" ← ", sites)).append('\n');
        }
        List<EscapeFlow.Path> paths = EscapeFlow.paths(d.explanation());
        for (int i = 0; i < paths.size(); i++) {
            EscapeFlow.Path p = paths.get(i);
            md.append("\n**").append(paths.size() == 1 ? "How it gets there" : "Path " + (i + 1)).append("**");
            p.header().ifPresent(h -> md.append(" · ").append(Markdown.code(EscapeFlow.inWords(h.message()))));
            md.append("\n\n");
            int n = 1;
            for (ExplanationStep s : p.steps()) md.append(n++).append(". ").append(step(s)).append('\n');
        }
        // The compiler's own words, last and verbatim: what every sentence above is read from.
        md.append("\n---\n\nThe compiler's words (`").append(d.kind().id()).append("`):\n\n```text\n").append(d.message()).append('\n');
        for (ExplanationStep s : d.explanation()) md.append("  ").append(s.message()).append('\n');
        md.append("```\n");
        return md.toString();
    }

    /** Code as code; what the compiler's notation stood for ({@code ~r0}: the result) as words. */
    private static String spoken(String compiler) {
        String words = EscapeFlow.inWords(compiler);
        return words.equals(compiler) ? Markdown.code(compiler) : words;
    }

    /** A step in words, linked to its place: "`&p` (address-of) — f.go:14:9"; a flow as "B → A". */
    private static String step(ExplanationStep s) {
        String m = s.message().strip();
        java.util.regex.Matcher flow = EscapeFlow.FLOW.matcher(m);
        String words = flow.matches() ? spoken(flow.group(2)) + " flows to " + spoken(flow.group(1))
                : spoken(m.startsWith("from ") ? m.substring(5) : m);
        return words + (s.line() > 0 ? " — " + Markdown.location(s.file(), s.line(), s.column()) : "");
    }

    /**
     * On a function's name.
     *
     * @param inFile  the current decisions of its file (ranges as the text is now)
     * @param inlined the package's inlined calls
     */
    public static String function(GoFunction f, List<Decision> inFile, List<Decision> inlined) {
        StringBuilder md = new StringBuilder();
        List<Decision> mine = inFile.stream().filter(d -> d.function().equals(f.name())).toList();
        long heap = mine.stream().filter(Decision::allocatesOnHeap).count();
        md.append("**").append(f.name()).append("** · ").append(heap).append(heap == 1 ? " heap allocation" : " heap allocations");
        mine.stream().filter(d -> d.range().equals(f.nameRange()) && d.kind().isInlineDecision()).findFirst()
                .ifPresent(d -> md.append(" · ").append(InlineCosts.lens(d)));
        List<Decision> sites = inlined.stream()
                .filter(d -> d.kind() == DecisionKind.INLINED_CALL && InlinedCall.calls(d.message(), f.name(), false)).toList();
        if (!sites.isEmpty()) {
            md.append("\n\nInlined at:\n");
            for (Decision d : sites) {
                md.append("- ").append(Markdown.location(Optional.of(d.file()), d.line(), d.column()))
                        .append(d.function().isEmpty() ? "" : " in `" + d.function() + "`").append('\n');
            }
        }
        return md.toString();
    }

    /**
     * A decision's profile figure for a hover: {@code **Profile:** 31% of allocated bytes (804.0 kB)},
     * saying when several decisions share the figure of their line.
     */
    public static String profile(dev.optlens.analysis.profile.Heat h, dev.optlens.analysis.decision.DecisionKind kind) {
        return profile(h, kind, java.util.OptionalLong.empty());
    }

    /** {@link #profile(dev.optlens.analysis.profile.Heat, dev.optlens.analysis.decision.DecisionKind)} with the objects allocated: {@code (804.0 kB in 201 objects)}. */
    public static String profile(dev.optlens.analysis.profile.Heat h, dev.optlens.analysis.decision.DecisionKind kind, java.util.OptionalLong objects) {
        String what = switch (h.quantity()) {
            case "bytes" -> "of the allocated bytes";
            case "objects" -> "of the allocated objects";
            default -> "of the " + h.quantity() + (kind.isHeapAllocation() ? "" : kind == dev.optlens.analysis.decision.DecisionKind.INLINE_REFUSED
                    || kind == dev.optlens.analysis.decision.DecisionKind.INLINE_CANDIDATE ? " in this function and its callees" : " at this line and below");
        };
        String count = objects.isPresent() && objects.getAsLong() > 0
                ? String.format(java.util.Locale.ROOT, " in %,d object%s", objects.getAsLong(), objects.getAsLong() == 1 ? "" : "s") : "";
        return "**Profile:** " + h.percent() + " " + what + " (" + h.amount() + count + ")"
                + (h.sharedBy() > 1 ? ", shared by the " + h.sharedBy() + " decisions of this line" : "")
                + (h.value() == 0 ? ": the profile saw none here" : "");
    }

    /**
     * A decision only the profile guiding the build makes: {@code **PGO:** made by the profile
     * (default.pgo of cmd/app); without it the compiler says: `cannot inline Mix: …`}.
     */
    public static String pgo(String why, String without) {
        return "**PGO:** made by the profile (" + why + "); without it "
                + (without.equals("none") ? "the compiler decides nothing here" : "the compiler says " + Markdown.code(without));
    }
}
