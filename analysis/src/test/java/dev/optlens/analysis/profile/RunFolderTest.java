package dev.optlens.analysis.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Benchmark runs keep their profiles under the user cache folder, the newest runs only. */
class RunFolderTest {
    @Test
    void aNewRunsFolderIsUnderTheCacheAndOnlyTheNewestRunsStay(@TempDir Path cache) throws Exception {
        Path runs = Files.createDirectories(cache.resolve("optlens/profiles"));
        for (int i = 0; i < BenchmarkProfiler.KEPT_RUNS + 5; i++) {
            Path r = Files.createDirectories(runs.resolve("pkg-" + i));
            Files.writeString(r.resolve("mem.pprof"), "x");
            Files.setLastModifiedTime(r, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path next = BenchmarkProfiler.runFolder(Map.of("XDG_CACHE_HOME", cache.toString()), Path.of("/src/hot"));
        assertEquals(runs, next.getParent());
        assertTrue(next.getFileName().toString().startsWith("hot-"), next.toString());
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(BenchmarkProfiler.KEPT_RUNS - 1, s.count(), "room for the new run among the kept ones");
        }
        assertFalse(Files.exists(runs.resolve("pkg-0")), "the oldest run is gone");
        assertTrue(Files.exists(runs.resolve("pkg-" + (BenchmarkProfiler.KEPT_RUNS + 4))), "the newest stays");
    }
}
