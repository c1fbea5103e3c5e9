package dev.optlens.analysis.asm;

/** The listing cannot be produced: the message says why, for the user. */
public final class AssemblyException extends Exception {
    public AssemblyException(String message) {
        super(message);
    }
}
