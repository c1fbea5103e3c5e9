package dev.optlens.analysis.gate;

import dev.optlens.analysis.gate.Assertion.Dialect;
import dev.optlens.analysis.gate.Assertion.Kind;
import dev.optlens.analysis.syntax.GoCalls;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the assertions written in a file's comments. {@code //optlens:} is a Go-style directive: it
 * starts its comment, no space after {@code //}; its items are comma-separated ({@code noescape},
 * {@code inline}, {@code nobce}, {@code stack NAME}). {@code gcassert:} is read as gcassert reads it:
 * anywhere in a comment, after {@code //} or {@code // }, a comma-separated list of words.
 */
public final class AssertionParser {
    static final String OPTLENS = "//optlens:";
    static final Pattern GCASSERT = Pattern.compile("// ?gcassert:([\\w,]+)");
    private static final Pattern STACK = Pattern.compile("stack\\s+([\\p{L}_][\\p{L}\\p{N}_]*)");

    private AssertionParser() {
    }

    /** Whether the text may hold a directive (one text search): a file without one has no assertions. */
    public static boolean mayHold(String text) {
        return text.contains("optlens:") || text.contains("gcassert:");
    }

    /** Every assertion in the file, in source order. A file without a directive costs one text search. */
    public static List<Assertion> parse(Path file, GoSource source) {
        List<Assertion> out = new ArrayList<>();
        String text = source.text();
        if (!mayHold(text)) return out;
        byte[] bytes = source.bytes();
        // Only the comments that hold a directive are looked up in the tree (one descent each).
        java.util.TreeSet<Integer> marks = new java.util.TreeSet<>();
        for (String word : List.of("optlens:", "gcassert:")) {
            for (int at = indexOf(bytes, word, 0); at >= 0; at = indexOf(bytes, word, at + 1)) marks.add(at);
        }
        int seenUpTo = -1;
        for (int mark : marks) {
            if (mark < seenUpTo) continue;
            int[] comment = GoCalls.commentAt(source, mark);
            if (comment == null) continue;
            seenUpTo = comment[1];
            String body = new String(bytes, comment[0], comment[1] - comment[0], StandardCharsets.UTF_8);
            if (body.startsWith(OPTLENS)) {
                out.addAll(optlens(file, source, comment[0], body));
            } else {
                Matcher m = GCASSERT.matcher(body);
                if (m.find()) out.addAll(gcassert(file, source, comment[0], body, m));
            }
        }
        return out;
    }

    private static List<Assertion> optlens(Path file, GoSource source, int commentStart, String body) {
        List<Assertion> out = new ArrayList<>();
        int itemStart = OPTLENS.length();
        String rest = body.substring(itemStart);
        int offset = 0;
        for (String item : rest.split(",", -1)) {
            String trimmed = item.strip();
            int lead = item.indexOf(trimmed.isEmpty() ? item : trimmed);
            int start = commentStart + byteLength(body.substring(0, itemStart + offset + Math.max(0, lead)));
            int end = start + byteLength(trimmed);
            // The first item's range includes "//optlens:", so the squiggle sits on the whole directive.
            if (offset == 0) start = commentStart;
            out.add(assertion(file, source, commentStart, start, end, Dialect.OPTLENS, trimmed));
            offset += item.length() + 1;
        }
        return out;
    }

    private static List<Assertion> gcassert(Path file, GoSource source, int commentStart, String body, Matcher m) {
        List<Assertion> out = new ArrayList<>();
        int start = commentStart + byteLength(body.substring(0, m.start()));
        int end = commentStart + byteLength(body.substring(0, m.end()));
        for (String word : m.group(1).split(",")) {
            if (word.isEmpty()) continue;
            out.add(assertion(file, source, commentStart, start, end, Dialect.GCASSERT, word));
        }
        return out;
    }

    private static Assertion assertion(Path file, GoSource source, int commentStart, int start, int end, Dialect dialect,
                                       String item) {
        LineIndex lines = source.lines();
        int commentLine = lines.lineOf(commentStart);
        int line = aloneOnLine(source, commentStart) ? nextCodeLine(source, commentLine) : commentLine;
        boolean appliesToNothing = line < 0;
        if (appliesToNothing) line = commentLine;
        TextRange range = lines.rangeOf(start, Math.max(start, end));
        String prefix = dialect == Dialect.OPTLENS ? "optlens:" : "gcassert:";
        Optional<String> function = functionDeclaredOn(source, line);
        Kind kind;
        Optional<String> variable = Optional.empty();
        Optional<String> problem = Optional.empty();
        Matcher stack = STACK.matcher(item);
        if (dialect == Dialect.OPTLENS && stack.matches()) {
            kind = Kind.STACK;
            variable = Optional.of(stack.group(1));
            List<String> declared = GoCalls.declaredOn(source, line);
            if (!declared.contains(stack.group(1))) {
                problem = Optional.of("'" + stack.group(1) + "' is not declared on the line this assertion is about (line "
                        + (line + 1) + ")" + (declared.isEmpty() ? "; nothing is declared there"
                        : "; declared there: " + String.join(", ", declared)));
            }
        } else {
            kind = switch (dialect == Dialect.OPTLENS ? item : gcassertWord(item)) {
                case "noescape" -> Kind.NOESCAPE;
                case "inline" -> Kind.INLINE;
                case "nobce" -> Kind.NOBCE;
                default -> Kind.UNKNOWN;
            };
            if (kind == Kind.UNKNOWN) {
                problem = Optional.of(item.isEmpty() ? "an empty assertion" : item.equals("stack")
                        ? "stack needs the variable's name: //optlens:stack NAME"
                        : "unknown assertion '" + item + "' (" + (dialect == Dialect.OPTLENS
                        ? "optlens knows noescape, inline, nobce and stack NAME" : "gcassert knows inline, bce and noescape") + ")");
            }
        }
        if (appliesToNothing && problem.isEmpty()) {
            problem = Optional.of("this assertion applies to no code: no line of code follows its comment");
        }
        if (kind != Kind.INLINE) function = Optional.empty();
        return new Assertion(file, range, line, kind, dialect, prefix + item, variable, function, problem);
    }

    /** gcassert's words in optlens' terms: its {@code bce} is {@code nobce}. */
    private static String gcassertWord(String word) {
        return switch (word) {
            case "bce" -> "nobce";
            case "inline", "noescape" -> word;
            default -> "?" + word;
        };
    }

    private static boolean aloneOnLine(GoSource source, int commentStart) {
        LineIndex lines = source.lines();
        int lineStart = lines.lineStart(lines.lineOf(commentStart));
        byte[] bytes = source.bytes();
        for (int i = lineStart; i < commentStart; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        }
        return true;
    }

    /**
     * The next line holding code: blank lines and lines of comments (the rest of a doc comment) are
     * skipped; -1 when no code follows.
     */
    private static int nextCodeLine(GoSource source, int commentLine) {
        for (int line = commentLine + 1; line < source.lines().lineCount(); line++) {
            String text = source.lineText(line).strip();
            if (!text.isEmpty() && !text.startsWith("//")) return line;
        }
        return -1;
    }

    private static Optional<String> functionDeclaredOn(GoSource source, int line) {
        for (GoFunction f : source.functions()) {
            if (f.range().start().line() == line) return Optional.of(f.name());
            if (f.range().start().line() > line) break;
        }
        return Optional.empty();
    }

    private static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int indexOf(byte[] bytes, String what, int from) {
        byte[] w = what.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + w.length <= bytes.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (bytes[i + j] != w[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
