package dev.optlens.analysis.toolchain;

/** No usable Go toolchain: the message says what was found, where, and how to fix it. */
public final class ToolchainException extends Exception {
    private final boolean hung;

    public ToolchainException(String message) {
        this(message, false);
    }

    /** @param hung the go command did not answer in time (it was stopped), rather than answering wrong */
    public ToolchainException(String message, boolean hung) {
        super(message);
        this.hung = hung;
    }

    public boolean hung() {
        return hung;
    }
}
