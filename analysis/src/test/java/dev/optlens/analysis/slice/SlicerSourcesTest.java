package dev.optlens.analysis.slice;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The slicer module's files are what SlicerProcess builds: none forgotten in the jar, no test shipped. */
class SlicerSourcesTest {
    @Test
    void theJarCarriesEveryFileOfTheSlicerModuleButItsTests() throws Exception {
        Path dir = Path.of(System.getProperty("optlens.repo", "..")).toAbsolutePath().normalize().resolve("analysis/src/main/go/slicer");
        TreeSet<String> module = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith("_test.go")).forEach(module::add);
        }
        assertEquals(module, new TreeSet<>(SlicerProcess.SOURCES));
        for (String name : SlicerProcess.SOURCES) {
            assertNotNull(SlicerProcess.class.getResource("/dev/optlens/slicer/" + name), name + " is not on the class path");
        }
    }
}
