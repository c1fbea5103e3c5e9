package dev.optlens.analysis.syntax;

import org.treesitter.TSInputEdit;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSReader;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterGo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of one Go file: its text, its line index and its tree-sitter syntax tree.
 * Its own methods that read the tree are synchronized (the server reads a document's snapshot
 * from several request threads); code that walks {@link #root()} itself works on a
 * {@link #withOwnTree()} copy.
 * {@link #edit} produces the next snapshot by editing a copy of the tree and reparsing
 * incrementally, so the cost of a keystroke is proportional to the edit, not the file.
 */
public final class GoSource {
    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser p = new TSParser();
        p.setLanguage(new TreeSitterGo());
        return p;
    });

    private final byte[] utf8;
    private final LineIndex lines;
    private final TSTree tree;
    private volatile List<GoFunction> functions;
    private volatile List<String> localTypes;
    private volatile String text;

    private GoSource(byte[] utf8, TSTree tree, String text) {
        this(utf8, new LineIndex(utf8), tree, text, null);
    }

    private GoSource(byte[] utf8, LineIndex lines, TSTree tree, String text, List<GoFunction> functions) {
        this.utf8 = utf8;
        this.lines = lines;
        this.tree = tree;
        this.text = text;
        this.functions = functions;
    }

    /**
     * The same snapshot with its own copy of the syntax tree (cheap: structure is shared), for another
     * thread: tree-sitter trees are not safe to use from two threads at once.
     */
    public GoSource withOwnTree() {
        if (tree == null) return this;
        return new GoSource(utf8, lines, tree.copy(), text, functions());
    }

    /**
     * A file's text without a syntax tree: what a document too large to parse is kept as (tree-sitter
     * takes about 70 bytes of native memory per byte of Go: 360 MB for a 5 MB file). It answers with
     * no functions, imports or package name, and edits without reparsing.
     */
    public static GoSource unparsed(String text) {
        return new GoSource(text.getBytes(StandardCharsets.UTF_8), null, text);
    }

    /** Whether this snapshot has a syntax tree (see {@link #unparsed}). */
    public boolean isParsed() {
        return tree != null;
    }

    /** Parses a whole file. */
    public static GoSource parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new GoSource(bytes, parseBytes(bytes, null), text);
    }

    /** Parses raw file bytes (invalid UTF-8 is replaced, as an editor would show it). */
    public static GoSource parse(byte[] bytes) {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Replaces the text in {@code range} (editor positions, UTF-16) with {@code newText} and returns the
     * new snapshot. The tree is edited and reparsed incrementally; this snapshot is unchanged.
     */
    public GoSource edit(TextRange range, String newText) {
        int start = lines.offsetOf(range.start());
        int oldEnd = Math.max(start, lines.offsetOf(range.end()));
        byte[] inserted = newText.getBytes(StandardCharsets.UTF_8);
        byte[] next = new byte[utf8.length - (oldEnd - start) + inserted.length];
        System.arraycopy(utf8, 0, next, 0, start);
        System.arraycopy(inserted, 0, next, start, inserted.length);
        System.arraycopy(utf8, oldEnd, next, start + inserted.length, utf8.length - oldEnd);
        int newEnd = start + inserted.length;
        if (tree == null) return new GoSource(next, null, null);

        TSTree edited = tree.copy();
        edited.edit(new TSInputEdit(start, oldEnd, newEnd,
                pointOf(utf8, lines, start), pointOf(utf8, lines, oldEnd), endPoint(start, inserted)));
        TSTree reparsed = parseBytes(next, edited);
        return new GoSource(next, reparsed, null);
    }

    /**
     * Parses UTF-8 bytes through a reader callback: handing tree-sitter a Java String would go through
     * JNI's modified UTF-8, whose byte offsets differ from the file's for NUL and non-BMP characters.
     */
    private static TSTree parseBytes(byte[] bytes, TSTree old) {
        byte[] buffer = new byte[4 * 1024]; // small: tree-sitter asks for many short reads when reparsing
        TSReader reader = (buf, offset, point) -> {
            if (offset >= bytes.length) return 0;
            int n = Math.min(buf.length, bytes.length - offset);
            System.arraycopy(bytes, offset, buf, 0, n);
            return n;
        };
        TSTree tree = PARSER.get().parse(buffer, old, reader, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) throw new IllegalStateException("tree-sitter returned no tree");
        return tree;
    }

    private static TSPoint pointOf(byte[] bytes, LineIndex idx, int offset) {
        int line = idx.lineOf(offset);
        return new TSPoint(line, offset - idx.lineStart(line));
    }

    private TSPoint endPoint(int start, byte[] inserted) {
        TSPoint s = pointOf(utf8, lines, start);
        int row = s.getRow();
        int col = s.getColumn();
        for (byte b : inserted) {
            if (b == '\n') {
                row++;
                col = 0;
            } else {
                col++;
            }
        }
        return new TSPoint(row, col);
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = new String(utf8, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    public byte[] bytes() {
        return utf8;
    }

    public LineIndex lines() {
        return lines;
    }

    public TSNode root() {
        if (tree == null) throw new IllegalStateException("an unparsed source has no syntax tree");
        return tree.getRootNode();
    }

    public boolean hasSyntaxErrors() {
        return tree != null && root().hasError();
    }

    /** The text of a node, by its byte range. */
    public String textOf(TSNode node) {
        return new String(utf8, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }

    /** The text of a range (editor positions), as {@link #rangeOf} gives them. */
    public String textOf(TextRange range) {
        int start = lines.offsetOf(range.start());
        int end = lines.offsetOf(range.end());
        return new String(utf8, start, Math.max(0, end - start), StandardCharsets.UTF_8);
    }

    /** The text of a 0-based line without its line break; empty past the last line. */
    public String lineText(int line) {
        if (line < 0 || line >= lines.lineCount()) return "";
        int from = lines.lineStart(line);
        return new String(utf8, from, lines.lineContentEnd(line) - from, StandardCharsets.UTF_8);
    }

    public TextRange rangeOf(TSNode node) {
        return lines.rangeOf(node.getStartByte(), node.getEndByte());
    }

    /** The package name from the package clause, if it parses. */
    public synchronized Optional<String> packageName() {
        if (tree == null) return Optional.empty();
        header();
        return packageName;
    }

    /** The import paths of the file's import declarations, in source order. */
    public synchronized List<String> imports() {
        if (tree == null) return List.of();
        header();
        return imports;
    }

    private Optional<String> packageName;
    private List<String> imports;

    /** Reads the package clause and the imports once per text (see {@link GoDeclarations#header}). */
    private void header() {
        if (imports != null) return;
        GoDeclarations.Header h = GoDeclarations.header(this);
        packageName = h.packageName();
        imports = h.imports();
    }

    /** Top-level functions and methods in source order. */
    public synchronized List<GoFunction> functions() {
        List<GoFunction> fs = functions;
        if (fs == null && tree == null) return List.of();
        if (fs == null) {
            fs = List.copyOf(GoDeclarations.functions(this));
            functions = fs;
        }
        return fs;
    }

    /**
     * The names of the defined types declared inside functions, in source order: the compiler numbers
     * them across the package ({@code handshaker·7}), file after file.
     */
    public synchronized List<String> localTypes() {
        List<String> ts = localTypes;
        if (ts == null && tree == null) return List.of();
        if (ts == null) {
            ts = List.copyOf(GoDeclarations.localTypes(this));
            localTypes = ts;
        }
        return ts;
    }

    /**
     * The ranges of the top-level functions that overlap a range, found by walking only the top-level
     * declarations there (cheap enough for every keystroke, unlike {@link #functions()}).
     */
    public synchronized List<TextRange> functionRangesOverlapping(TextRange range) {
        if (tree == null) return List.of();
        int start = lines.offsetOf(range.start());
        int end = lines.offsetOf(range.end());
        List<TextRange> out = new ArrayList<>();
        TSNode root = root();
        TSNode n = root.getFirstNamedChildForByte(Math.max(0, start - 1));
        if (n == null || n.isNull()) return out;
        TSNode prev = n.getPrevNamedSibling();
        if (prev != null && !prev.isNull()) n = prev;
        for (; n != null && !n.isNull() && n.getStartByte() <= end; n = n.getNextNamedSibling()) {
            String t = n.getType();
            if ((t.equals("function_declaration") || t.equals("method_declaration"))
                    && n.getStartByte() <= end && start <= n.getEndByte()) {
                out.add(rangeOf(n));
            }
        }
        return out;
    }

    /** The top-level function whose declaration contains the byte offset. */
    public Optional<GoFunction> functionAt(int offset) {
        // Top-level declarations do not overlap and come in source order: binary search (a linear scan
        // per decision made placement quadratic on big files: 29k functions, 200k decisions).
        List<GoFunction> fs = functions();
        int lo = 0;
        int hi = fs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            GoFunction f = fs.get(mid);
            if (offset < f.startByte()) hi = mid - 1;
            else if (offset >= f.endByte()) lo = mid + 1;
            else return Optional.of(f);
        }
        return Optional.empty();
    }

    /**
     * Where a function's signature ends (the start of its body), given the position of its name or,
     * for a function literal, of its {@code func} keyword. Empty when there is no function there.
     */
    public synchronized Optional<TextPosition> signatureEnd(TextPosition nameOrFunc) {
        if (tree == null) return Optional.empty();
        int offset = lines.offsetOf(nameOrFunc);
        TSNode n = root().getDescendantForByteRange(offset, Math.min(offset + 1, utf8.length));
        for (; n != null && !n.isNull(); n = n.getParent()) {
            String t = n.getType();
            if (t.equals("function_declaration") || t.equals("method_declaration") || t.equals("func_literal")) {
                TSNode body = n.getChildByFieldName("body");
                if (body == null || body.isNull()) return Optional.of(lines.positionOf(n.getEndByte()));
                return Optional.of(lines.positionOf(body.getStartByte()));
            }
            if (t.equals("block") || t.equals("source_file")) break;
        }
        return Optional.empty();
    }

}
