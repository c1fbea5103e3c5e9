package dev.optlens.analysis.syntax;

import org.treesitter.TSNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the optimization assertions need to know about a file's syntax: its comments that hold a
 * directive, the calls on a line, the calls of a named function, and the types it declares. Reads
 * the tree under the source's own lock (the server reads snapshots from several threads).
 */
public final class GoCalls {
    /**
     * A call in the source.
     *
     * @param range  the whole call expression ({@code f(x)}), as placement widens an {@code inlining
     *               call to} decision to
     * @param callee the called expression as written ({@code f}, {@code x.M}, {@code pkg.F}, {@code F[int]})
     * @param name   the called name without qualifier or type arguments ({@code f}, {@code M}, {@code F});
     *               empty for a function literal or a parenthesised callee
     * @param line   the 0-based line of its argument list's {@code (}: where the compiler reports the call
     */
    public record Call(TextRange range, String callee, String name, int line) {
    }

    /** Predeclared functions: the compiler expands them, there is nothing to inline. */
    private static final Set<String> BUILTINS = Set.of("append", "cap", "clear", "close", "complex", "copy", "delete",
            "imag", "len", "make", "max", "min", "new", "panic", "print", "println", "real", "recover");
    /** Predeclared types: a call of one is a conversion. */
    private static final Set<String> PREDECLARED_TYPES = Set.of("any", "bool", "byte", "comparable", "complex64",
            "complex128", "error", "float32", "float64", "int", "int8", "int16", "int32", "int64", "rune", "string",
            "uint", "uint8", "uint16", "uint32", "uint64", "uintptr");

    private GoCalls() {
    }

    /**
     * The byte range {@code [start, end)} of the comment that contains the offset, or null when the
     * offset is not inside a comment (a string, code).
     */
    public static int[] commentAt(GoSource source, int offset) {
        if (!source.isParsed()) return null;
        synchronized (source) {
            TSNode n = source.root().getDescendantForByteRange(offset, offset + 1);
            for (; n != null && !n.isNull(); n = n.getParent()) {
                if (n.getType().equals("comment")) return new int[]{n.getStartByte(), n.getEndByte()};
                if (n.getType().equals("source_file")) break;
            }
            return null;
        }
    }

    /**
     * The calls whose argument list opens on a line, builtins and conversions left out (a conversion
     * is recognised when its type is written as one: {@code []byte(s)}, {@code (*T)(p)}, a predeclared
     * type, or a type declared in {@code typeNames}).
     */
    public static List<Call> onLine(GoSource source, int line, Set<String> typeNames) {
        List<Call> out = new ArrayList<>();
        if (!source.isParsed() || line < 0 || line >= source.lines().lineCount()) return out;
        int from = source.lines().lineStart(line);
        int to = source.lines().lineContentEnd(line);
        synchronized (source) {
            collect(source, source.root(), from, to, out, typeNames, null);
        }
        out.removeIf(c -> c.line() != line);
        return out;
    }

    /** Whether an index or slice expression ({@code xs[i]}, {@code b[1:n]}) starts on the line. */
    public static boolean indexesOn(GoSource source, int line) {
        if (!source.isParsed() || line < 0 || line >= source.lines().lineCount()) return false;
        int from = source.lines().lineStart(line);
        int to = source.lines().lineContentEnd(line);
        synchronized (source) {
            return hasIndex(source.root(), from, to);
        }
    }

    private static boolean hasIndex(TSNode n, int from, int to) {
        if (n.getEndByte() < from || n.getStartByte() > to) return false;
        String type = n.getType();
        if ((type.equals("index_expression") || type.equals("slice_expression")) && n.getStartByte() >= from) return true;
        int count = n.getNamedChildCount();
        for (int i = 0; i < count; i++) if (hasIndex(n.getNamedChild(i), from, to)) return true;
        return false;
    }

    /** Every call in the file whose called name is {@code name} ({@code name(…)}, {@code x.name(…)}). */
    public static List<Call> named(GoSource source, String name) {
        List<Call> out = new ArrayList<>();
        if (!source.isParsed() || !source.text().contains(name)) return out;
        synchronized (source) {
            collect(source, source.root(), 0, source.bytes().length, out, Set.of(), name);
        }
        return out;
    }

    /** A selector not called where it is written: its name, 0-based line and byte offset. */
    public record Selector(String name, int line, int offset) {
    }

