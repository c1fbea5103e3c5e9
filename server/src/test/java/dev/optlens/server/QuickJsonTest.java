package dev.optlens.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The JSON the early answer to {@code initialize} is read and written with: the same trees Gson's own
 * parser gives, and text any JSON reader reads back to the same tree.
 */
class QuickJsonTest {
    private static final List<String> MESSAGES = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":\"file:///h%C3%A9/x\","
                    + "\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-8\",\"utf-16\"]}},\"trace\":\"off\"}}",
            "{\"id\":\"start\",\"n\":[1,-2.5e3,0.10,12345678901234567890123],\"t\":true,\"f\":false,\"z\":null,\"s\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"}",
            " [ {} , [] , \"\" ] ",
            "{\"a\":1,\"a\":2}",
            "{unquoted:'single'; other=1}",
            "\"just a string\"");

    @Test
    void readsWhatGsonsParserReads() {
        for (String m : MESSAGES) assertEquals(JsonParser.parseString(m), QuickJson.parse(m), m);
    }

    @Test
    void writesTextThatReadsBackToTheSameTree() {
        for (String m : MESSAGES) {
            String written = QuickJson.write(QuickJson.parse(m));
            assertEquals(JsonParser.parseString(m), JsonParser.parseString(written), written);
        }
        JsonObject odd = new JsonObject();
        odd.addProperty("control", "tab\tbell\u0007nul\u0000 line\u2028end \"quoted\" back\\slash é 😀");
        odd.addProperty("count", 2);
        odd.addProperty("on", true);
        String written = QuickJson.write(odd);
        assertEquals(odd, JsonParser.parseString(written));
        assertFalse(written.chars().anyMatch(c -> c < 0x20), "control characters are escaped: " + written);
    }

    @Test
    void numbersAreWrittenAsTheClientWroteThem() {
        // an id is echoed in the answer: 1.50 must come back as 1.50, not 1.5
        assertEquals("{\"id\":1.50,\"big\":12345678901234567890123}", QuickJson.write(QuickJson.parse("{\"id\":1.50,\"big\":12345678901234567890123}")));
    }

    @Test
    void aDeeplyNestedMessageIsReadWithoutOverflowingTheStack() {
        int depth = 200_000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        var value = QuickJson.parse(nested);
        int seen = 0;
        for (var at = value; at.isJsonArray() && !at.getAsJsonArray().isEmpty(); at = at.getAsJsonArray().get(0)) seen++;
        assertEquals(depth - 1, seen);
    }

    @Test
    void whatIsNotOneJsonValueIsRefused() {
        for (String bad : List.of("", "{", "{\"a\":}", "{} {}", "[1,2", "}", "]")) {
            assertThrows(IllegalArgumentException.class, () -> QuickJson.parse(bad), bad);
        }
    }
}
