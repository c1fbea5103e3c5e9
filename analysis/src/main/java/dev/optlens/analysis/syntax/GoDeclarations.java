package dev.optlens.analysis.syntax;

import org.treesitter.TSNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The declarations a file's syntax tree is read for: its package clause, imports, top-level functions. */
final class GoDeclarations {
    /** The package clause's name and the import paths, in source order. */
    record Header(Optional<String> packageName, List<String> imports) {
    }

    private GoDeclarations() {
    }

    /**
     * Reads the package clause and the imports once per text: they come before every other
     * declaration, so the walk stops at the first one (a big file has hundreds, each a JNI call).
     */
    static Header header(GoSource src) {
        Optional<String> name = Optional.empty();
        List<String> paths = new ArrayList<>();
        TSNode root = src.root();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode c = root.getNamedChild(i);
            String type = c.getType();
            if (type.equals("package_clause")) {
                for (int j = 0; j < c.getNamedChildCount(); j++) {
                    TSNode id = c.getNamedChild(j);
                    if (id.getType().equals("package_identifier")) name = Optional.of(src.textOf(id));
                }
            } else if (type.equals("import_declaration")) {
                importPaths(src, c, paths);
            } else if (!type.equals("comment") && !c.hasError() && !type.equals("ERROR")) {
                break;
            }
        }
        return new Header(name, List.copyOf(paths));
    }

    private static void importPaths(GoSource src, TSNode n, List<String> out) {
        for (int i = 0; i < n.getNamedChildCount(); i++) {
            TSNode c = n.getNamedChild(i);
            if (c.getType().equals("import_spec")) {
                TSNode path = c.getChildByFieldName("path");
                if (path != null && !path.isNull()) out.add(src.textOf(path));
            } else if (c.getType().equals("import_spec_list")) {
                importPaths(src, c, out);
            }
        }
    }

    /** Top-level functions and methods in source order. */
    static List<GoFunction> functions(GoSource src) {
        List<GoFunction> out = new ArrayList<>();
        // A cursor, not getNamedChild(i): that walks the children from the first each time, so a
        // file of many declarations (a generated 50 MB one) took quadratic time.
        org.treesitter.TSTreeCursor cursor = new org.treesitter.TSTreeCursor(src.root());
        for (boolean more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
            TSNode decl = cursor.currentNode();
            if (!decl.isNamed()) continue;
            String type = decl.getType();
            if (!type.equals("function_declaration") && !type.equals("method_declaration")) continue;
            TSNode nameNode = decl.getChildByFieldName("name");
            if (nameNode == null || nameNode.isNull()) continue;
            String name = src.textOf(nameNode);
            Optional<String> receiver = Optional.empty();
            if (type.equals("method_declaration")) {
                receiver = receiverType(src, decl.getChildByFieldName("receiver"));
                name = receiver.map(r -> r.startsWith("*") ? "(" + r + ")" : r).orElse("?") + "." + name;
            }
            TSNode body = decl.getChildByFieldName("body");
            Optional<TextRange> bodyRange = body == null || body.isNull() ? Optional.empty() : Optional.of(src.rangeOf(body));
            out.add(new GoFunction(name, receiver, src.rangeOf(decl), src.rangeOf(nameNode), bodyRange,
                    decl.getStartByte(), decl.getEndByte()));
        }
        return out;
    }

    /**
     * The names of the defined types declared inside blocks (function bodies, function literals), not
     * aliases, in source order. Found from the {@code type} keywords of the text, each looked up in the
     * tree (a walk of every node of a big package costs a JNI call per node).
     */
    static List<String> localTypes(GoSource src) {
        List<String> out = new ArrayList<>();
        byte[] b = src.bytes();
        TSNode root = src.root();
        for (int at = indexOfType(b, 0); at >= 0; at = indexOfType(b, at + 4)) {
            TSNode keyword = root.getDescendantForByteRange(at, at + 4);
            if (keyword == null || keyword.isNull() || !keyword.getType().equals("type")) continue;
            TSNode decl = keyword.getParent();
            if (decl == null || decl.isNull() || !decl.getType().equals("type_declaration") || !insideBlock(decl)) continue;
            for (int i = 0; i < decl.getNamedChildCount(); i++) {
                TSNode spec = decl.getNamedChild(i);
                if (!spec.getType().equals("type_spec")) continue;
                TSNode name = spec.getChildByFieldName("name");
                if (name != null && !name.isNull()) out.add(src.textOf(name));
            }
        }
        return out;
    }

    /** The next {@code type} standing alone as a word at or after {@code from}, or -1. */
    private static int indexOfType(byte[] b, int from) {
        for (int i = from; i + 4 <= b.length; i++) {
            if (b[i] == 't' && b[i + 1] == 'y' && b[i + 2] == 'p' && b[i + 3] == 'e'
                    && (i == 0 || !wordByte(b[i - 1])) && (i + 4 == b.length || !wordByte(b[i + 4]))) {
                return i;
            }
        }
        return -1;
    }

    /** A byte that may be part of an identifier (any byte of a non-ASCII letter counts). */
    private static boolean wordByte(byte c) {
        return c < 0 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean insideBlock(TSNode n) {
        for (TSNode p = n.getParent(); p != null && !p.isNull(); p = p.getParent()) {
            String type = p.getType();
            if (type.equals("block")) return true;
            if (type.equals("source_file")) return false;
        }
        return false;
    }

    /** The receiver's base type, without type parameters: {@code *List} for {@code (l *List[T])}. */
    private static Optional<String> receiverType(GoSource src, TSNode params) {
        if (params == null || params.isNull()) return Optional.empty();
        for (int i = 0; i < params.getNamedChildCount(); i++) {
            TSNode p = params.getNamedChild(i);
            if (!p.getType().equals("parameter_declaration")) continue;
            TSNode t = p.getChildByFieldName("type");
            if (t == null || t.isNull()) continue;
            String s = src.textOf(t).replaceAll("\\s+", "");
            int bracket = s.indexOf('[');
            if (bracket >= 0) s = s.substring(0, bracket);
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
