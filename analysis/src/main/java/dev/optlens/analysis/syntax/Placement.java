package dev.optlens.analysis.syntax;

import org.treesitter.TSNode;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Widens the zero-width point the compiler reports (1-based line, 1-based byte column) to the
 * syntax it talks about. The compiler points at a call's '(' , a composite literal's '{', a binary
 * expression's operator, or a function's {@code func}/receiver; the user wants the whole thing
 * underlined. Where the syntax cannot be found (the file changed, a syntax error) the range is the
 * token at the point, never a guess elsewhere.
 */
public final class Placement {
    /** What a decision talks about, which decides how far its point is widened. */
    public enum Subject {
        /** The declared function's name (inline decisions). */
        FUNCTION_NAME,
        /** The call expression (inlined calls, devirtualized calls). */
        CALL,
        /** A variable or parameter name. */
        NAME,
        /** The expression whose text the compiler printed. */
        EXPRESSION,
        /** The index or slice expression at the point (bounds checks). */
        INDEX,
        /** The dereference at the point: a selector, index or '*' expression (nil checks). */
        DEREFERENCE,
        /** Just the token at the point. */
        POINT
    }

    private static final Set<String> STOP = Set.of("block", "source_file", "function_declaration",
            "method_declaration", "expression_statement", "short_var_declaration", "assignment_statement",
            "return_statement", "var_declaration", "const_declaration", "if_statement", "for_statement",
            "expression_switch_statement", "type_switch_statement", "go_statement", "defer_statement",
            "send_statement", "inc_statement", "dec_statement", "labeled_statement");
    private static final Set<String> NAMES = Set.of("identifier", "field_identifier", "type_identifier",
            "package_identifier");
    private static final int MAX_MATCH_BYTES = 4096;

    private Placement() {
    }

    public static TextRange place(GoSource src, int line1, int column1, Subject subject, String subjectText) {
        LineIndex lines = src.lines();
        if (line1 < 1 || line1 > lines.lineCount()) {
            TextPosition p = lines.positionOf(lines.offsetOfCompilerPosition(line1, column1));
            return new TextRange(p, p);
        }
        int offset = lines.offsetOfCompilerPosition(line1, column1);
        TSNode at = nodeAt(src, offset);
        Optional<TSNode> widened = switch (subject) {
            case FUNCTION_NAME -> functionName(at);
            case CALL -> call(at, offset);
            case NAME -> name(src, at, subjectText);
            case EXPRESSION -> expression(src, at, offset, subjectText);
            case INDEX -> enclosing(at, "index_expression", "slice_expression");
            case DEREFERENCE -> enclosing(at, "selector_expression", "index_expression", "unary_expression");
            case POINT -> Optional.empty();
        };
        return src.rangeOf(widened.orElse(at));
    }

    private static TSNode nodeAt(GoSource src, int offset) {
        int end = Math.min(offset + 1, src.bytes().length);
        return src.root().getDescendantForByteRange(offset, Math.max(offset, end));
    }

    private static Optional<TSNode> functionName(TSNode at) {
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            switch (n.getType()) {
                case "function_declaration", "method_declaration" -> {
                    TSNode name = n.getChildByFieldName("name");
                    return name == null || name.isNull() ? Optional.of(n) : Optional.of(name);
                }
                case "func_literal" -> {
                    return Optional.of(n.getChild(0)); // the 'func' keyword
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<TSNode> enclosing(TSNode at, String... types) {
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            if (STOP.contains(n.getType())) break;
            for (String t : types) {
                if (n.getType().equals(t)) return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static Optional<TSNode> call(TSNode at, int offset) {
        TSNode firstCall = null;
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            if (n.getType().equals("call_expression")) {
                TSNode args = n.getChildByFieldName("arguments");
                if (args != null && !args.isNull() && args.getStartByte() == offset) return Optional.of(n);
                if (firstCall == null) firstCall = n;
            }
            if (STOP.contains(n.getType())) break;
        }
        return Optional.ofNullable(firstCall);
    }

    private static Optional<TSNode> name(GoSource src, TSNode at, String subjectText) {
        if (NAMES.contains(at.getType())) return Optional.of(at);
        // The point may be on a parameter declaration or a spec that starts with the name.
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            for (int i = 0; i < n.getNamedChildCount(); i++) {
                TSNode c = n.getNamedChild(i);
                if (NAMES.contains(c.getType()) && c.getStartByte() >= at.getStartByte()
                        && (subjectText.isEmpty() || src.textOf(c).equals(subjectText))) {
                    return Optional.of(c);
                }
            }
            if (STOP.contains(n.getType())) break;
        }
        return Optional.empty();
    }

    private static Optional<TSNode> expression(GoSource src, TSNode at, int offset, String subjectText) {
        Pattern pattern = compilerExpressionPattern(subjectText);
        boolean funcLiteral = subjectText.equals("func literal");
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            if (STOP.contains(n.getType())) break;
            if (funcLiteral ? n.getType().equals("func_literal") : matches(src, n, pattern)) return Optional.of(n);
        }
        return structural(at, offset, subjectText);
    }

    /** Fallback when the printed text does not match the source: the syntax the compiler's point marks. */
    private static Optional<TSNode> structural(TSNode at, int offset, String subjectText) {
        for (TSNode n = at; n != null && !n.isNull(); n = n.getParent()) {
            if (STOP.contains(n.getType())) break;
            switch (n.getType()) {
                case "argument_list" -> {
                    if (n.getStartByte() == offset && subjectText.equals("... argument")) return Optional.of(n);
                }
                case "call_expression" -> {
                    TSNode args = n.getChildByFieldName("arguments");
                    if (args != null && !args.isNull() && args.getStartByte() == offset) return Optional.of(n);
                }
                case "composite_literal" -> {
                    TSNode body = n.getChildByFieldName("body");
                    if (body != null && !body.isNull() && body.getStartByte() == offset) return Optional.of(n);
                }
                case "binary_expression" -> {
                    TSNode op = n.getChildByFieldName("operator");
                    if (op != null && !op.isNull() && op.getStartByte() == offset) return Optional.of(n);
                }
                default -> {
                }
            }
        }
        return at.isNamed() ? Optional.of(at) : Optional.empty();
    }

    private static boolean matches(GoSource src, TSNode n, Pattern pattern) {
        if (pattern == null || n.getEndByte() - n.getStartByte() > MAX_MATCH_BYTES || !n.isNamed()) return false;
        return pattern.matcher(stripSpace(src.textOf(n))).matches();
    }

    /**
     * The compiler prints expressions in a normalized form: composite-literal bodies as {@code {...}},
     * whitespace normalized. Whitespace is ignored and {@code {...}} matches any braced body.
     */
    static Pattern compilerExpressionPattern(String printed) {
        String s = stripSpace(printed);
        if (s.isEmpty()) return null;
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = s.indexOf("{...}", i);
            if (j < 0) {
                re.append(Pattern.quote(s.substring(i)));
                break;
            }
            re.append(Pattern.quote(s.substring(i, j))).append("\\{.*\\}");
            i = j + 5;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String stripSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) b.append(c);
        }
        return b.toString();
    }
}
