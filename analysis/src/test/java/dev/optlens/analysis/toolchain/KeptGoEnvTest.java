package dev.optlens.analysis.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * go env's answer is asked once across processes (each new locator stands for a new optlens process)
 * and asked again when the go binary is replaced, when a file go env reads changes (the go env -w file)
 * and when a variable go reads differs.
 */
class KeptGoEnvTest {
    /** A go whose env answer names its version and the GOENV file, and which counts how often it was asked. */
    private static Path countingGo(Path dir, Path log, String version) throws Exception {
        Files.createDirectories(dir);
        Path go = dir.resolve("go");
        Files.writeString(go, "#!/bin/sh\n"
                + "if [ \"$1\" = env ]; then echo asked >> '" + log + "'; echo \"{\\\"GOVERSION\\\":\\\"" + version
                + "\\\",\\\"GOOS\\\":\\\"linux\\\",\\\"GOARCH\\\":\\\"amd64\\\",\\\"GOENV\\\":\\\"$GOENV\\\",\\\"GOFLAGS\\\":\\\"$GOFLAGS\\\"}\"; exit 0; fi\n"
                + "exit 3\n");
        go.toFile().setExecutable(true);
        return go;
    }

    private static long asked(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void askedOnceAcrossProcessesAndAgainWhenTheBinaryItsFileOrAVariableChanges(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("asked.log");
        Path bin = tmp.resolve("bin");
        countingGo(bin, log, "go1.23.1");
        Path envFile = tmp.resolve("go-env");
        Files.writeString(envFile, "GOFLAGS=-tags=a\n");
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin.toString(), "HOME", tmp.toString(),
                "OPTLENS_COMPILE_CACHE", tmp.resolve("cache").toString(), "GOENV", envFile.toString()));

        assertEquals("go1.23.1", new ToolchainLocator(env, tmp.resolve("usr-lib")).locate(Optional.empty()).version().text());
        assertEquals(1, asked(log));
        GoToolchain again = new ToolchainLocator(env, tmp.resolve("usr-lib")).locate(Optional.empty());
        assertEquals("go1.23.1", again.version().text());
        assertEquals(1, asked(log), "a second process reads the kept answer");

        countingGo(bin, log, "go1.23.2"); // same size, another binary
        assertEquals("go1.23.2", new ToolchainLocator(env, tmp.resolve("usr-lib")).locate(Optional.empty()).version().text());
        assertEquals(2, asked(log), "the binary was replaced");

        Files.writeString(envFile, "GOFLAGS=-tags=ab\n"); // what go env -w does
        new ToolchainLocator(env, tmp.resolve("usr-lib")).locate(Optional.empty());
        assertEquals(3, asked(log), "the go env -w file changed");

        env.put("GOFLAGS", "-tags=c");
        GoToolchain flagged = new ToolchainLocator(env, tmp.resolve("usr-lib")).locate(Optional.empty());
        assertEquals(4, asked(log), "a variable go reads");
        assertEquals("-tags=c", flagged.env().get("GOFLAGS"));
    }
}
