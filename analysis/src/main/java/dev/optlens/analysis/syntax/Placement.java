package dev.optlens.analysis.syntax;

import dev.optlens.analysis.syntax.NodeChain.Node;
import org.treesitter.TSNode;

import java.util.ArrayList;
import java.util.List;

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
    static final Set<String> NAMES = Set.of("identifier", "field_identifier", "type_identifier",
            "package_identifier");
    private static final int MAX_MATCH_BYTES = 4096;
    /** The functions the compiler makes for a {@code defer}/{@code go} statement ({@code F.deferwrap1}, {@code F.gowrap2}). */
    private static final Pattern WRAPPER = Pattern.compile("\\.(?:deferwrap|gowrap)\\d+$");

    /** The function the compiler makes of a range-over-func loop's body ({@code F-range1}): the {@code for} statement. */
    private static final Pattern RANGE_BODY = Pattern.compile("-range\\d+$");
    /** A closure ({@code F.func1}, {@code F[...].func2.1}): a func literal, or the method value the compiler wraps in one. */
    private static final Pattern CLOSURE = Pattern.compile("\\.func\\d+(?:\\.\\d+)*$");

    private Placement() {
    }

    public static TextRange place(GoSource src, int line1, int column1, Subject subject, String subjectText) {
        LineIndex lines = src.lines();
        if (line1 < 1 || line1 > lines.lineCount()) {
            TextPosition p = lines.positionOf(lines.offsetOfCompilerPosition(line1, column1));
            return new TextRange(p, p);
        }
        if (column1 < 1) return LinePlacement.onLine(src, line1 - 1, subject, subjectText);
        int offset = lines.offsetOfCompilerPosition(line1, column1);
        List<Node> chain = NodeChain.at(src, offset);
        Optional<TSNode> widened = switch (subject) {
            case FUNCTION_NAME -> WRAPPER.matcher(subjectText).find() ? wrapped(chain).or(() -> functionName(chain))
                    : RANGE_BODY.matcher(subjectText).find() ? forStatement(chain).or(() -> functionName(chain))
                    : CLOSURE.matcher(subjectText).find() ? closure(chain)
                    : functionName(chain);
            case CALL -> call(chain, offset);
            case NAME -> name(src, chain, subjectText);
            case EXPRESSION -> expression(src, chain, offset, subjectText);
            case INDEX -> enclosing(chain, "index_expression", "slice_expression");
            case DEREFERENCE -> enclosing(chain, "selector_expression", "index_expression", "unary_expression");
            case POINT -> Optional.empty();
        };
        TSNode at = widened.orElse(chain.get(0).node);
        // A parse error around the syntax found: trust the compiler's point (the token there), never a
        // node the broken parse stretched over other code.
        if (at.hasError()) at = chain.get(0).node;
        else if (!at.isNamed() && isBareToken(src, at)) at = namedAround(chain, at);
        return src.rangeOf(at);
    }

    /**
     * Punctuation, or the {@code go}/{@code defer} of a statement the compiler wrapped: tokens that say
     * nothing alone. A keyword such as a function literal's {@code func} names its syntax well enough.
     */
    private static boolean isBareToken(GoSource src, TSNode token) {
        String t = src.textOf(token);
        return t.equals("go") || t.equals("defer") || t.chars().noneMatch(Character::isLetterOrDigit);
    }

    /**
     * For a lone token (a call's '(', a literal's '{', a string's quote, a selector's '.', '&', 'go'):
     * the syntax it belongs to — the innermost named node above it, a call for its argument list —
     * so that a range is a single punctuation character only where the source there is just that.
     */
    private static TSNode namedAround(List<Node> chain, TSNode token) {
        for (Node n : chain) {
            if (!n.node.isNamed() || n.node.getStartByte() > token.getStartByte() || n.node.getEndByte() < token.getEndByte()) continue;
            if (n.type().equals("argument_list")) continue; // the call it belongs to
            if (n.type().equals("parameter_list")) {
                // a method's receiver (where the compiler puts a generic method's wrapper): the method's name
                TSNode decl = n.node.getParent();
                if (decl != null && !decl.isNull() && decl.getType().equals("method_declaration")) {
                    TSNode name = decl.getChildByFieldName("name");
                    if (name != null && !name.isNull()) return name;
                }
            }
            if (n.type().equals("block") || n.type().equals("source_file") || n.node.hasError()) return token;
            return n.node;
        }
        return token;
    }

    private static Optional<TSNode> functionName(List<Node> chain) {
        for (Node n : chain) {
            switch (n.type()) {
                case "function_declaration", "method_declaration" -> {
                    TSNode name = n.node.getChildByFieldName("name");
                    return name == null || name.isNull() ? Optional.of(n.node) : Optional.of(name);
                }
                case "func_literal" -> {
                    return Optional.of(n.node.getChild(0)); // the 'func' keyword
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A closure's decision: the func literal at the point (its {@code func} keyword); where there is none
     * (a method value such as {@code c.onEvicted}, which the compiler wraps in a closure), the syntax at
     * the point, never the enclosing function's name.
     */
    private static Optional<TSNode> closure(List<Node> chain) {
        for (Node n : chain) {
            switch (n.type()) {
                case "func_literal" -> {
                    return Optional.of(n.node.getChild(0));
                }
                case "function_declaration", "method_declaration", "source_file" -> {
                    return Optional.empty();
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code for} statement the point is on (its keyword), inside the enclosing function. */
    private static Optional<TSNode> forStatement(List<Node> chain) {
        for (Node n : chain) {
            if (n.type().equals("for_statement")) return Optional.of(n.node.getChild(0));
            if (n.type().equals("function_declaration") || n.type().equals("method_declaration") || n.type().equals("func_literal")) break;
        }
        return Optional.empty();
    }

    /** The defer or go statement at the point, for the function the compiler wraps it in. */
    private static Optional<TSNode> wrapped(List<Node> chain) {
        for (Node n : chain) {
            switch (n.type()) {
                case "defer_statement", "go_statement" -> {
                    return Optional.of(n.node);
                }
                case "function_declaration", "method_declaration", "func_literal", "source_file" -> {
                    return Optional.empty();
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<TSNode> enclosing(List<Node> chain, String... types) {
        for (Node n : chain) {
            if (STOP.contains(n.type())) break;
            for (String t : types) {
                if (n.type().equals(t)) return Optional.of(n.node);
            }
        }
        return Optional.empty();
    }

    private static Optional<TSNode> call(List<Node> chain, int offset) {
        TSNode firstCall = null;
        for (Node n : chain) {
            if (n.type().equals("call_expression")) {
                if (argumentsStartAt(n.node, offset)) return Optional.of(n.node);
                if (firstCall == null) firstCall = n.node;
            }
            if (STOP.contains(n.type())) break;
        }
        return Optional.ofNullable(firstCall);
    }

    private static boolean argumentsStartAt(TSNode call, int offset) {
        TSNode args = call.getChildByFieldName("arguments");
        return args != null && !args.isNull() && args.getStartByte() == offset;
    }

    private static Optional<TSNode> name(GoSource src, List<Node> chain, String subjectText) {
        TSNode at = chain.get(0).node;
        if (NAMES.contains(chain.get(0).type())) return Optional.of(at);
        // The point may be on a parameter declaration or a spec that starts with the name.
        for (Node n : chain) {
            for (int i = 0; i < n.node.getNamedChildCount(); i++) {
                TSNode c = n.node.getNamedChild(i);
                if (NAMES.contains(c.getType()) && c.getStartByte() >= at.getStartByte()
                        && (subjectText.isEmpty() || src.textOf(c).equals(subjectText))) {
                    return Optional.of(c);
                }
            }
            if (STOP.contains(n.type())) break;
        }
        return Optional.empty();
    }

    private static Optional<TSNode> expression(GoSource src, List<Node> chain, int offset, String subjectText) {
        Pattern pattern = PrintedExpression.pattern(PrintedExpression.asWritten(subjectText));
        boolean funcLiteral = subjectText.equals("func literal");
        int minLength = PrintedExpression.minimumLength(subjectText);
        for (Node n : chain) {
            if (STOP.contains(n.type())) break;
            if (funcLiteral) {
                if (n.type().equals("func_literal")) return Optional.of(n.node);
            } else if (n.node.getEndByte() - n.node.getStartByte() >= minLength && matches(src, n.node, pattern)) {
                return Optional.of(n.node);
            }
        }
        return structural(chain, offset, subjectText);
    }

    /** Fallback when the printed text does not match the source: the syntax the compiler's point marks. */
    private static Optional<TSNode> structural(List<Node> chain, int offset, String subjectText) {
        for (Node n : chain) {
            if (STOP.contains(n.type())) break;
            switch (n.type()) {
                case "argument_list" -> {
                    if (n.node.getStartByte() == offset && subjectText.equals("... argument")) return Optional.of(n.node);
                }
                case "call_expression" -> {
                    if (argumentsStartAt(n.node, offset)) return Optional.of(n.node);
                }
                case "composite_literal" -> {
                    TSNode body = n.node.getChildByFieldName("body");
                    if (body != null && !body.isNull() && body.getStartByte() == offset) return Optional.of(n.node);
                }
                case "literal_value" -> {
                    // an element whose type is elided ({"a"} in [][]string{{"a"}}): the compiler prints its type
                    if (n.node.getStartByte() == offset) return Optional.of(n.node);
                }
                case "unary_expression", "type_conversion_expression" -> {
                    if (n.node.getStartByte() == offset || n.type().equals("type_conversion_expression")) return Optional.of(n.node);
                }
                case "binary_expression" -> {
                    TSNode op = n.node.getChildByFieldName("operator");
                    if (op != null && !op.isNull() && op.getStartByte() == offset) return Optional.of(n.node);
                }
                default -> {
                }
            }
        }
        TSNode at = chain.get(0).node;
        return at.isNamed() ? Optional.of(at) : Optional.empty();
    }

    static boolean matches(GoSource src, TSNode n, Pattern pattern) {
        if (pattern == null || n.getEndByte() - n.getStartByte() > MAX_MATCH_BYTES || !n.isNamed()) return false;
        return pattern.matcher(PrintedExpression.stripSpace(src.textOf(n))).matches();
    }

}
