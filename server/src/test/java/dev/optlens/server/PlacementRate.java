package dev.optlens.server;

import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.Placement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many decisions of each kind cover the syntax their message names: exactly (the printed
 * expression, the moved variable, the inlined callee's call) or an equivalent (a call for a decision
 * made inside code inlined there, an expression the compiler prints in an internal form). A range
 * that is one punctuation character never counts. Printed by the benchmark.
 */
final class PlacementRate {
    private final Map<DecisionKind, int[]> counts = new EnumMap<>(DecisionKind.class);
    private final Map<DecisionKind, List<String>> misses = new EnumMap<>(DecisionKind.class);

    void add(PackageReport report) {
        Map<Path, GoSource> sources = new HashMap<>();
        for (Decision d : report.decisions()) {
            if (d.kind() == DecisionKind.OTHER || d.kind() == DecisionKind.LARGE_COPY) continue;
            GoSource src = sources.computeIfAbsent(d.file(), PlacementRate::parse);
            String text = src.textOf(d.range());
            int line = Math.max(0, Math.min(d.line() - 1, src.lines().lineCount() - 1));
            int from = src.lines().lineStart(line);
            String lineText = new String(src.bytes(), from, src.lines().lineContentEnd(line) - from, StandardCharsets.UTF_8);
            boolean ok = agrees(d, text, lineText);
            int[] c = counts.computeIfAbsent(d.kind(), k -> new int[2]);
            c[0]++;
            if (ok) c[1]++;
            else {
                List<String> m = misses.computeIfAbsent(d.kind(), k -> new ArrayList<>());
                String shown = text.length() > 80 ? text.substring(0, 80).replace('\n', ' ') + "…" : text;
                if (m.size() < 3) m.add(d.file().getFileName() + ":" + d.line() + " " + (d.message().length() > 120
                        ? d.message().substring(0, 120) + "…" : d.message()) + " → '" + shown + "'");
            }
        }
    }

    /** @param lineText the source line the compiler named */
    static boolean agrees(Decision d, String text, String lineText) {
        String t = text.strip();
        if (t.isEmpty() || t.chars().noneMatch(Character::isLetterOrDigit)) return false;
        boolean inlinedSite = t.endsWith(")") && !d.inlinedFrom().isEmpty();
        String subject = Classifier.classify(d.message()).subject();
        return switch (d.kind()) {
            // a variable of inlined code is printed with its package (http.r2) and sits at the call
            case MOVED_TO_HEAP, LEAKING_PARAM -> t.equals(shortName(subject)) || inlinedSite || t.endsWith(")");
            case LOOPVAR_HEAP -> t.equals(d.message().substring(d.message().lastIndexOf(' ') + 1));
            // a constant is printed as its value ("…" escapes to heap) where the source names it
            case HEAP_ESCAPE, NO_ESCAPE -> dev.optlens.analysis.syntax.PrintedExpression.matches(subject, t) || internalForm(subject) || inlinedSite
                    || (subject.startsWith("\"") && t.matches("[\\w.]+")) || (inlinedCode(subject) && t.endsWith(")"))
                    // constants folded in the printed form (len(s)+2*utf8.UTFMax → len(s) + 8): the same head
                    || (!head(subject).isEmpty() && head(strip(t)).equals(head(subject)))
                    // printed from code inlined at a call on this line: the call
                    || (t.endsWith(")") && !strip(lineText).contains(strip(head(subject))))
                    || (subject.equals("... argument") && t.startsWith("(")) || (subject.equals("func literal") && t.startsWith("func"))
                    || t.equals(subject);
            case INLINED_CALL, DEVIRTUALIZED -> t.endsWith(")") || t.endsWith("}") || t.equals(shortName(subject));
            case INLINE_CANDIDATE, INLINE_REFUSED -> t.equals(shortName(subject)) || t.startsWith("func")
                    || t.startsWith("defer ") || t.startsWith("go ") || (subject.matches("init\\.\\d+") && t.equals("init"));
            case BOUNDS_CHECK -> t.endsWith("]") || t.endsWith(")");
            case NIL_CHECK -> t.contains(".") || t.contains("[") || t.startsWith("*") || t.endsWith(")") || t.equals(subject);
            default -> true;
        };
    }

    /** An expression printed with another package's names (strconv.appendQuotedWith(…)): code inlined at a call. */
    private static boolean inlinedCode(String subject) {
        return java.util.regex.Pattern.compile("\\b[a-z]\\w*\\.[a-z]\\w*\\(").matcher(subject).find();
    }

    /** The text up to the first bracket or operator: {@code make(}, {@code c==}, {@code &T{}. */
    private static String head(String printed) {
        String p = strip(printed);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == '[' || c == '{') return p.substring(0, i + 1);
            if ("=!<>+-*/%|&^".indexOf(c) >= 0 && i > 0) return p.substring(0, i + 1);
        }
        return "";
    }

    private static String strip(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** Printed forms with nothing to match in the source: compiler temporaries, shape types, elided arguments. */
    private static boolean internalForm(String subject) {
        return subject.contains("...") || subject.contains("go.shape") || subject.contains(".autotmp") || subject.contains("~r")
                || subject.contains(".dict") || subject.startsWith("(") && !subject.contains(")(");
    }

    /** {@code (*T[go.shape.int]).M} → {@code M}; {@code pkg.F[...]} → {@code F}. */
    static String shortName(String name) {
        String n = name;
        int bracket;
        while ((bracket = n.indexOf('[')) >= 0) {
            int depth = 0;
            int end = bracket;
            for (; end < n.length(); end++) {
                if (n.charAt(end) == '[') depth++;
                else if (n.charAt(end) == ']' && --depth == 0) break;
            }
            n = n.substring(0, bracket) + (end + 1 < n.length() ? n.substring(end + 1) : "");
        }
        int cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf(')'));
        return n.substring(cut + 1);
    }

    String summary() {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, c) -> {
            b.append(String.format("  %-16s %6d decisions, %6.2f%% on their syntax%n", k.id(), c[0], 100.0 * c[1] / c[0]));
            for (String m : misses.getOrDefault(k, List.of())) b.append("      e.g. ").append(m).append('\n');
        });
        return b.toString();
    }

    private static GoSource parse(Path f) {
        try {
            return GoSource.parse(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
