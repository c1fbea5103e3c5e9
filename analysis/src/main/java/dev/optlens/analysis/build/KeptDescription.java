package dev.optlens.analysis.build;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * go list's description of a package with its dependencies' export data, kept across processes in
 * the {@link CompileCache}'s folder: a second {@code optlens check} of an unchanged package runs no
 * go list (two runs, about 0.45 s of a json copy's 1.6 s). Kept by the package folder, the go
 * command, the build options and every variable the go command reads; used only while what it was
 * made from is as it was: every folder it lists outside the module cache (the package's, its
 * dependencies' in the module or a replacement, GOROOT's for a development toolchain) file by file
 * (name, size, modification time), the module files above the package (go.mod, go.sum, go.work,
 * go.work.sum, vendor/modules.txt), the compile tool, and every export data file it names. A
 * description any of whose files changed while go list ran is not kept.
 */
public final class KeptDescription {
    /** Changes whenever what is kept or how it is checked changes. */
    static final String FORMAT = "optlens-description-2";
    private static final List<String> MODULE_FILES = List.of("go.mod", "go.sum", "go.work", "go.work.sum", "vendor/modules.txt");

    /** Descriptions this process read back instead of asking go list (tests and logs). */
    private static final java.util.concurrent.atomic.AtomicLong HITS = new java.util.concurrent.atomic.AtomicLong();

    private KeptDescription() {
    }

    public static long hits() {
        return HITS.get();
    }

    /**
     * A kept description: go list's listing, with the dependencies' export data when the package
     * compiles directly ({@code direct}; else it is built by {@code go test -c}), and what it was made
     * from, as one hash ({@code fingerprint}).
     */
    public record Kept(List<JsonObject> listed, boolean direct, String fingerprint) {
    }

    /** The kept description of the package, while it holds, read to describe the package (counted in {@link #hits()}). */
    public static Optional<Kept> read(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options) {
        Optional<Kept> kept = holding(toolchain, userEnv, dir, options);
        if (kept.isPresent()) HITS.incrementAndGet();
        return kept;
    }

    /** The kept description of the package, while it holds. */
    public static Optional<Kept> holding(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options) {
        Optional<CompileCache> cache = CompileCache.of(userEnv);
        if (cache.isEmpty()) return Optional.empty();
        Optional<byte[]> text = cache.get().file("describe", key(toolchain, userEnv, dir, options));
        if (text.isEmpty()) return Optional.empty();
        try {
            JsonObject kept = JsonParser.parseString(new String(text.get(), java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
            List<JsonObject> listed = new ArrayList<>();
            kept.getAsJsonArray("listed").forEach(e -> listed.add(e.getAsJsonObject()));
            Optional<String> now = fingerprint(toolchain, dir, listed, Long.MAX_VALUE);
            if (now.isEmpty() || !now.get().equals(kept.get("fingerprint").getAsString())) return Optional.empty();
            return Optional.of(new Kept(listed, kept.get("direct").getAsBoolean(), now.get()));
        } catch (RuntimeException | IOException e) {
            return Optional.empty(); // unreadable: go list describes it
        }
    }

    /**
     * Keeps a description go list gave; {@code listedAt} is when it began (epoch milliseconds): a
     * file changed since may not be in it.
     */
    public static void keep(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options, List<JsonObject> listed,
                            boolean direct, long listedAt) {
        Optional<CompileCache> cache = CompileCache.of(userEnv);
        String goflags = options.environment(userEnv).getOrDefault("GOFLAGS", "") + toolchain.env().getOrDefault("GOFLAGS", "");
        // Files named by a flag (another go.mod, an overlay) are not checked: not kept.
        if (cache.isEmpty() || goflags.contains("-modfile") || goflags.contains("-overlay")) return;
        try {
            Optional<String> fp = fingerprint(toolchain, dir, listed, listedAt - 2_000); // coarse file times
            if (fp.isEmpty()) return;
            JsonObject kept = new JsonObject();
            kept.addProperty("fingerprint", fp.get());
            kept.addProperty("direct", direct);
            JsonArray all = new JsonArray();
            listed.forEach(all::add);
            kept.add("listed", all);
            cache.get().keepFile("describe", key(toolchain, userEnv, dir, options), kept.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            // not kept: go list describes it next time
        }
    }

    /** The package folder, the go command, the options, the variables go reads (set, or by go env -w). */
    public static String key(GoToolchain toolchain, Map<String, String> userEnv, Path dir, BuildOptions options) {
        CompileCache.Key k = new CompileCache.Key().text(FORMAT).text(dir.toAbsolutePath().normalize().toString())
                .text(toolchain.go().toString()).text(toolchain.version().text()).text(options.toString());
        Map<String, String> vars = new TreeMap<>();
        toolchain.env().forEach((name, value) -> {
            if (readByGo(name)) vars.put("env " + name, value);
        });
        options.environment(userEnv).forEach((name, value) -> {
            if (readByGo(name)) vars.put(name, value);
        });
        vars.forEach((name, value) -> k.text(name).text(value));
        return k.done();
    }

    /** A variable the go command reads, but its temporary folders (ours per process; the C flags name its own). */
    public static boolean readByGo(String name) {
        return (name.startsWith("GO") || name.startsWith("CGO_") || name.equals("CC") || name.equals("CXX") || name.equals("PKG_CONFIG"))
                && !name.equals("GOGCCFLAGS") && !name.equals("GOTMPDIR");
    }

    /** What the description was made from, as it is now; empty when a file is newer than {@code newest}. */
    private static Optional<String> fingerprint(GoToolchain toolchain, Path dir, List<JsonObject> listed, long newest) throws IOException {
        StringBuilder b = new StringBuilder();
        Path compiler = toolchain.toolDir().resolve("compile");
        b.append(stat(compiler)).append('\n');
        String modcache = toolchain.env().getOrDefault("GOMODCACHE", "");
        Optional<Path> goroot = toolchain.goroot();
        boolean release = !toolchain.version().text().contains("devel");
        TreeSet<String> dirs = new TreeSet<>();
        dirs.add(dir.toAbsolutePath().normalize().toString());
        for (JsonObject o : listed) {
            if (o.has("Export")) b.append(Files.isRegularFile(Path.of(o.get("Export").getAsString())) ? "" : "gone:" + o.get("Export")).append('\n');
            if (!o.has("Dir")) continue;
            Path d = Path.of(o.get("Dir").getAsString());
            if (!modcache.isEmpty() && d.startsWith(modcache)) continue; // read-only, checked against go.sum
            if (release && goroot.isPresent() && d.startsWith(goroot.get())) continue; // the compile tool's stat stands for it
            dirs.add(d.toString());
        }
        for (String d : dirs) {
            b.append(d).append('\n');
            try (Stream<Path> files = Files.list(Path.of(d))) {
                for (Path f : files.sorted().toList()) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (!a.isRegularFile()) continue;
                    if (a.lastModifiedTime().toMillis() >= newest) return Optional.empty();
                    b.append(' ').append(f.getFileName()).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
                }
            } catch (java.nio.file.NoSuchFileException e) {
                b.append(" gone\n");
            }
        }
        // Absent ones too: a go.mod made between the package and its module's root starts a module.
        List<Path> moduleFiles = new ArrayList<>();
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (String name : MODULE_FILES) moduleFiles.add(d.resolve(name));
        }
        String gowork = toolchain.env().getOrDefault("GOWORK", "");
        if (!gowork.isEmpty() && !gowork.equals("off")) moduleFiles.add(Path.of(gowork));
        for (Path f : moduleFiles) {
            String s = stat(f);
            if (!s.equals("missing") && Files.getLastModifiedTime(f).toMillis() >= newest) return Optional.empty();
            b.append(f).append(' ').append(s).append('\n');
        }
        return Optional.of(new CompileCache.Key().text(b.toString()).done());
    }

    private static String stat(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
