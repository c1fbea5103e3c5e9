package dev.optlens.server;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as optlens talks to it: standard LSP plus the {@code optlens/status} notification. */
public interface OptlensClient extends LanguageClient {
    /** {@code {"dir","state","versions":{uri:version},"heapAllocs","message"}}; state is analysing, ready, failed or noGo. */
    @JsonNotification(ServerApi.NOTIFICATION_STATUS)
    default void status(JsonObject params) {
    }
}
