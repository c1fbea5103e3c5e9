package dev.optlens.analysis.build;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A Go file of the package's folder that the build left out (its build constraints exclude it for
 * the target being compiled): it has no decisions, and a user needs to be told why.
 *
 * @param file    the file
 * @param line    the 1-based line of its {@code //go:build} constraint, 0 when the file name is the reason
 * @param message one sentence: what excludes it for which target, and which setting would include it
 */
public record ExcludedFile(Path file, int line, String message) {
    /** GOOS values a file name can end in (go/build's knownOS), the commonly met ones. */
    private static final Set<String> OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios",
            "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos");
    private static final Set<String> ARCH = Set.of("386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64",
            "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm");

    /** Why {@code file} (with this text) is not compiled for goos/goarch: its constraint line, else its name. */
    public static ExcludedFile of(Path file, String text, String goos, String goarch) {
        String target = goos + "/" + goarch;
        String hint = "; set optlens.goos, optlens.goarch or optlens.buildTags (check: --goos, --goarch, --tags) to analyse it";
        Optional<int[]> at = constraintLine(text);
        if (at.isPresent()) {
            String line = text.lines().skip(at.get()[0] - 1L).findFirst().orElse("").trim();
            return new ExcludedFile(file, at.get()[0], file.getFileName() + " is not compiled for " + target
                    + ": its constraint '" + line + "' excludes it" + hint);
        }
        String base = file.getFileName().toString().replaceFirst("\\.go$", "").replaceFirst("_test$", "");
        String[] parts = base.split("_");
        String last = parts[parts.length - 1];
        if (parts.length > 1 && (OS.contains(last) || ARCH.contains(last))) {
            return new ExcludedFile(file, 0, file.getFileName() + " is not compiled for " + target + ": its name ends in _"
                    + last + ", which limits it to " + last + hint);
        }
        return new ExcludedFile(file, 0, file.getFileName() + " is not compiled for " + target
                + ": its build constraints exclude it" + hint);
    }

    /** The 1-based line of a {@code //go:build} line before the package clause. */
    private static Optional<int[]> constraintLine(String text) {
        int n = 0;
        for (String l : text.lines().limit(200).toList()) {
            n++;
            String t = l.trim();
            if (t.startsWith("package ")) break;
            if (t.startsWith("//go:build ") || t.startsWith("// +build ")) return Optional.of(new int[]{n});
        }
        return Optional.empty();
    }
}
