package dev.optlens.server;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What every feature shares: the loop, the workspace it owns (settings, encoding and client
 * capabilities are part of its state, see {@link ServerConfig}) and the client.
 */
final class ServerContext {
    final ServerLoop loop = new ServerLoop();
    final Workspace workspace = new Workspace(loop);
    final ClientLog log = new ClientLog(this);
    final GateView gate = new GateView();
    final ProfileStore profiles = new ProfileStore();
    private final AtomicReference<OptlensClient> client = new AtomicReference<>();

    OptlensClient client() {
        return client.get();
    }

    void connect(OptlensClient c) {
        client.set(c);
    }

    /** The configuration of the current state. */
    ServerConfig config() {
        return workspace.view().config();
    }
}
