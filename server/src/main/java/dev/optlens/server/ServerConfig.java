package dev.optlens.server;

/**
 * What the client and the user chose, part of the state the loop owns: the settings, the position
 * encoding and what the client can do. A request or a compile reads the one it was given with its state.
 */
record ServerConfig(Settings settings, PositionCodec codec, Capabilities caps) {
    static final ServerConfig DEFAULT = new ServerConfig(Settings.defaults(), PositionCodec.UTF16, Capabilities.NONE);

    /** What the client said it supports at initialize. */
    record Capabilities(boolean refreshesInlayHints, boolean refreshesCodeLenses, boolean progress, boolean configuration,
                        boolean watchesFiles, boolean showsCodeLenses) {
        static final Capabilities NONE = new Capabilities(false, false, false, false, false, false);
    }

    ServerConfig withSettings(Settings s) {
        return new ServerConfig(s, codec, caps);
    }
}
