package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/**
 * Gson's JSON tree, read and written without Gson's type adapters: {@link QuickStart} answers
 * {@code initialize} before the server is built, and on a cold JVM {@code JsonParser} (every built-in
 * adapter made at once) and {@code JsonElement.toString} (a regular expression compiled for its
 * formatting) each cost that answer 10–15 ms. Reads as {@code JsonParser.parseString} does (lenient,
 * the whole text one value); writes compact JSON, numbers as they were read.
 */
final class QuickJson {
    private QuickJson() {
    }

    /** The value the text holds; an exception when it is not one JSON value. */
    static JsonElement parse(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.LENIENT);
            JsonElement value = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new IllegalArgumentException("more than one JSON value");
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Iterative, not recursive: a client's deeply nested message must not overflow the stack. */
    private static JsonElement read(JsonReader reader) throws IOException {
        java.util.ArrayDeque<JsonElement> open = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        while (true) {
            JsonElement value;
            switch (reader.peek()) {
                case BEGIN_OBJECT -> {
                    reader.beginObject();
                    open.push(new JsonObject());
                    continue;
                }
                case BEGIN_ARRAY -> {
                    reader.beginArray();
                    open.push(new JsonArray());
                    continue;
                }
                case NAME -> {
                    names.push(reader.nextName());
                    continue;
                }
                case END_OBJECT -> {
                    reader.endObject();
                    value = open.pop();
                }
                case END_ARRAY -> {
                    reader.endArray();
                    value = open.pop();
                }
                case STRING -> value = new JsonPrimitive(reader.nextString());
                case NUMBER -> value = new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
                case BOOLEAN -> value = new JsonPrimitive(reader.nextBoolean());
                case NULL -> {
                    reader.nextNull();
                    value = JsonNull.INSTANCE;
                }
                default -> throw new IllegalArgumentException("no JSON value at " + reader.getPath());
            }
            JsonElement into = open.peek();
            if (into == null) return value;
            if (into instanceof JsonObject o) o.add(names.pop(), value);
            else ((JsonArray) into).add(value);
        }
    }

    /** The value as compact JSON (recursive: for the trees this server builds, not for a client's). */
    static String write(JsonElement value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonElement value, StringBuilder out) {
        if (value == null || value.isJsonNull()) {
            out.append("null");
        } else if (value instanceof JsonObject o) {
            out.append('{');
            boolean first = true;
            for (var e : o.entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) out.append(',');
                write(a.get(i), out);
            }
            out.append(']');
        } else {
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isString()) string(p.getAsString(), out);
            else out.append(p.getAsString()); // a boolean, or a number as read or as Java prints it
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int pad = hex.length(); pad < 4; pad++) out.append('0');
                        out.append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
