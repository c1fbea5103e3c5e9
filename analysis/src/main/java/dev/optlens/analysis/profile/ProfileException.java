package dev.optlens.analysis.profile;

/** A profile file that cannot be read, with a message that says which file and why, in plain words. */
public final class ProfileException extends Exception {
    public ProfileException(String message) {
        super(message);
    }
}
