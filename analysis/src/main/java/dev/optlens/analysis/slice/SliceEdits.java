package dev.optlens.analysis.slice;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the slicer's answer, byte-offset edits of each file's UTF-8 text, so the slice never has
 * to cross the pipe whole: {@code blanks} are ranges turned to spaces (newlines kept, so every
 * position stays) with where {@code panic(0)} goes, {@code renames} are stretches that become
 * {@code _} and spaces (imports only blanked code used).
 */
public final class SliceEdits {
    private static final byte[] STUB = "panic(0)".getBytes(StandardCharsets.US_ASCII);

    private SliceEdits() {
    }

    /** The edited files (others are unchanged), by file name. */
    public static Map<String, byte[]> apply(Map<String, String> texts, JsonObject answer) {
        Map<String, byte[]> out = new HashMap<>();
        JsonObject blanks = answer.has("blanks") ? answer.getAsJsonObject("blanks") : new JsonObject();
        JsonObject renames = answer.has("renames") ? answer.getAsJsonObject("renames") : new JsonObject();
        for (String name : texts.keySet()) {
            if (!blanks.has(name) && !renames.has(name)) continue;
            byte[] b = texts.get(name).getBytes(StandardCharsets.UTF_8);
            for (JsonElement e : array(blanks, name)) {
                JsonArray r = e.getAsJsonArray();
                int from = r.get(0).getAsInt(), to = r.get(1).getAsInt(), stubAt = r.get(2).getAsInt();
                check(b, from, to);
                for (int i = from; i < to; i++) if (b[i] != '\n' && b[i] != '\r') b[i] = ' ';
                if (stubAt >= 0) {
                    check(b, stubAt + 1, stubAt + 1 + STUB.length);
                    System.arraycopy(STUB, 0, b, stubAt + 1, STUB.length);
                }
            }
            for (JsonElement e : array(renames, name)) {
                JsonArray r = e.getAsJsonArray();
                int at = r.get(0).getAsInt(), length = r.get(1).getAsInt();
                check(b, at, at + length);
                for (int i = at; i < at + length; i++) b[i] = ' ';
                b[at] = '_';
            }
            out.put(name, b);
        }
        return out;
    }

    private static JsonArray array(JsonObject o, String name) {
        return o.has(name) ? o.getAsJsonArray(name) : new JsonArray();
    }

    private static void check(byte[] b, int from, int to) {
        if (from < 0 || to > b.length || from > to) {
            throw new IllegalArgumentException("slice edit [" + from + ", " + to + ") outside a file of " + b.length + " bytes");
        }
    }
}
