package dev.optlens.analysis.build;

import dev.optlens.analysis.process.TempRoot;
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

    /**
     * A buffer's text as UTF-8 for the compiler. An editor can send text with a lone UTF-16 surrogate,
     * which has no UTF-8 form: each becomes U+FFFD (the same three bytes it would take) rather than
     * the whole compile failing; {@link #notUnicode} names such buffers.
     */
    public static byte[] utf8(String text) {
        return withoutLoneSurrogates(text).getBytes(StandardCharsets.UTF_8);
    }

    /** The files whose text is not valid UTF-16 (a lone surrogate): see {@link #utf8}. */
    public java.util.Set<Path> notUnicode() {
        java.util.Set<Path> out = new java.util.TreeSet<>();
        contents.forEach((p, t) -> {
            if (withoutLoneSurrogates(t) != t) out.add(p);
        });
        return out;
    }

    /** The text with each unpaired surrogate replaced by U+FFFD; the same instance when there is none. */
    private static String withoutLoneSurrogates(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) clean.append(c).append(text.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (clean == null) clean = new StringBuilder(text.length()).append(text, 0, i);
                clean.append('\uFFFD');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }

    /** Whether every unsaved text of the folder equals its file on disk (an editor's open, saved files). */
    public boolean savedIn(Path dir) {
        for (Map.Entry<Path, String> e : contents.entrySet()) {
            if (!dir.equals(e.getKey().getParent())) continue;
            try {
                if (!java.util.Arrays.equals(java.nio.file.Files.readAllBytes(e.getKey()), utf8(e.getValue()))) return false;
            } catch (IOException | RuntimeException x) {
                return false;
            }
        }
        return true;
    }

    /** Only the entries of one package directory: another package's buffers are not this compile's business. */
    public Overlay onlyIn(Path dir) {
        Map<Path, String> kept = new TreeMap<>();
        contents.forEach((p, t) -> {
            if (dir.equals(p.getParent())) kept.put(p, t);
        });
        return kept.size() == contents.size() ? this : new Overlay(kept);
    }

    /** Writes the replacement files and the overlay JSON under {@code root}. */
    public Written write(TempRoot root) throws IOException {
        Path files = Files.createDirectories(root.resolve("overlay"));
        JsonObject replace = new JsonObject();
        Map<Path, Path> originals = new TreeMap<>();
        int i = 0;
        for (Map.Entry<Path, String> e : new TreeMap<>(contents).entrySet()) {
            Path replacement = files.resolve((i++) + "-" + e.getKey().getFileName());
            Files.write(replacement, utf8(e.getValue()));
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
