package dev.optlens.analysis.toolchain;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.build.CompileCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A go command's {@code go env -json} answer, kept across processes in the {@link CompileCache}'s
 * folder: every optlens process (a check, the server's first open) asks it first, about 90 ms. Kept
 * by the binary (its real path, size, time and inode) and the variables the go command reads; used
 * while the files go env reads besides are as they were: the user's go env file ({@code go env -w})
 * and GOROOT's go.env.
 */
final class KeptGoEnv {
    static final String FORMAT = "optlens-goenv-1";

    private KeptGoEnv() {
    }

    static Optional<Map<String, String>> read(Path go, Map<String, String> goEnvironment) {
        Optional<CompileCache> cache = CompileCache.of(goEnvironment);
        Optional<String> key = key(go, goEnvironment);
        if (cache.isEmpty() || key.isEmpty()) return Optional.empty();
        Optional<byte[]> bytes = cache.get().file("goenv", key.get());
        if (bytes.isEmpty()) return Optional.empty();
        try {
            JsonObject kept = JsonParser.parseString(new String(bytes.get(), StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> answer = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : kept.getAsJsonObject("env").entrySet()) answer.put(e.getKey(), e.getValue().getAsString());
            if (!kept.get("fingerprint").getAsString().equals(fingerprint(answer))) return Optional.empty();
            // This process's temporary folder, not the one of the process that asked.
            if (goEnvironment.containsKey("GOTMPDIR")) answer.put("GOTMPDIR", goEnvironment.get("GOTMPDIR"));
            return Optional.of(answer);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static void keep(Path go, Map<String, String> goEnvironment, Map<String, String> answer) {
        Optional<CompileCache> cache = CompileCache.of(goEnvironment);
        Optional<String> key = key(go, goEnvironment);
        if (cache.isEmpty() || key.isEmpty()) return;
        JsonObject kept = new JsonObject();
        kept.addProperty("fingerprint", fingerprint(answer));
        JsonObject env = new JsonObject();
        new TreeMap<>(answer).forEach(env::addProperty);
        kept.add("env", env);
        cache.get().keepFile("goenv", key.get(), kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> key(Path go, Map<String, String> goEnvironment) {
        Optional<String> binary = stat(ToolchainLocator.realPath(go));
        if (binary.isEmpty()) return Optional.empty();
        CompileCache.Key k = new CompileCache.Key().text(FORMAT).text(ToolchainLocator.realPath(go).toString()).text(binary.get());
        new TreeMap<>(goEnvironment).forEach((name, value) -> {
            if (readByGo(name)) k.text(name).text(value);
        });
        return Optional.of(k.done());
    }

    /** A variable go env reads: what any go command reads, and where its files and the C archiver are found. */
    private static boolean readByGo(String name) {
        return dev.optlens.analysis.build.KeptDescription.readByGo(name)
                || name.equals("AR") || name.equals("HOME") || name.startsWith("XDG_") || name.equals("PATH");
    }

    /** The files go env read besides the binary: the go env -w file and GOROOT's go.env, as they are now. */
    private static String fingerprint(Map<String, String> answer) {
        String goenv = answer.getOrDefault("GOENV", "");
        String goroot = answer.getOrDefault("GOROOT", "");
        return (goenv.isEmpty() || goenv.equals("off") ? "none" : stat(Path.of(goenv)).orElse("missing")) + " "
                + (goroot.isEmpty() ? "none" : stat(Path.of(goroot, "go.env")).orElse("missing"));
    }

    /** Size, modification time (as finely as the file system keeps it) and file identity. */
    private static Optional<String> stat(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return Optional.of(a.size() + "@" + a.lastModifiedTime() + "#" + a.fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