    /**
     * The selectors whose name is one of {@code names} and that are not called there — method values
     * ({@code x.M}) or method expressions ({@code T.M}), in source order. Syntax only: a field of that
     * name counts too.
     */
    public static List<Selector> selectorsNotCalled(GoSource source, Set<String> names) {
        if (!source.isParsed() || names.isEmpty()) return List.of();
        List<Selector> out = new ArrayList<>();
        // A package's name before the dot is a qualified identifier (reflect.String), not a method value.
        Set<String> packages = new java.util.HashSet<>();
        for (String path : source.imports()) packages.add(path.substring(path.lastIndexOf('/') + 1));
        // The text finds the candidates, not called (a walk of the whole tree cost 1.6 s per closure on net/http); the tree decides.
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) alternatives.append(alternatives.length() == 0 ? "" : "|").append(java.util.regex.Pattern.quote(n));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.\\s*(" + alternatives + ")\\b(?!\\s*\\()").matcher(source.text());
        synchronized (source) {
            // The tree counts bytes: each match's offset is advanced from the last one's, not encoded from the start again.
            int chars = 0;
            int start = 0;
            while (m.find()) {
                start += source.text().substring(chars, m.start(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                chars = m.start(1);
                int length = m.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                TSNode field = source.root().getDescendantForByteRange(start, start + length);
                if (field == null || field.isNull() || !field.getType().equals("field_identifier")) continue;
                TSNode selector = field.getParent();
                if (selector == null || selector.isNull() || !selector.getType().equals("selector_expression")) continue;
                TSNode operand = selector.getChildByFieldName("operand");
                TSNode parent = selector.getParent();
                boolean called = parent != null && !parent.isNull() && parent.getType().equals("call_expression")
                        && parent.getChildByFieldName("function").getStartByte() == selector.getStartByte();
                boolean qualified = operand != null && !operand.isNull() && operand.getType().equals("identifier")
                        && packages.contains(source.textOf(operand));
                if (!called && !qualified) out.add(new Selector(m.group(1), selector.getStartPoint().getRow(), selector.getStartByte()));
            }
            return out;
        }
    }

    private static void collect(GoSource source, TSNode n, int from, int to, List<Call> out, Set<String> types, String only) {
        if (n.getEndByte() < from || n.getStartByte() > to) return;
        String type = n.getType();
        if (type.equals("call_expression") || type.equals("type_conversion_expression")) {
            call(source, n, types).filter(c -> only == null || c.name().equals(only)).ifPresent(out::add);
        }
        int count = n.getNamedChildCount();
        for (int i = 0; i < count; i++) collect(source, n.getNamedChild(i), from, to, out, types, only);
    }

    private static java.util.Optional<Call> call(GoSource source, TSNode n, Set<String> types) {
        TSNode fn;
        TSNode args;
        if (n.getType().equals("type_conversion_expression")) {
            // F[int](x) parses as a conversion to a generic type; anything else here is a real conversion.
            fn = n.getChildByFieldName("type");
            if (fn == null || fn.isNull() || !fn.getType().equals("generic_type")) return java.util.Optional.empty();
            args = n.getChildByFieldName("operand");
            if (args == null || args.isNull()) return java.util.Optional.empty();
            args = args.getPrevSibling(); // the "("
        } else {
            fn = n.getChildByFieldName("function");
            args = n.getChildByFieldName("arguments");
        }
        if (fn == null || fn.isNull() || args == null || args.isNull()) return java.util.Optional.empty();
        String name = switch (fn.getType()) {
            case "identifier" -> source.textOf(fn);
            case "selector_expression" -> field(source, fn);
            case "generic_type", "index_expression" -> baseName(source, fn);
            case "func_literal" -> "";
            case "parenthesized_expression" -> {
                String inner = source.textOf(fn).replaceAll("\\s", "");
                yield inner.startsWith("(*") || inner.startsWith("([]") || inner.startsWith("(map[") || inner.startsWith("(func(")
                        || inner.startsWith("(chan") ? null : "";
            }
            default -> null; // a type written as a type: a conversion
        };
        if (name == null) return java.util.Optional.empty();
        if (fn.getType().equals("identifier") && (BUILTINS.contains(name) || PREDECLARED_TYPES.contains(name) || types.contains(name))) {
            return java.util.Optional.empty();
        }
        int line = source.lines().lineOf(args.getStartByte());
        return java.util.Optional.of(new Call(source.rangeOf(n), source.textOf(fn), name, line));
    }

    private static String field(GoSource source, TSNode selector) {
        TSNode f = selector.getChildByFieldName("field");
        return f == null || f.isNull() ? "" : source.textOf(f);
    }

    private static String baseName(GoSource source, TSNode generic) {
        TSNode base = generic.getNamedChildCount() > 0 ? generic.getNamedChild(0) : null;
        if (base == null || base.isNull()) return "";
        if (base.getType().equals("selector_expression") || base.getType().equals("qualified_type")) {
            String text = source.textOf(base);
            return text.substring(text.lastIndexOf('.') + 1);
        }
        return source.textOf(base);
    }

    /** The names of the types the file declares at its top level. */
    public static Set<String> typeNames(GoSource source) {
        Set<String> out = new java.util.HashSet<>();
        if (!source.isParsed()) return out;
        synchronized (source) {
            TSNode root = source.root();
            for (int i = 0; i < root.getNamedChildCount(); i++) {
                TSNode decl = root.getNamedChild(i);
                if (!decl.getType().equals("type_declaration")) continue;
                for (int j = 0; j < decl.getNamedChildCount(); j++) {
                    TSNode spec = decl.getNamedChild(j);
                    TSNode name = spec.getChildByFieldName("name");
                    if (name != null && !name.isNull()) out.add(source.textOf(name));
                }
            }
        }
        return out;
    }

    /**
     * The names the line declares, in source order: the left of a {@code :=} (also in {@code range},
     * a select's receive and a type switch), {@code var} and {@code const} names, and parameters,
     * results and receivers of a signature on the line.
     */
    public static List<String> declaredOn(GoSource source, int line) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (!source.isParsed() || line < 0 || line >= source.lines().lineCount()) return List.of();
        int from = source.lines().lineStart(line);
        int to = source.lines().lineContentEnd(line);
        synchronized (source) {
            declared(source, source.root(), from, to, out);
        }
        return List.copyOf(out);
    }

    private static void declared(GoSource source, TSNode n, int from, int to, java.util.Set<String> out) {
        if (n.getEndByte() < from || n.getStartByte() > to) return;
        switch (n.getType()) {
            case "short_var_declaration" -> names(source, n.getChildByFieldName("left"), from, to, out);
            case "range_clause", "receive_statement" -> {
                TSNode left = n.getChildByFieldName("left");
                TSNode right = n.getChildByFieldName("right");
                if (left != null && !left.isNull() && right != null && !right.isNull()
                        && new String(source.bytes(), left.getEndByte(), right.getStartByte() - left.getEndByte(),
                        java.nio.charset.StandardCharsets.UTF_8).contains(":=")) {
                    names(source, left, from, to, out);
                }
            }
            case "type_switch_statement" -> names(source, n.getChildByFieldName("alias"), from, to, out);
            case "var_spec", "const_spec", "parameter_declaration", "variadic_parameter_declaration" -> {
                // The names come first; a type is a type_identifier or another type node, never an identifier.
                for (int i = 0; i < n.getNamedChildCount(); i++) {
                    TSNode c = n.getNamedChild(i);
                    if (!c.getType().equals("identifier")) break;
                    if (c.getStartByte() >= from && c.getStartByte() <= to) out.add(source.textOf(c));
                }
            }
            default -> {
            }
        }
        int count = n.getNamedChildCount();
        for (int i = 0; i < count; i++) declared(source, n.getNamedChild(i), from, to, out);
    }

    /** The identifiers of an expression list (or a lone identifier) that start on the line. */
    private static void names(GoSource source, TSNode list, int from, int to, java.util.Set<String> out) {
        if (list == null || list.isNull()) return;
        List<TSNode> items = new ArrayList<>();
        if (list.getType().equals("identifier")) items.add(list);
        else for (int i = 0; i < list.getNamedChildCount(); i++) items.add(list.getNamedChild(i));
        for (TSNode c : items) {
            if (c.getType().equals("identifier") && c.getStartByte() >= from && c.getStartByte() <= to) {
                String name = source.textOf(c);
                if (!name.equals("_")) out.add(name);
            }
        }
    }
}
