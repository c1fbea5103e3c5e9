package dev.optlens.analysis.toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Go releases installed where {@link ToolchainLocator} looks, and the one a user names: what
 * {@code optlens diff --go=1.23,1.27} and the editor's "Compare decisions with…" choose from. A
 * release is never downloaded; a missing one is named with where optlens looked and how to get it.
 */
public final class Releases {
    /** An installed go binary and its version. */
    public record Installed(Path go, GoVersion version, String foundBy) {
        /** {@code 1.27}: the release as users name it. */
        public String release() {
            return version.major() + "." + version.minor();
        }
    }

    private final ToolchainLocator locator;

    public Releases(ToolchainLocator locator) {
        this.locator = locator;
    }

    /** Every installed Go optlens can use, one per binary (links followed), newest first. */
    public List<Installed> installed() {
        List<Installed> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (ToolchainLocator.Candidate c : locator.candidates()) {
            if (!Files.isExecutable(c.path()) || !seen.add(ToolchainLocator.realPath(c.path()))) continue;
            Optional<GoVersion> v = locator.quickVersion(c.path());
            if (v.isPresent() && v.get().compareTo(GoVersion.MINIMUM) >= 0) out.add(new Installed(c.path(), v.get(), c.foundBy()));
        }
        out.sort(Comparator.comparing(Installed::version).reversed());
        return out;
    }

    /**
     * The toolchain a user names: a release ({@code 1.27}, {@code go1.27}: its newest installed patch
     * release; {@code 1.26.3}: exactly that one) or a go binary / Go installation folder.
     *
     * @throws ToolchainException naming what is installed and how to install the missing release
     */
    public GoToolchain named(String name) throws ToolchainException {
        String n = name.strip();
        if (n.contains("/")) return locator.locate(Optional.of(n));
        Optional<GoVersion> want = GoVersion.parse(n.startsWith("go") ? n : "go" + n);
        if (want.isEmpty() || !n.matches("(go)?\\d+\\.\\d+(\\.\\d+)?")) {
            throw new ToolchainException("'" + dev.optlens.analysis.process.Reason.printable(n) + "' is not a Go release"
                    + " (1.27, go1.27 or 1.27.1) or a go binary's path");
        }
        boolean exact = n.matches("(go)?\\d+\\.\\d+\\.\\d+");
        if (want.get().compareTo(GoVersion.MINIMUM) < 0) {
            throw new ToolchainException("Go " + n.replaceFirst("^go", "") + " is older than optlens supports (" + GoVersion.MINIMUM
                    + " or newer)");
        }
        List<Installed> all = installed();
        for (Installed i : all) {
            GoVersion v = i.version();
            if (v.major() == want.get().major() && v.minor() == want.get().minor() && (!exact || v.patch() == want.get().patch())) {
                return locator.load(i.go(), i.foundBy());
            }
        }
        String have = all.isEmpty() ? "none" : String.join(", ", all.stream().map(i -> i.version() + " (" + i.go() + ")").toList());
        String release = want.get().major() + "." + want.get().minor();
        throw new ToolchainException("Go " + (exact ? want.get().text().substring(2) : release) + " is not installed (installed: "
                + have + "). Install it where optlens looks: Debian's golang-" + release + "-go package (/usr/lib/go-" + release
                + "), 'go install golang.org/dl/go" + (exact ? want.get().text().substring(2) : release + ".0")
                + "@latest' ($HOME/sdk), or scripts/install-go.sh " + release + "; or name its go binary. optlens never downloads a toolchain.");
    }
}
