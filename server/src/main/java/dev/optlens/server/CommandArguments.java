package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonSyntaxException;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.Optional;

/**
 * The arguments of the server's commands ({@link ServerApi}), as typed records. They are read from
 * the first argument whatever JSON shape the client's library gave it; a missing or malformed
 * required field is the client's error (-32602) with the command's expected shape.
 */
final class CommandArguments {
    private static final Gson GSON = new Gson();

    private CommandArguments() {
    }

    /** {@code optlens.decisions [{"uri","package"?}]}. */
    record Decisions(String uri, boolean wholePackage) {
        static final String SHAPE = "optlens.decisions takes [{\"uri\": \"file:///...\", \"package\"?: true}]";
    }

    /** {@code optlens.showAssembly [{"uri","position"?,"goarch"?,"goos"?,"full"?}]}. */
    record ShowAssembly(String uri, Optional<Position> position, Optional<String> goarch, Optional<String> goos, boolean full) {
        static final String SHAPE = "optlens.showAssembly takes [{\"uri\": …, \"position\"?: {\"line\", \"character\"}, "
                + "\"goarch\"?, \"goos\"?, \"full\"?}]";
    }

    /** {@code optlens.differences [{"uri"}]}: the document's uri. */
    static String differences(ExecuteCommandParams params) {
        return string(first(params), "uri").orElseThrow(() -> invalid("optlens.differences takes [{\"uri\": \"file:///...\"}]"));
    }

    /** {@code optlens.runBenchmarks [{"uri", "bench"?: ".", "benchtime"?: "1s"}]}. */
    record ProfileBenchmarks(String uri, String bench, Optional<String> benchtime) {
        static final String SHAPE = "optlens.runBenchmarks takes [{\"uri\": \"file:///...\", \"bench\"?: \".\", \"benchtime\"?: \"1s\"}]";
    }

    static ProfileBenchmarks profileBenchmarks(ExecuteCommandParams params) {
        JsonObject o = first(params);
        Optional<String> benchtime = string(o, "benchtime");
        if (benchtime.isPresent() && !benchtime.get().matches("[0-9]+(x|ns|us|µs|ms|s|m|h)([0-9]+(ns|us|µs|ms|s|m|h))*")) {
            throw invalid("benchtime is a duration (1s, 500ms) or a count (200x), as go test takes it");
        }
        return new ProfileBenchmarks(string(o, "uri").orElseThrow(() -> invalid(ProfileBenchmarks.SHAPE)), string(o, "bench").orElse("."),
                benchtime);
    }

    static Decisions decisions(ExecuteCommandParams params) {
        JsonObject o = first(params);
        return new Decisions(string(o, "uri").orElseThrow(() -> invalid(Decisions.SHAPE)), bool(o, "package"));
    }

    static ShowAssembly showAssembly(ExecuteCommandParams params) {
        JsonObject o = first(params);
        Optional<Position> position = Optional.empty();
        if (o.has("position") && o.get("position").isJsonObject()) {
            try {
                position = Optional.ofNullable(GSON.fromJson(o.get("position"), Position.class));
            } catch (JsonSyntaxException | NumberFormatException e) {
                throw invalid(ShowAssembly.SHAPE);
            }
        }
        return new ShowAssembly(string(o, "uri").orElseThrow(() -> invalid(ShowAssembly.SHAPE)), position,
                string(o, "goarch"), string(o, "goos"), bool(o, "full"));
    }

    private static JsonObject first(ExecuteCommandParams params) {
        if (params.getArguments() == null || params.getArguments().isEmpty()) return new JsonObject();
        JsonElement e = GSON.toJsonTree(params.getArguments().get(0));
        return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static Optional<String> string(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() && !o.get(k).getAsString().isBlank() ? Optional.of(o.get(k).getAsString())
                : Optional.empty();
    }

    private static boolean bool(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() && Boolean.parseBoolean(o.get(k).getAsString());
    }

    static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
