package dev.optlens.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client that records everything the server sends and lets a test wait for a condition on it.
 * Waiting is on notifications arriving (wait/notify), never on a fixed sleep.
 */
final class RecordingClient implements OptlensClient {
    final List<PublishDiagnosticsParams> diagnostics = new ArrayList<>();
    final List<JsonObject> statuses = new ArrayList<>();
    final List<MessageParams> messages = new ArrayList<>();
    /** window/logMessage: the server's log. */
    final List<MessageParams> logs = new ArrayList<>();
    final List<ProgressParams> progress = new ArrayList<>();
    int inlayRefreshes;
    int lensRefreshes;
    volatile JsonElement configuration;

    private synchronized void record(Runnable r) {
        r.run();
        notifyAll();
    }

    /** Waits until the supplier yields a value (it is evaluated under the client's lock). */
    synchronized <T> T await(String what, Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            Optional<T> v = condition.get();
            if (v.isPresent()) return v.get();
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("timed out waiting for " + what + "; statuses=" + statuses);
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The first status of {@code state} at or after index {@code from} whose versions give {@code uri} the version. */
    JsonObject awaitStatus(int from, String state, String uri, int version) {
        return await(state + " for " + uri + "@" + version, () -> {
            for (int i = from; i < statuses.size(); i++) {
                JsonObject s = statuses.get(i);
                JsonObject versions = s.getAsJsonObject("versions");
                if (s.get("state").getAsString().equals(state) && versions.has(uri) && versions.get(uri).getAsInt() == version) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        });
    }

    /** The newest diagnostics published for a uri at a version. */
    PublishDiagnosticsParams awaitDiagnostics(String uri, int version) {
        return await("diagnostics for " + uri + "@" + version, () -> {
            for (int i = diagnostics.size() - 1; i >= 0; i--) {
                PublishDiagnosticsParams p = diagnostics.get(i);
                if (p.getUri().equals(uri) && p.getVersion() != null && p.getVersion() == version) return Optional.of(p);
            }
            return Optional.empty();
        });
    }

    synchronized int statusCount() {
        return statuses.size();
    }

    synchronized long count(String state) {
        return statuses.stream().filter(s -> s.get("state").getAsString().equals(state)).count();
    }

    @Override
    public void status(JsonObject params) {
        record(() -> statuses.add(params));
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        record(() -> diagnostics.add(params));
    }

    @Override
    public void showMessage(MessageParams params) {
        record(() -> messages.add(params));
    }

    @Override
    public void logMessage(MessageParams params) {
        record(() -> logs.add(params));
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshInlayHints() {
        record(() -> inlayRefreshes++);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshCodeLenses() {
        record(() -> lensRefreshes++);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> out = new ArrayList<>();
        params.getItems().forEach(i -> out.add(configuration));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        record(() -> progress.add(params));
    }
}
