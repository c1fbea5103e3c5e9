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

    /** A fake release laid out as golang.org/dl and Debian do: GOROOT/bin/go and GOROOT/VERSION. */
    static Path fakeRelease(Path goroot, String version) throws Exception {
        Files.createDirectories(goroot.resolve("bin"));
        Files.writeString(goroot.resolve("VERSION"), version + "\ntime 2026-08-01T00:00:00Z\n");
        return fakeGo(goroot.resolve("bin"), version);
    }

    static Optional<GoRequirement> module(Path dir, String goMod) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), goMod);
        return GoRequirement.of(dir, Map.of());
    }

    @Test
    void aModuleNeedingANewerGoGetsAnInstalledOneThatFitsAndSaysWhy(@TempDir Path tmp) throws Exception {
        Path old = fakeRelease(tmp.resolve("path-go"), "go1.23.5");
        Path sdk = tmp.resolve("home/sdk");
        fakeRelease(sdk.resolve("go1.26.2"), "go1.26.2");
        fakeRelease(sdk.resolve("go1.27.3"), "go1.27.3");
        Path usrLib = tmp.resolve("usr-lib");
        fakeRelease(usrLib.resolve("go-1.25"), "go1.25.12");
        ToolchainLocator locator = new ToolchainLocator(Map.of("PATH", old.getParent().toString(),
                "HOME", tmp.resolve("home").toString()), usrLib);

        GoToolchain plain = locator.locate(Optional.empty(), module(tmp.resolve("a"), "module a\n\ngo 1.21\n"));
        assertEquals("go1.23.5", plain.version().text(), "a module the first Go can build keeps it");
        assertEquals("PATH", plain.foundBy());

        GoToolchain newer = locator.locate(Optional.empty(), module(tmp.resolve("b"), "module b\n\ngo 1.26 // comment\n"));
        assertEquals("go1.27.3", newer.version().text(), "$HOME/sdk comes before /usr/lib, newest first");
        assertEquals("$HOME/sdk; go.mod says go 1.26, " + old + " (PATH) is go1.23.5", newer.foundBy());

        GoToolchain exact = locator.locate(Optional.empty(), module(tmp.resolve("c"), "module c\n\ngo 1.25.0\n"));
        assertEquals("go1.27.3", exact.version().text());

        // A toolchain line is a preference: the first Go that admits the go line but not the toolchain line yields.
        GoToolchain preferred = locator.locate(Optional.of(usrLib.resolve("go-1.25").toString()),
                module(tmp.resolve("d"), "module d\n\ngo 1.22\n\ntoolchain go1.26.1\n"));
        assertEquals("go1.27.3", preferred.version().text());
        assertTrue(preferred.foundBy().contains("goPath setting) is go1.25.12"), preferred.foundBy());

        ToolchainException none = assertThrows(ToolchainException.class,
                () -> locator.locate(Optional.empty(), module(tmp.resolve("e"), "module e\n\ngo 1.28\n")));
        assertTrue(none.getMessage().startsWith(tmp.resolve("e/go.mod") + " says go 1.28, but the newest Go found is go1.27.3"),
                none.getMessage());
        assertTrue(none.getMessage().contains("optlens.goPath"), none.getMessage());
    }

    @Test
    void theRequirementComesFromTheGoverningGoWorkOrGoMod(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("ws/mod/pkg"));
        Files.writeString(tmp.resolve("ws/mod/go.mod"), "module m\n\ngo 1.22.3\ntoolchain go1.24.1\n");
        GoRequirement mod = GoRequirement.of(tmp.resolve("ws/mod/pkg"), Map.of()).orElseThrow();
        assertEquals("go1.22.3", mod.go().text());
        assertEquals("go1.24.1", mod.toolchain().orElseThrow().text());
        Files.writeString(tmp.resolve("ws/go.work"), "go 1.27\n\nuse ./mod\n");
        assertEquals("go1.27", GoRequirement.of(tmp.resolve("ws/mod/pkg"), Map.of()).orElseThrow().go().text());
        assertEquals("go1.22.3", GoRequirement.of(tmp.resolve("ws/mod/pkg"), Map.of("GOWORK", "off")).orElseThrow().go().text());
        assertTrue(GoRequirement.of(tmp, Map.of()).isEmpty());
    }

    /** A goPath that is some other program: one plain message, no JSON library internals. */
    @Test
    void aGoPathThatIsNotGoSaysSo(@TempDir Path tmp) throws Exception {
        Path notGo = tmp.resolve("go");
        Files.writeString(notGo, "#!/bin/sh\necho \"hello from $1\"\n");
        notGo.toFile().setExecutable(true);
        ToolchainLocator locator = new ToolchainLocator(Map.of("PATH", "/nonexistent"), tmp.resolve("usr-lib"));
        ToolchainException e = assertThrows(ToolchainException.class, () -> locator.locate(Optional.of(notGo.toString())));
        assertEquals(notGo + " (found via goPath setting) is not a go command: 'go env -json' printed 'hello from env'."
                + " Point optlens.goPath (or OPTLENS_GO) at a Go installation's bin/go.", e.getMessage());
    }
}
