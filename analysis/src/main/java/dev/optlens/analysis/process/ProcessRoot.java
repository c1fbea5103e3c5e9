package dev.optlens.analysis.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one temporary folder of this process ({@code <tmp>/optlens-run-<pid>}, mode 0700): every
 * {@link TempRoot}, the go command's own work folders ({@code GOTMPDIR}) and a list of the child
 * processes started, with a lock file held while the process lives. A shutdown hook kills the
 * children and removes the folder; a process killed with SIGKILL runs no hook, so the first use in
 * a later process sweeps every root whose lock is free: it kills the children listed there that are
 * still the same processes (same start time) and removes the folder.
 */
public final class ProcessRoot {
    static final String PREFIX = "optlens-run-";
    private static final String LOCK = "owner.lock";
    private static final String CHILDREN = "children";
    private static Path dir;
    private static FileChannel lockChannel;
    private static boolean closing;

    private ProcessRoot() {
    }

    /** This process's folder, made (and earlier processes' leftovers swept) on first use. */
    public static synchronized Path dir() {
        if (closing) throw new UncheckedIOException(new IOException("optlens is shutting down"));
        if (dir != null && Files.isDirectory(dir)) return dir;
        Path tmp = temporaryFolder();
        sweep(tmp);
        try {
            Path d = tmp.resolve(PREFIX + ProcessHandle.current().pid());
            TempRoot.deleteTree(d); // a folder of a process long gone that had our pid
            try {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(d);
            }
            FileChannel ch = FileChannel.open(d.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ch.lock();
            if (lockChannel == null) Runtime.getRuntime().addShutdownHook(new Thread(ProcessRoot::cleanUp, "optlens-cleanup"));
            lockChannel = ch;
            dir = d;
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot create optlens's temporary folder in " + tmp
                    + " (" + Reason.of(e) + "); set TMPDIR to a folder you can write to", e));
        }
    }

    /**
     * Where temporary folders go: {@code $TMPDIR} when set (Java's own default ignores it), else Java's
     * {@code java.io.tmpdir}. One that is missing, not a folder or not writable is said as exactly that.
     */
    static Path temporaryFolder() {
        String fromEnv = System.getenv("TMPDIR");
        boolean env = fromEnv != null && !fromEnv.isBlank();
        Path tmp = Path.of(env ? fromEnv : System.getProperty("java.io.tmpdir"));
        String named = env ? "TMPDIR (" + tmp + ")" : "the temporary folder " + tmp;
        String problem = !Files.exists(tmp) ? " does not exist" : !Files.isDirectory(tmp) ? " is not a folder"
                : !Files.isWritable(tmp) ? " is not writable" : null;
        if (problem != null) {
            throw new UncheckedIOException(new IOException(named + problem + ": optlens keeps its temporary files there;"
                    + " set TMPDIR to a folder you can write to"));
        }
        return tmp;
    }

    /** Notes a child process, so that a later process can end it if this one dies without cleaning up. */
    public static synchronized void started(ProcessHandle child) {
        Path root = dir();
        String line = child.pid() + " " + child.info().startInstant().map(Instant::toString).orElse("-") + "\n";
        try {
            if (++noted % PRUNE_EVERY == 0) prune(root.resolve(CHILDREN));
            Files.writeString(root.resolve(CHILDREN), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // best effort: the shutdown hook still ends it
        }
    }

    /** Every this many children the list is rewritten with those still running: a long session starts thousands. */
    static final int PRUNE_EVERY = 256;
    private static long noted;

    private static void prune(Path list) throws IOException {
        if (!Files.exists(list)) return;
        StringBuilder alive = new StringBuilder();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (running(line).isPresent()) alive.append(line).append('\n');
        }
        Path next = list.resolveSibling(CHILDREN + ".next");
        Files.writeString(next, alive, StandardCharsets.UTF_8);
        Files.move(next, list, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The process a line of the children list names, while that very process (not a reused pid) runs. */
    private static Optional<ProcessHandle> running(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 2) return Optional.empty();
        try {
            return ProcessHandle.of(Long.parseLong(parts[0]))
                    .filter(p -> p.isAlive() && p.info().startInstant().map(Instant::toString).orElse("-").equals(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Kills every process this one started that still runs (children first) and removes the folder. */
    static synchronized void cleanUp() {
        closing = true;
        // Other threads run on during shutdown: a build that was under way may still create a folder
        // here after a first pass (or start a child), so kill and remove again until nothing is left.
        for (int pass = 0; pass < 40; pass++) {
            for (ProcessHandle child : ProcessHandle.current().children().toList()) GoProcess.killTree(child);
            if (dir == null || !Files.exists(dir)) return;
            TempRoot.deleteTree(dir);
            if (!Files.exists(dir)) return;
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes the roots of processes that are gone, ending the children they left running. */
    private static void sweep(Path tmp) {
        List<Path> roots;
        try (Stream<Path> s = Files.list(tmp)) {
            roots = s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).toList();
        } catch (IOException | SecurityException e) {
            return;
        }
        for (Path root : roots) {
            if (!Files.isWritable(root)) continue; // another user's
            try (FileChannel ch = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) continue; // its owner is alive
                killLeftChildren(root.resolve(CHILDREN));
                lock.release();
            } catch (IOException | OverlappingFileLockException e) {
                continue;
            }
            TempRoot.deleteTree(root);
        }
    }

    private static void killLeftChildren(Path list) {
        if (!Files.exists(list)) return;
        try {
            // Only the same process: a pid reused since belongs to someone else.
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) running(line).ifPresent(GoProcess::killTree);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
