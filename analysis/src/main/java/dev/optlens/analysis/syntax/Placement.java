package dev.optlens.analysis.syntax;

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
        List<Node> chain = chain(src, offset);
        Optional<TSNode> widened = switch (subject) {
            case FUNCTION_NAME -> functionName(chain);
            case CALL -> call(chain, offset);
            case NAME -> name(src, chain, subjectText);
            case EXPRESSION -> expression(src, chain, offset, subjectText);
            case INDEX -> enclosing(chain, "index_expression", "slice_expression");
            case DEREFERENCE -> enclosing(chain, "selector_expression", "index_expression", "unary_expression");
            case POINT -> Optional.empty();
        };
        return src.rangeOf(widened.orElse(chain.get(0).node));
    }

    /** A node with its type read at most once (each read is a JNI call that allocates a string). */
    private static final class Node {
        final TSNode node;
        private String type;

        Node(TSNode node) {
            this.node = node;
        }

        String type() {
            if (type == null) type = node.getType();
            return type;
        }
    }

    /**
     * The nodes containing the byte, innermost first, computed as far as a caller walks. Each call
     * into the tree-sitter binding costs over a microsecond, so the innermost node comes from one
     * lookup and parents are fetched only while a caller still climbs (usually a few levels).
     */
    private static List<Node> chain(GoSource src, int offset) {
        int end = Math.min(offset + 1, src.bytes().length);
        TSNode at = src.root().getDescendantForByteRange(offset, Math.max(offset, end));
        return new java.util.AbstractList<>() {
            private final List<Node> known = new ArrayList<>(List.of(new Node(at)));
            private boolean atRoot;

            @Override
            public Node get(int i) {
                while (known.size() <= i && !atRoot) {
                    TSNode parent = known.get(known.size() - 1).node.getParent();
                    if (parent == null || parent.isNull()) atRoot = true;
                    else known.add(new Node(parent));
                }
                if (i >= known.size()) throw new IndexOutOfBoundsException(i);
                return known.get(i);
            }

            @Override
            public int size() {
                // Only iteration asks: grow one step at a time, so a loop that breaks early stays cheap.
                return atRoot ? known.size() : known.size() + 1;
            }

            @Override
            public java.util.Iterator<Node> iterator() {
                return new java.util.Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        if (next < known.size()) return true;
                        if (atRoot) return false;
                        TSNode parent = known.get(known.size() - 1).node.getParent();
                        if (parent == null || parent.isNull()) {
                            atRoot = true;
                            return false;
                        }
                        known.add(new Node(parent));
                        return true;
                    }

                    @Override
                    public Node next() {
                        if (!hasNext()) throw new java.util.NoSuchElementException();
                        return known.get(next++);
                    }
                };
            }
        };
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
        Pattern pattern = compilerExpressionPattern(subjectText);
        boolean funcLiteral = subjectText.equals("func literal");
        int minLength = minimumLength(subjectText);
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

    /** A node shorter than the printed text without its whitespace and {...} elisions cannot match it. */
    private static int minimumLength(String printed) {
        return stripSpace(printed).replace("{...}", "{}").length();
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
