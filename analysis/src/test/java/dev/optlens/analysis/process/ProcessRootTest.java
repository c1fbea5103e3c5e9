package dev.optlens.analysis.process;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The list of children a later process would end stays as short as what runs, however many were started. */
class ProcessRootTest {
    @Test
    void theChildrenListForgetsProcessesThatEnded() throws Exception {
        Path list = ProcessRoot.dir().resolve("children");
        for (int i = 0; i < ProcessRoot.PRUNE_EVERY + 10; i++) {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            ProcessRoot.started(p.toHandle());
        }
        long lines = Files.readAllLines(list).size();
        assertTrue(lines < ProcessRoot.PRUNE_EVERY, lines + " lines for processes that all ended");
    }
}
