package dev.optlens.analysis.build;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unsaved editor contents that replace files on disk for one build ({@code go build -overlay}).
 * Keys are absolute file paths; the compiler reports positions under the original path.
 */
public record Overlay(Map<Path, String> contents) {
    public static final Overlay NONE = new Overlay(Map.of());

    public Overlay {
        Map<Path, String> normalized = new TreeMap<>();
        contents.forEach((k, v) -> normalized.put(k.toAbsolutePath().normalize(), v));
        contents = Map.copyOf(normalized);
    }

    public boolean isEmpty() {
        return contents.isEmpty();
    }

    /** The written overlay: its JSON file and each replacement file with the path it stands for. */
    public record Written(Path json, Map<Path, Path> originals) {
    }

    /** Writes the replacement files and the overlay JSON under {@code root}. */
    public Written write(TempRoot root) throws IOException {
        Path files = Files.createDirectories(root.resolve("overlay"));
        JsonObject replace = new JsonObject();
        Map<Path, Path> originals = new TreeMap<>();
        int i = 0;
        for (Map.Entry<Path, String> e : new TreeMap<>(contents).entrySet()) {
            Path replacement = files.resolve((i++) + "-" + e.getKey().getFileName());
            Files.writeString(replacement, e.getValue(), StandardCharsets.UTF_8);
            replace.addProperty(e.getKey().toString(), replacement.toString());
            originals.put(replacement, e.getKey());
        }
        JsonObject overlay = new JsonObject();
        overlay.add("Replace", replace);
        Path json = root.resolve("overlay.json");
        Files.writeString(json, overlay.toString(), StandardCharsets.UTF_8);
        return new Written(json, originals);
    }
}
