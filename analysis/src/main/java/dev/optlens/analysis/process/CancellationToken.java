package dev.optlens.analysis.process;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cooperative cancellation shared between the caller and a running build. Cancelling runs the
 * registered actions (which kill the go process tree) at once, on the cancelling thread.
 */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public void cancel() {
        if (this == NONE) return;
        cancelled = true;
        for (Runnable r : onCancel) r.run();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} if cancelled: call between phases. */
    public void check() {
        if (cancelled) throw new CancellationException("cancelled");
    }

    /** Registers an action to run on cancellation (at once, if already cancelled). */
    public AutoCloseable onCancel(Runnable r) {
        onCancel.add(r);
        if (cancelled) r.run();
        return () -> onCancel.remove(r);
    }
}
