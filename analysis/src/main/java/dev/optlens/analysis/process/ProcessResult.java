package dev.optlens.analysis.process;

/** What a finished go command printed and how it exited. */
public record ProcessResult(int exitCode, String stdout, String stderr, long millis) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
