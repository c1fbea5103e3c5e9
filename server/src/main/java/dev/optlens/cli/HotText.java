package dev.optlens.cli;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.profile.Heat;
import dev.optlens.analysis.profile.HotReport;
import dev.optlens.analysis.profile.RuntimeAllocators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check --profile=… --sort=hot}: a package's costliest allocations by the profile, each with
 * the compiler's reason (or its source line, when the compiler marked nothing there), then the
 * hottest functions and calls the compiler would not inline.
 */
final class HotText {
    private HotText() {
    }

    static String render(PackageReport r, HotReport hot, int top) {
        StringBuilder out = new StringBuilder();
        out.append("package ").append(r.importPath()).append(" (").append(r.goVersion()).append(") ").append(r.dir()).append('\n');
        if (hot.hasMemory()) {
            List<HotReport.HotLine> lines = hot.lines(r.decisions());
            long shown = Math.min(top, lines.size());
            if (lines.isEmpty()) out.append("  the memory profile shows no allocation on this package's lines\n");
            else out.append("  the ").append(shown).append(" costliest of ").append(lines.size())
                    .append(" allocating lines (share of all allocated bytes):\n");
            for (HotReport.HotLine l : lines.subList(0, (int) shown)) {
                out.append(String.format("  %6s %10s %13s  %-18s %s%n", l.bytes().percent(), l.bytes().amount(),
                        String.format("%,d obj", l.objects().value()), r.dir().relativize(l.file()) + ":" + l.line(), shortName(l.function())));
                if (l.unmarked()) {
                    List<String> calls = r.allocatingCallsAt(l.file(), l.line());
                    out.append("           not marked by the compiler: ").append(source(l.file(), l.line()).orElse("(line not read)")).append('\n');
                    if (!calls.isEmpty()) out.append("           the line calls ").append(RuntimeAllocators.describe(calls)).append('\n');
                }
                for (Decision d : l.reasons()) out.append("           ").append(d.message()).append('\n');
                if (l.reasons().size() > 1) out.append("           (").append(l.reasons().size())
                        .append(" decisions on this line share its figure)\n");
            }
            if (!lines.isEmpty()) out.append(String.format("  %.1f%% of the package's allocated bytes are on lines the compiler marks%n",
                    HotReport.markedShare(lines) * 100));
        }
        if (hot.hasCpu()) {
            List<Map.Entry<Decision, Heat>> notInlined = r.decisions().stream()
                    .filter(d -> d.kind() == DecisionKind.INLINE_REFUSED || d.kind() == DecisionKind.CALL_NOT_INLINED)
                    .map(d -> Map.entry(d, hot.heat(d, List.of(d)).orElse(null)))
                    .filter(e -> e.getValue() != null && e.getValue().value() > 0)
                    .sorted(Comparator.comparingLong((Map.Entry<Decision, Heat> e) -> e.getValue().value()).reversed())
                    .limit(top).toList();
            if (notInlined.isEmpty()) {
                out.append("  no function or call the compiler would not inline shows in the CPU profile\n");
            } else {
                out.append("  the ").append(notInlined.size()).append(" hottest functions and calls not inlined (share of CPU, with callees):\n");
            }
            for (Map.Entry<Decision, Heat> e : notInlined) {
                Decision d = e.getKey();
                out.append(String.format("  %6s %10s  %-18s %s%n", e.getValue().percent(), e.getValue().amount(),
                        r.dir().relativize(d.file()) + ":" + d.line(), d.message()));
            }
        }
        return out.toString();
    }

    /** {@code Buffer} for {@code example.com/profiles.Buffer}; methods and closures keep their receiver and suffix. */
    static String shortName(String symbol) {
        int slash = symbol.lastIndexOf('/');
        String last = symbol.substring(slash + 1);
        int dot = last.indexOf('.');
        return dot < 0 ? last : last.substring(dot + 1);
    }

    private static Optional<String> source(Path file, int line) {
        try (var lines = Files.lines(file)) {
            return lines.skip(line - 1L).findFirst().map(String::strip);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
