package dev.optlens.analysis.decision;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the compiler's {@code -json=0,<dir>} optimization log (cmd/compile/internal/logopt): one
 * directory per package, one {@code <basename>.json} file per source file, a header line naming
 * the file, then one LSP-shaped record per line. Ranges hold the compiler's 1-based line and byte
 * column (not LSP's 0-based convention). Positions are the outermost ones; {@code inlineLoc}
 * related entries give the inlined source position.
 *
 * <p>Trap: logopt names its files by basename, so a package file {@code type.go} and an inlined
 * {@code sync/atomic/type.go} both write {@code type.json} and the later one overwrites the
 * earlier. {@link Log#lostFiles()} lists package files whose log was overwritten that way.
 */
public final class LogoptJson {
    /** One record of the log. */
    public record Entry(Path file, int line, int column, String code, String message, List<InlineSite> inlineLocs) {
    }

    /** The whole log of one build. */
    public record Log(List<Entry> entries, Set<Path> lostFiles) {
        public static final Log EMPTY = new Log(List.of(), Set.of());
    }

    private LogoptJson() {
    }

    /**
     * @param dir          the {@code -json} output directory
     * @param packageFiles the package's source files: only logs named after them are read, and they
     *                     are checked for the basename trap
     */
    public static Log read(Path dir, Set<Path> packageFiles) {
        return read(dir, packageFiles, Optional.empty());
    }

    /** @param goroot what a {@code $GOROOT/} prefix stands for (standard-library positions) */
    public static Log read(Path dir, Set<Path> packageFiles, Optional<Path> goroot) {
        if (!Files.isDirectory(dir)) return Log.EMPTY;
        // The compiler names files by their real path: a package opened through a symbolic link must
        // still recognise its own files in the log.
        Map<Path, Path> asOpened = new java.util.HashMap<>();
        for (Path f : packageFiles) {
            try {
                asOpened.put(f.toRealPath(), f);
            } catch (IOException e) {
                asOpened.put(f, f);
            }
        }
        // And the other way round: the log may name a file through a link the package was not opened
        // through (GOROOT/src behind a symbolic link, the go command naming GOROOT's path); the mark of a
        // direct compile's copy is not part of the name.
        Map<Path, Path> resolved = new java.util.HashMap<>();
        GorootNames gorootNames = GorootNames.of(goroot);
        java.util.function.UnaryOperator<Path> named = p -> {
            Path f = asOpened.get(p);
            if (f != null) return f;
            return resolved.computeIfAbsent(p, raw -> {
                Path q = Path.of(SourceNames.unmarked(raw.toString()));
                Path own = asOpened.get(q);
                if (own != null) return own;
                try {
                    return asOpened.getOrDefault(q.toRealPath(), gorootNames.named(q));
                } catch (IOException | RuntimeException e) {
                    return gorootNames.named(q);
                }
            });
        };
        List<Entry> entries = new ArrayList<>();
        Map<String, Path> loggedFileByJsonName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            Set<String> wanted = new java.util.HashSet<>();
            for (Path f : packageFiles) wanted.add(f.getFileName().toString().replaceFirst("\\.go$", "") + ".json");
            // Only logs that can belong to the package's files: a slice asks for one file's log.
            for (Path json : files.filter(p -> wanted.contains(SourceNames.unmarked(percentDecode(p.getFileName().toString())))).toList()) {
                Optional<Path> source = readFile(json, entries, goroot, named);
                source.ifPresent(s -> loggedFileByJsonName.put(
                        json.getParent().getFileName() + "/" + percentDecode(json.getFileName().toString()), s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Path> lost = new java.util.TreeSet<>();
        for (Path f : packageFiles) {
            // Lost: no log names f, yet a log with f's file name names another file (it overwrote f's).
            if (loggedFileByJsonName.containsValue(f)) continue;
            String base = f.getFileName().toString();
            String jsonName = "/" + (base.endsWith(".go") ? base.substring(0, base.length() - 3) : base) + ".json";
            if (loggedFileByJsonName.keySet().stream().anyMatch(k -> k.endsWith(jsonName))) lost.add(f);
        }
        return new Log(List.copyOf(entries), Set.copyOf(lost));
    }

    private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors.newCachedThreadPool(
            dev.optlens.analysis.process.DaemonThreads.named("optlens-json-log"));

    /**
     * {@link #read(Path, Set, Optional)} on a thread of its own, while the caller parses the -m text: on
     * go/types the log is 330 MB and takes a second and a half to read, the text two.
     */
    public static java.util.concurrent.Future<Log> readAsync(Path dir, Set<Path> packageFiles, Optional<Path> goroot) {
        return READER.submit(() -> read(dir, packageFiles, goroot));
    }

    /** The log a {@link #readAsync} call reads; its failure as the exception it was. */
    public static Log await(java.util.concurrent.Future<Log> pending) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the -json log");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }

    /** Undoes Go's url.PathEscape, which logopt applies to file and package names. */
    static String percentDecode(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the '%'
                }
            }
            byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            i += Character.charCount(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads one file's records; returns the source file its header names. Line by line with a
     * streaming reader that keeps only what optlens uses (position, code, message, the record's own
     * inline chain): a big package's log runs to hundreds of megabytes, mostly explanation steps
     * that the -m text gives already.
     */
    private static Optional<Path> readFile(Path json, List<Entry> into, Optional<Path> goroot,
                                           java.util.function.UnaryOperator<Path> named) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) return Optional.empty();
            Optional<Path> source;
            try {
                JsonObject header = JsonParser.parseString(first).getAsJsonObject();
                source = LogoptRecord.fileOf(header.get("file").getAsString(), goroot).map(named);
            } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
                return Optional.empty();
            }
            if (source.isEmpty()) return Optional.empty();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    Entry e = LogoptRecord.read(line, source.get(), goroot, named);
                    if (e != null) into.add(e);
                } catch (IOException | RuntimeException e) {
                    // A record we cannot read is skipped; the -m text remains the source of truth.
                }
            }
            return source;
        }
    }

    /**
     * The kind of a record that only the JSON log carries, or empty for records the -m text covers
     * (bounds checks included: the text has them from check_bce's debug output, see Detail).
     */
    public static Optional<DecisionKind> jsonOnlyKind(String code) {
        return switch (code) {
            case "nilcheck" -> Optional.of(DecisionKind.NIL_CHECK);
            case "copy" -> Optional.of(DecisionKind.LARGE_COPY);
            case "iteration-variable-to-heap" -> Optional.of(DecisionKind.LOOPVAR_HEAP);
            case "cannotInlineCall", "iteration-variable-to-stack" -> Optional.of(DecisionKind.OTHER);
            default -> code.startsWith("loop-modified-") ? Optional.of(DecisionKind.OTHER) : Optional.empty();
        };
    }

    /** The -m text message a record of the text's kinds corresponds to (to attach its inline chain). */
    public static String textMessageOf(Entry e) {
        return switch (e.code()) {
            case "isInBounds" -> "Found IsInBounds";
            case "isSliceInBounds" -> "Found IsSliceInBounds";
            default -> e.message();
        };
    }

    /** The message shown for a JSON-only record: the logopt code, and its detail when it has one. */
    public static String messageOf(Entry e) {
        return e.message().isEmpty() ? e.code() : e.code() + ": " + e.message();
    }
}
