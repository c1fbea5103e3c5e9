package dev.optlens.analysis.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolchainLocatorTest {
    static Path fakeGo(Path dir, String version) throws Exception {
        Path go = dir.resolve("go");
        Files.writeString(go, "#!/bin/sh\n"
                + "if [ \"$1\" = env ]; then echo '{\"GOVERSION\":\"" + version + "\",\"GOOS\":\"linux\",\"GOARCH\":\"amd64\"}'; exit 0; fi\n"
                + "echo 'fake go' >&2; exit 3\n");
        go.toFile().setExecutable(true);
        return go;
    }

    @Test
    void noGoAnywhereSaysWhereItLooked(@TempDir Path tmp) {
        ToolchainLocator locator = new ToolchainLocator(Map.of("PATH", tmp.toString()), tmp.resolve("usr-lib"));
        ToolchainException e = assertThrows(ToolchainException.class, () -> locator.locate(Optional.empty()));
        assertTrue(e.getMessage().startsWith("Go not found (looked at " + tmp.resolve("go")), e.getMessage());
        assertTrue(e.getMessage().contains("OPTLENS_GO"), e.getMessage());
    }

    @Test
    void tooOldGoNamesVersionAndPlace(@TempDir Path tmp) throws Exception {
        fakeGo(tmp, "go1.19.13");
        ToolchainLocator locator = new ToolchainLocator(Map.of("PATH", tmp.toString()), tmp.resolve("usr-lib"));
        ToolchainException e = assertThrows(ToolchainException.class, () -> locator.locate(Optional.empty()));
        assertEquals("Go go1.19.13 at " + tmp.resolve("go") + " (found via PATH) is too old: optlens needs go1.21 or newer."
                + " Install a newer Go or set OPTLENS_GO.", e.getMessage());
    }

    @Test
    void aGoTooOldForEnvJsonIsStillNamedTooOld(@TempDir Path tmp) throws Exception {
        Path go = tmp.resolve("go");
        Files.writeString(go, "#!/bin/sh\nif [ \"$1\" = version ]; then echo 'go version go1.10.8 linux/amd64'; exit 0; fi\n"
                + "echo 'flag provided but not defined: -json' >&2; exit 2\n");
        go.toFile().setExecutable(true);
        ToolchainLocator locator = new ToolchainLocator(Map.of("OPTLENS_GO", go.toString()), tmp.resolve("usr-lib"));
        ToolchainException e = assertThrows(ToolchainException.class, () -> locator.locate(Optional.empty()));
        assertTrue(e.getMessage().startsWith("Go go1.10.8 at " + go + " (found via OPTLENS_GO) is too old"), e.getMessage());
    }

    @Test
    void explicitPathWinsAndDebianLayoutIsSearched(@TempDir Path tmp) throws Exception {
        Path usrLib = tmp.resolve("usr-lib");
        for (String v : new String[]{"go-1.21", "go-1.23", "go-1.9"}) {
            Files.createDirectories(usrLib.resolve(v).resolve("bin"));
            fakeGo(usrLib.resolve(v).resolve("bin"), "go" + v.substring(3) + ".1");
        }
        ToolchainLocator locator = new ToolchainLocator(Map.of("PATH", tmp.resolve("nothing").toString()), usrLib);
        GoToolchain t = locator.locate(Optional.empty());
        assertEquals("go1.23.1", t.version().text());
        assertEquals(usrLib.resolve("go-1.23").toString(), t.foundBy());
        GoToolchain explicit = locator.locate(Optional.of(usrLib.resolve("go-1.21").toString()));
        assertEquals("go1.21.1", explicit.version().text());
        assertThrows(ToolchainException.class, () -> locator.locate(Optional.of(tmp.resolve("missing").toString())));
    }
}
