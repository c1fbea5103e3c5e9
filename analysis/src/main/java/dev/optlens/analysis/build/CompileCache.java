package dev.optlens.analysis.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a direct compile printed and logged, kept by everything the compile depends on, so an
 * unchanged package is not compiled again — by a second {@code optlens check}, {@code optlens diff}
 * or editor session. The key hashes the compile tool (path, version, size, time), the variables the
 * compiler reads, the command line, every source file's name and bytes (unsaved ones included) and
 * the import configuration, whose export-data files the go command names by their content: a
 * change in a dependency is a change of key. Kept under the user cache folder
 * ({@code $XDG_CACHE_HOME/optlens/compile}, {@code OPTLENS_COMPILE_CACHE} to move it, {@code off} for
 * none), bounded in size (oldest use first out). An entry is written to a folder of its own and
 * renamed into place whole, so a reader sees a complete entry or none, whatever other processes or a
 * crash mid-write do; a half-written folder is removed by a later prune.
 */
public final class CompileCache {
    /** Changes whenever what an entry holds or how a key is made changes. */
    static final String FORMAT = "optlens-compile-cache-3";
    /** Kept at most, in bytes (OPTLENS_COMPILE_CACHE_MB). */
    static final long DEFAULT_LIMIT = 1L << 30;

    private final Path root;
    private final long limit;
    /** Compiles this process did not run because a kept one was read (tests and logs). */
    private static final java.util.concurrent.atomic.AtomicLong HITS = new java.util.concurrent.atomic.AtomicLong();

    public static long hits() {
        return HITS.get();
    }

    /** Counts a compile not run because what was made of it was kept (a package's whole report). */
    public static void readBack() {
        HITS.incrementAndGet();
    }

    /** Entries kept by this process: the cache is pruned at the first and every 32nd (a prune reads every entry's size). */
    private static final java.util.concurrent.atomic.AtomicInteger PUTS = new java.util.concurrent.atomic.AtomicInteger();

    CompileCache(Path root, long limit) {
        this.root = root;
        this.limit = limit;
    }

