package dev.optlens.analysis.syntax;

import org.treesitter.TSNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Placement on a line without a column: the compiler drops a column past 255 of a long line. */
final class LinePlacement {
    private LinePlacement() {
    }

    /**
     * A decision whose column the compiler did not print (it drops columns past 255 of a long line):
     * the first syntax on the line that its message names — the variable, the printed expression, the
     * called function — else the line's code, never the enclosing function.
     */
    static TextRange onLine(GoSource src, int line, Placement.Subject subject, String subjectText) {
        LineIndex lines = src.lines();
        int from = lines.lineStart(line);
        int to = lines.lineContentEnd(line);
        while (from < to && (src.bytes()[from] == ' ' || src.bytes()[from] == '\t')) from++;
        Pattern printed = subject == Placement.Subject.EXPRESSION && !subjectText.isEmpty() ? PrintedExpression.pattern(PrintedExpression.asWritten(subjectText)) : null;
        if (subject == Placement.Subject.CALL && !subjectText.isEmpty()) {
            // The calls the syntax has on the line (GoCalls), by the name the compiler printed:
            // pkg.F, F[go.shape.int], (*T[go.shape.int]).M → F, F, M.
            String named = subjectText.endsWith("]") && subjectText.indexOf('[') > 0
                    ? subjectText.substring(0, subjectText.indexOf('[')) : subjectText;
            String callee = named.substring(named.lastIndexOf('.') + 1);
            Optional<GoCalls.Call> call = GoCalls.onLine(src, line, Set.of()).stream().filter(c -> c.name().equals(callee)).findFirst();
            if (call.isPresent()) return call.get().range();
        }
        TSNode found = null;
        if (!subjectText.isEmpty() && src.isParsed()) {
            java.util.ArrayDeque<TSNode> todo = new java.util.ArrayDeque<>(List.of(src.root()));
            while (!todo.isEmpty() && found == null) {
                TSNode n = todo.pop();
                if (n.getEndByte() < from || n.getStartByte() > to) continue;
                if (n.getStartByte() >= from && n.isNamed() && !n.hasError()) {
                    String type = n.getType();
                    boolean hit = switch (subject) {
                        case NAME -> Placement.NAMES.contains(type) && src.textOf(n).equals(subjectText);
                        case EXPRESSION -> printed != null && n.getEndByte() <= to && Placement.matches(src, n, printed);
                        default -> false;
                    };
                    if (hit) {
                        found = n;
                        break;
                    }
                }
                // Children in source order: the first match on the line is the one found.
                for (int i = n.getNamedChildCount() - 1; i >= 0; i--) todo.push(n.getNamedChild(i));
            }
        }
        if (found != null) return src.rangeOf(found);
        return new TextRange(lines.positionOf(from), lines.positionOf(Math.max(from, to)));
    }

}
