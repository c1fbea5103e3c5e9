package dev.optlens.analysis.toolchain;

/** No usable Go toolchain: the message says what was found, where, and how to fix it. */
public final class ToolchainException extends Exception {
    public ToolchainException(String message) {
        super(message);
    }
}
