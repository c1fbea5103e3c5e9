package dev.optlens.cli;

import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.gate.BaselineDiff.Change;
import dev.optlens.analysis.decision.GateCategory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate for people: per package, the assertions that do not hold and the changes since the
 * baseline grouped by function, each with the compiler's words and reason, like a review comment.
 */
final class GateText {
    private GateText() {
    }

    /** One package's part: its assertions that do not hold and, with a baseline, what changed. */
    static String render(GateRun run, GateRun.PackageGate p, boolean withBaseline) {
        StringBuilder out = new StringBuilder();
        Path dir = p.report().dir();
        List<AssertionResult> assertions = p.assertions();
        if (!assertions.isEmpty()) {
            long holding = assertions.stream().filter(AssertionResult::holds).count();
            out.append("  assertions: ").append(holding).append(" of ").append(assertions.size()).append(" hold\n");
            for (AssertionResult a : assertions) {
                if (a.holds()) continue;
                out.append("    ").append(where(dir, a.assertion().file(), a.assertion().range().start().line()))
                        .append("  ").append(indent(a.explained(), "      ")).append('\n');
            }
        }
        if (withBaseline && !p.report().compiled()) {
            out.append("  baseline: not compared (the package does not compile)\n");
        } else if (withBaseline && p.changes().isEmpty()) {
            out.append("  baseline: ").append(p.report().importPath()).append(" is not in the baseline; nothing compared\n");
        } else if (withBaseline) {
            out.append(changes(dir, p.changes().get(), run));
        }
        return out.toString();
    }

    private static String changes(Path dir, List<Change> changes, GateRun run) {
        StringBuilder out = new StringBuilder();
        Map<String, List<Change>> byFunction = new LinkedHashMap<>();
        for (Change c : changes) byFunction.computeIfAbsent(c.identity().function(), f -> new ArrayList<>()).add(c);
        Map<GateCategory, Integer> regressions = new EnumMap<>(GateCategory.class);
        int fixed = 0;
        for (var e : byFunction.entrySet()) {
            out.append("  ").append(e.getKey().isEmpty() ? "(package level)" : e.getKey()).append('\n');
            for (Change c : e.getValue()) {
                String mark = c.regression() ? (run.failOn.contains(c.category()) ? "✗" : "!") : "·";
                String at = c.where().map(w -> where(dir, w.file(), w.range().start().line()))
                        .orElse(c.before().map(b -> "was " + b.file() + ":" + b.line()).orElse(""));
                out.append("    ").append(mark).append(' ').append(at).append("  ").append(c.summary()).append('\n');
                c.decision().ifPresent(d -> d.explanation().forEach(s -> out.append("        ").append(s.message().strip()).append('\n')));
                if (c.regression()) regressions.merge(c.category(), 1, Integer::sum);
                else if (c.fixed()) fixed++;
            }
        }
        int total = regressions.values().stream().mapToInt(Integer::intValue).sum();
        out.append("  since the baseline: ").append(total).append(total == 1 ? " regression" : " regressions");
        if (total > 0) {
            List<String> parts = new ArrayList<>();
            regressions.forEach((c, n) -> parts.add(c.id() + " " + n));
            out.append(" (").append(String.join(", ", parts)).append(')');
        }
        out.append(", ").append(fixed).append(" fixed\n");
        return out.toString();
    }

    private static String where(Path dir, Path file, int line0) {
        Path shown = file.startsWith(dir) ? dir.relativize(file) : file;
        return shown + ":" + (line0 + 1);
    }

    private static String indent(String text, String prefix) {
        return text.replace("\n", "\n" + prefix);
    }
}
