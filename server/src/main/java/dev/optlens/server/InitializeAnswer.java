package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * What the server answers to {@code initialize}, as JSON: the one definition of its capabilities.
 * {@link OptlensLanguageServer#initialize} reads it into LSP4J's types; {@link QuickStart} writes it
 * as it is, before the rest of the server exists. Only the position encoding depends on the client.
 */
final class InitializeAnswer {
    private InitializeAnswer() {
    }

    /** UTF-8 when the client offers it (our columns are then byte offsets, as the compiler's), else LSP's UTF-16. */
    static PositionCodec codec(List<String> offered) {
        return offered != null && offered.contains(PositionCodec.UTF8.kind()) ? PositionCodec.UTF8 : PositionCodec.UTF16;
    }

    /** {@link #codec(List)} of an initialize request's params, as JSON; UTF-16 when they say nothing readable. */
    static PositionCodec codec(JsonObject params) {
        JsonElement offered = path(params, "capabilities", "general", "positionEncodings");
        if (offered == null || !offered.isJsonArray()) return PositionCodec.UTF16;
        List<String> kinds = new java.util.ArrayList<>();
        for (JsonElement e : offered.getAsJsonArray()) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) kinds.add(e.getAsString());
        }
        return codec(kinds);
    }

    /** The {@code InitializeResult}: the capabilities and the server's name and version. */
    static JsonObject result(PositionCodec codec) {
        JsonObject sync = new JsonObject();
        sync.addProperty("openClose", true);
        sync.addProperty("change", 2); // incremental
        JsonObject save = new JsonObject();
        save.addProperty("includeText", false);
        sync.add("save", save);

        JsonObject caps = new JsonObject();
        caps.addProperty("positionEncoding", codec.kind());
        caps.add("textDocumentSync", sync);
        caps.addProperty("hoverProvider", true);
        caps.add("codeLensProvider", object("resolveProvider", false));
        caps.add("codeActionProvider", object("codeActionKinds", strings(List.of("quickfix"))));
        caps.add("executeCommandProvider", object("commands", strings(ServerApi.COMMANDS)));
        caps.addProperty("inlayHintProvider", true);

        JsonObject info = new JsonObject();
        info.addProperty("name", "optlens");
        info.addProperty("version", ServerApi.version());
        JsonObject result = new JsonObject();
        result.add("capabilities", caps);
        result.add("serverInfo", info);
        return result;
    }

    private static JsonObject object(String key, boolean value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    private static JsonObject object(String key, JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        for (String v : values) a.add(v);
        return a;
    }

    private static JsonElement path(JsonObject o, String... keys) {
        JsonElement at = o;
        for (String k : keys) {
            if (at == null || !at.isJsonObject()) return null;
            at = at.getAsJsonObject().get(k);
        }
        return at;
    }
}
