package dev.optlens.analysis;

import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Modules as people make them, for one release of the matrix: the go.mod that release's own
 * {@code go mod init} writes (a three-part go line since 1.21), none at all, {@code go 1.N},
 * {@code go 1.N.0}, {@code go 1.N.0} with a {@code toolchain go1.N.P} line, a go.work with its own go line over
 * two modules, and a file with a {@code //go:build go1.22} version of its own. Each holds a library
 * package {@code p} (with an in-package and an external test) and a main package {@code cmd/app}.
 */
public final class ModuleShapes {
    /** One shape: its name, the module root, and the library and main package directories. */
    public record Shape(String name, Path root, Path library, Path main) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<String> NAMES = List.of("go-mod-init", "no-go-line", "go-1.N", "go-1.N.0", "toolchain-line",
            "go-work", "file-version");

    /** {@code Box}'s {@code x} is moved to the heap on every release: what each shape must show. */
    public static final String HEAP_DECISION = "moved to heap: x";

    private ModuleShapes() {
    }

    /** Makes every shape for {@code release} under {@code into}. */
    public static List<Shape> make(GoReleases.Release release, Path into) throws IOException {
        List<Shape> out = new java.util.ArrayList<>();
        for (String name : NAMES) out.add(make(release, name, into.resolve(release.languageVersion()).resolve(name)));
        return out;
    }

    private static Shape make(GoReleases.Release release, String name, Path root) throws IOException {
        Files.createDirectories(root);
        String lang = release.languageVersion();
        String full = release.version().text().substring(2); // 1.23.5
        Path module = root;
        switch (name) {
            case "go-mod-init" -> goModInit(release, root, "example.org/shape");
            case "no-go-line" -> Files.writeString(root.resolve("go.mod"), "module example.org/shape\n");
            case "go-1.N" -> Files.writeString(root.resolve("go.mod"), "module example.org/shape\n\ngo " + lang + "\n");
            case "go-1.N.0" -> Files.writeString(root.resolve("go.mod"), "module example.org/shape\n\ngo " + lang + ".0\n");
            // As `go get go@1.N.0` leaves it: the language at .0, the toolchain that wrote it.
            case "toolchain-line" -> Files.writeString(root.resolve("go.mod"), "module example.org/shape\n\ngo " + lang
                    + ".0\n\ntoolchain go" + full + "\n");
            case "go-work" -> {
                // The package's module says go 1.21; the workspace's own go line is the release's.
                module = Files.createDirectories(root.resolve("shape"));
                Files.writeString(module.resolve("go.mod"), "module example.org/shape\n\ngo 1.21\n");
                Path other = Files.createDirectories(root.resolve("other"));
                Files.writeString(other.resolve("go.mod"), "module example.org/other\n\ngo " + lang + "\n");
                Files.writeString(other.resolve("other.go"), "package other\n\nfunc Twice(n int) int { return 2 * n }\n");
                Files.writeString(root.resolve("go.work"), "go " + full + "\n\nuse (\n\t./shape\n\t./other\n)\n");
            }
            case "file-version" -> {
                Files.writeString(root.resolve("go.mod"), "module example.org/shape\n\ngo 1.21\n");
                Path p = Files.createDirectories(root.resolve("p"));
                // A file of its own language version: per-iteration loop variables from go1.22 on.
                Files.writeString(p.resolve("loops.go"), "//go:build go1.22\n\npackage p\n\nfunc Addresses(n int) []*int {\n"
                        + "\tvar out []*int\n\tfor i := 0; i < n; i++ {\n\t\tout = append(out, &i)\n\t}\n\treturn out\n}\n");
            }
            default -> throw new IllegalArgumentException(name);
        }
        Path p = Files.createDirectories(module.resolve("p"));
        Files.writeString(p.resolve("p.go"), "package p\n\nfunc Box(v int) *int {\n\tx := v\n\treturn &x\n}\n");
        Files.writeString(p.resolve("p_test.go"), "package p\n\nimport \"testing\"\n\nfunc TestBox(t *testing.T) {\n"
                + "\tif *Box(2) != 2 {\n\t\tt.Fatal()\n\t}\n}\n");
        Files.writeString(p.resolve("x_test.go"), "package p_test\n\nimport (\n\t\"testing\"\n\n\t\"example.org/shape/p\"\n)\n\n"
                + "func TestBoxOutside(t *testing.T) {\n\tif *p.Box(3) != 3 {\n\t\tt.Fatal()\n\t}\n}\n");
        Path app = Files.createDirectories(module.resolve("cmd/app"));
        // A generic function over a type of the main package: its shape's name says which package the
        // compiler was told it compiles (main). Without a go line the language is go1.16: no generics.
        boolean generics = !name.equals("no-go-line");
        Files.writeString(app.resolve("main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.org/shape/p\"\n)\n\n"
                + "type id struct{ n int }\n\n"
                + (generics ? "func Same[T any](v T) T { return v }\n\n" : "func Same(v id) id { return v }\n\n")
                + "func main() {\n\tfmt.Println(*p.Box(1), Same(id{1}))\n}\n");
        return new Shape(name, root, p, app);
    }

    /** Runs the release's own {@code go mod init}: its go.mod is what a user of that release gets. */
    private static void goModInit(GoReleases.Release release, Path dir, String path) throws IOException {
        Map<String, String> env = GoEnvironment.forGo(release.env());
        ProcessResult r = GoProcess.run(List.of(release.go().toString(), "mod", "init", path), dir, env, CancellationToken.NONE);
        if (!r.succeeded()) throw new IOException("go mod init: " + r.stderr());
    }
}
