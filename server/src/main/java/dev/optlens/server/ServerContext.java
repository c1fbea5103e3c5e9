package dev.optlens.server;

import java.util.concurrent.atomic.AtomicReference;

/** What every feature shares: the workspace, the client, the negotiated encoding and the settings. */
final class ServerContext {
    final Workspace workspace = new Workspace();
    final ClientLog log = new ClientLog(this);
    final GateView gate = new GateView(this);
    private final AtomicReference<OptlensClient> client = new AtomicReference<>();
    private volatile PositionCodec codec = PositionCodec.UTF16;
    private volatile Settings settings = Settings.defaults();
    volatile boolean clientRefreshesInlayHints;
    volatile boolean clientRefreshesCodeLenses;
    volatile boolean clientSupportsProgress;
    volatile boolean clientSupportsConfiguration;
    volatile boolean clientWatchesFiles;

    OptlensClient client() {
        return client.get();
    }

    void connect(OptlensClient c) {
        client.set(c);
    }

    PositionCodec codec() {
        return codec;
    }

    void codec(PositionCodec c) {
        codec = c;
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings s) {
        settings = s;
    }
}
