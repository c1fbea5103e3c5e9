package dev.optlens.analysis.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one external command to completion (every go command optlens runs, and the build of its
 * slicer helper) with cancellation that kills the whole process tree (the go command starts compile
 * processes of its own; killing only the parent would leave them running). Output is drained on
 * separate threads so a chatty compiler can never block on a full pipe. Each process is registered
 * with {@link ProcessRoot}, which kills what is left when optlens exits.
 */
public final class GoProcess {
    private GoProcess() {
    }

    public static ProcessResult run(List<String> command, Path workDir, Map<String, String> env,
                                    CancellationToken cancel) throws IOException {
        return run(command, workDir, env, cancel, null);
    }

    /**
     * {@link #run(List, Path, Map, CancellationToken)} that gives up after {@code seconds}: the
     * process tree is killed and a {@link CancellationException} says it did not finish in time.
     */
    public static ProcessResult runWithin(List<String> command, Path workDir, Map<String, String> env, long seconds)
            throws IOException {
        CancellationToken timeout = new CancellationToken();
        var timer = TIMEOUTS.schedule(timeout::cancel, seconds, java.util.concurrent.TimeUnit.SECONDS);
        java.util.function.Consumer<String> listener = SLOW.get();
        String shown = "'" + String.join(" ", command.subList(0, Math.min(command.size(), 3))) + "' in " + workDir;
        var slow = listener == null ? null : TIMEOUTS.schedule(() -> listener.accept("waiting for " + shown + " ("
                + SLOW_AFTER_SECONDS + " s so far; it is stopped at " + seconds + " s)"), SLOW_AFTER_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        try {
            return run(command, workDir, env, timeout, null);
        } catch (CancellationException e) {
            throw new CancellationException(shown + " did not finish in " + seconds + " s");
        } finally {
            timer.cancel(false);
            if (slow != null) slow.cancel(false);
        }
    }

    /** The deadline of a quick go command ({@code go env}, {@code go version}): each has one, not several in a row. */
    public static final long QUICK_SECONDS = 20;
    /** After this long a quick command is said to be slow ({@link #whileSlow}). */
    static final long SLOW_AFTER_SECONDS = 5;
    private static final ThreadLocal<java.util.function.Consumer<String>> SLOW = new ThreadLocal<>();

    /**
     * Runs {@code work} on this thread, telling {@code listener} (on another thread) when a quick go
     * command it runs has not answered after {@value #SLOW_AFTER_SECONDS} s: which command, in which folder.
     */
    public static <T, E extends Exception> T whileSlow(java.util.function.Consumer<String> listener, Work<T, E> work) throws E {
        java.util.function.Consumer<String> before = SLOW.get();
        SLOW.set(listener);
        try {
            return work.run();
        } finally {
            SLOW.set(before);
        }
    }

    /** Who {@link #whileSlow} tells on this thread, if anyone: work handed to another thread can tell them too. */
    public static Optional<java.util.function.Consumer<String>> slowListener() {
        return Optional.ofNullable(SLOW.get());
    }

    private static final ThreadLocal<Boolean> YIELDING = ThreadLocal.withInitial(() -> false);
    private static final Optional<Path> NICE = java.util.stream.Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of)
            .filter(java.nio.file.Files::isExecutable).findFirst();

    /**
     * Runs {@code work} on this thread with the processes it starts at a lower priority ({@code nice}) when
     * {@code yielding}: they take what another compile leaves of the processor (where there is no nice, as they are).
     */
    public static <T, E extends Exception> T yielding(boolean yielding, Work<T, E> work) throws E {
        boolean before = YIELDING.get();
        YIELDING.set(yielding || before);
        try {
            return work.run();
        } finally {
            YIELDING.set(before);
        }
    }

    /** Work that may throw. */
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private static final java.util.concurrent.ScheduledExecutorService TIMEOUTS = DaemonThreads.TIMER;

    /**
     * @param stdoutLines when not null, told each line of standard output as it arrives (on the reading
     *                    thread); the result's stdout is then empty: the listener keeps what it needs
     */
    public static ProcessResult run(List<String> command, Path workDir, Map<String, String> env,
                                    CancellationToken cancel, java.util.function.Consumer<String> stdoutLines) throws IOException {
        return run(command, workDir, env, cancel, stdoutLines, null);
    }

    /**
     * {@link #run(List, Path, Map, CancellationToken, java.util.function.Consumer)}, and with
     * {@code stderrLines} not null, standard error line by line too (the result's stderr is then empty):
     * the go command prints -m there, 44 MB for a generated 5 MB file.
     */
    public static ProcessResult run(List<String> command, Path workDir, Map<String, String> env, CancellationToken cancel,
                                    java.util.function.Consumer<String> stdoutLines,
                                    java.util.function.Consumer<String> stderrLines) throws IOException {
        cancel.check();
        List<String> argv = command;
        if (YIELDING.get() && NICE.isPresent()) {
            argv = new java.util.ArrayList<>(List.of(NICE.get().toString(), "-n", "10"));
            argv.addAll(command);
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process process = pb.start();
        ProcessRoot.started(process.toHandle());
        process.getOutputStream().close();
        CompletableFuture<String> out = drain(process.getInputStream(), stdoutLines);
        CompletableFuture<String> err = drain(process.getErrorStream(), stderrLines);
        try (AutoCloseable ignored = cancel.onCancel(() -> killTree(process.toHandle()))) {
            int code = process.waitFor();
            cancel.check();
            return new ProcessResult(code, out.join(), err.join(), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (IOException | RuntimeException e) {
            killTree(process.toHandle());
            throw e;
        } catch (Exception e) {
            killTree(process.toHandle());
            throw new IllegalStateException(e);
        }
    }

    /** Kills a process and every descendant, children first so none is re-parented and missed. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        for (ProcessHandle d : descendants) d.destroyForcibly();
    }

    /** Reads a stream to its end on a thread of its own; with {@code lines} non-null, telling each line as it comes. */
    private static CompletableFuture<String> drain(InputStream in, java.util.function.Consumer<String> lines) {
        CompletableFuture<String> f = new CompletableFuture<>();
        DaemonThreads.start("optlens-go-output", () -> {
            try (in) {
                f.complete(lines == null ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : readLines(in, lines));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return f;
    }

    private static String readLines(InputStream in, java.util.function.Consumer<String> lines) throws IOException {
        var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            try {
                lines.accept(line);
            } catch (RuntimeException e) {
                // a listener's failure must not stop the draining
            }
        }
        return "";
    }
}
