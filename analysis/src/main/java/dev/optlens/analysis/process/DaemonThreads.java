package dev.optlens.analysis.process;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads, for every thread pool and helper thread of optlens: none keeps the process alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * The engine's one timer thread, {@code optlens-timer}: deadlines of go processes and the slicer's
     * watchdog. What it runs only kills processes or wakes a waiter, so one thread serves all.
     */
    public static final java.util.concurrent.ScheduledExecutorService TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(named("optlens-timer"));

    /** A factory of daemon threads that all carry this name (it shows in thread dumps). */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts one daemon thread. */
    public static Thread start(String name, Runnable r) {
        Thread t = named(name).newThread(r);
        t.start();
        return t;
    }
}