    /** The cache of this environment; empty when turned off or no folder can be made. */
    public static Optional<CompileCache> of(Map<String, String> env) {
        String where = env.getOrDefault("OPTLENS_COMPILE_CACHE", "");
        if (where.equals("off")) return Optional.empty();
        Path dir;
        if (!where.isBlank()) {
            dir = Path.of(where);
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            if ((xdg == null || xdg.isBlank()) && (home == null || home.isBlank())) return Optional.empty();
            dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("optlens").resolve("compile");
        }
        long limit = DEFAULT_LIMIT;
        try {
            limit = Long.parseLong(env.getOrDefault("OPTLENS_COMPILE_CACHE_MB", "")) << 20;
        } catch (NumberFormatException e) {
            // the default
        }
        try {
            Files.createDirectories(dir);
            return Optional.of(new CompileCache(dir, limit));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** A key under construction: parts are hashed in order, each delimited. */
    public static final class Key {
        private final MessageDigest digest;

        public Key() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
            text(FORMAT);
        }

        public Key text(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public Key bytes(byte[] b) {
            digest.update(Long.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(b);
            return this;
        }

        /** A file's bytes, or its absence. */
        public Key file(Path p) throws IOException {
            return Files.isRegularFile(p) ? text("file").bytes(Files.readAllBytes(p)) : text("missing");
        }

        public String done() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** One kept compile: its output lines (renamed to the user's files), whether it succeeded, its log folder. */
    record Entry(List<String> lines, boolean ok, long millis, Path log) {
    }

    private Path dir(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    /** How many entries are kept now. */
    long entries() throws IOException {
        long n = 0;
        try (Stream<Path> top = Files.list(root)) {
            for (Path p : top.filter(q -> !q.getFileName().toString().startsWith("tmp-")).toList()) {
                try (Stream<Path> s = Files.list(p)) {
                    n += s.count();
                }
            }
        }
        return n;
    }

    /** The entry of a key, when one is kept and readable; its use is recorded (for what is removed first). */
    Optional<Entry> get(String key) {
        Path d = dir(key);
        try {
            List<String> meta = Files.readAllLines(d.resolve("meta"), StandardCharsets.UTF_8);
            List<String> lines;
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.util.zip.GZIPInputStream(Files.newInputStream(d.resolve("out.gz")), 1 << 16), StandardCharsets.UTF_8))) {
                lines = in.lines().toList();
            }
            if (meta.size() < 2) return Optional.empty();
            try {
                Files.setLastModifiedTime(d, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                // read-only cache: still a hit
            }
            Entry e = new Entry(lines, meta.get(0).equals("ok"), Long.parseLong(meta.get(1)), d.resolve("log"));
            HITS.incrementAndGet();
            return Optional.of(e);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return Optional.empty(); // none, half removed by another process's prune, or unreadable: compile
        }
    }

    /**
     * A file kept beside the compiles in a folder of its own ({@code describe}: {@link KeptDescription};
     * {@code report}: a package's whole report), when there is one; its use is recorded.
     */
    public Optional<byte[]> file(String folder, String key) {
        Path f = root.resolve(folder).resolve(key);
        try {
            byte[] bytes = Files.readAllBytes(f);
            touch(f);
            return Optional.of(bytes);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * A kept file (see {@link #file}) mapped read-only: what {@link #keepFile} wrote is renamed into
     * place whole and never written again, so the mapping stays what was read even when another
     * process replaces or prunes the file meanwhile.
     */
    public Optional<java.nio.ByteBuffer> mapped(String folder, String key) {
        Path f = root.resolve(folder).resolve(key);
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ)) {
            java.nio.ByteBuffer bytes = c.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, c.size());
            touch(f);
            return Optional.of(bytes);
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Marks a kept file used now: pruning removes the least recently used first. */
    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // read-only cache: still a hit
        }
    }

    /** Keeps a file beside the compiles, written whole and renamed into place (pruned with them). */
    public void keepFile(String folder, String key, byte[] bytes) {
        Path tmp = root.resolve("tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.write(tmp, bytes);
            Files.createDirectories(root.resolve(folder));
            Files.move(tmp, root.resolve(folder).resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (PUTS.incrementAndGet() % 32 == 1) prune(); // a package go test -c builds keeps no compile: bounded here
        } catch (IOException | UncheckedIOException e) {
            // a full disk or a read-only cache: made again next time
        } finally {
            delete(tmp);
        }
    }

    /** Keeps a compile's result; a failure to write loses nothing but the saving. */
    void put(String key, List<String> lines, boolean ok, long millis, Path log) {
        Path d = dir(key);
        if (Files.isDirectory(d)) return;
        Path tmp = root.resolve("tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            copyTree(log, tmp.resolve("log"));
            // Compressed: the assembly the compile printed (for what allocates) is most of it, and repeats.
            try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                    new java.util.zip.GZIPOutputStream(Files.newOutputStream(tmp.resolve("out.gz")), 1 << 16), StandardCharsets.UTF_8))) {
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
            }
            Files.write(tmp.resolve("meta"), List.of(ok ? "ok" : "failed", Long.toString(millis)), StandardCharsets.UTF_8);
            Files.createDirectories(d.getParent());
            try {
                Files.move(tmp, d, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process kept the same compile first
            } catch (AtomicMoveNotSupportedException e) {
                return;
            }
            if (PUTS.incrementAndGet() % 32 == 1) prune();
        } catch (IOException | UncheckedIOException e) {
            // a full disk or a read-only cache: no entry
        } finally {
            delete(tmp);
        }
    }

    /**
     * Keeps the cache under its limit, the least recently used entries out first, and removes what
     * crashed writers left (temporary folders older than an hour).
     */
    void prune() throws IOException {
        List<Path> entries = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Stream<Path> top = Files.list(root)) {
            for (Path p : top.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("tmp-")) {
                    if (now - Files.getLastModifiedTime(p).toMillis() > 3_600_000L) delete(p);
                } else if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        entries.addAll(s.toList());
                    }
                }
            }
        }
        long total = 0;
        List<long[]> sized = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            long size = size(entries.get(i));
            total += size;
            sized.add(new long[]{i, size, lastUse(entries.get(i))});
        }
        if (total <= limit) return;
        sized.sort(Comparator.comparingLong(a -> a[2]));
        for (long[] e : sized) {
            if (total <= limit * 3 / 4) break;
            delete(entries.get((int) e[0]));
            total -= e[1];
        }
    }

    private static long lastUse(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static void delete(Path p) {
        dev.optlens.analysis.process.TempRoot.deleteTree(p);
    }

    /** Copies a folder's files (a compile's -json log) into another, made when missing. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(p, dest);
            }
        }
    }
}
