package dev.optlens.server;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After an edit inside a function of a large package, the edit's closure answers for the whole
 * package when the function's facts are kept (status {@code ready}, route {@code closure}), with what
 * a compile of the package would show; an edit that changes what callers read of the function (its
 * inline cost) is answered by the package compile, and the status says why.
 */
class EditClosureServerTest {
    private static final Path BASICS = ServerWireTest.BASICS;
    private static final String OPTIONS = "{\"debounceMs\": 0, \"largePackageKB\": 0}";

    @Test
    void anEditThatKeepsTheFactsIsAnsweredByItsClosure() throws Exception {
        String text = Files.readString(BASICS);
        String uri = LspHarness.uri(BASICS);
        // Double's body, which Run inlines: a comment line before its loop (line 9, 1-based).
        String edited = insertLine(text, 8, "\t// edited");
        List<String> viaClosure;
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options(OPTIONS), false);
            h.open(BASICS, text);
            JsonObject first = h.client.awaitStatus(0, "ready", uri, 1);
            assertEquals("package", first.get("route").getAsString());
            int before = h.client.statusCount();
            h.change(BASICS, 2, LspHarness.range(8, 0, 8, 0), "\t// edited\n");
            JsonObject ready = h.client.awaitStatus(before, "ready", uri, 2);
            assertEquals("closure", ready.get("route").getAsString(), ready.toString());
            viaClosure = seen(ServerWireTest.packageDecisions(h, uri));

            // Sum's cost grows: callers count an inlinable callee's cost, so the package compile answers.
            before = h.client.statusCount();
            h.change(BASICS, 3, LspHarness.range(37, 0, 37, 0), "\t\ttotal += x * x\n"); // in its loop, after version 2's line
            JsonObject after = h.client.awaitStatus(before, "ready", uri, 3);
            assertEquals("package", after.get("route").getAsString(), after.toString());
            assertTrue(after.get("closureFallback").getAsString().contains("Sum's facts changed: can inline Sum with cost"), after.toString());
        }
        try (LspHarness fresh = new LspHarness()) {
            fresh.initialize(ServerWireTest.options(OPTIONS), false);
            fresh.open(BASICS, edited);
            fresh.client.awaitStatus(0, "ready", uri, 1);
            List<String> viaPackage = seen(ServerWireTest.packageDecisions(fresh, uri));
            assertFalse(viaPackage.isEmpty());
            assertEquals(viaPackage, viaClosure);
        }
    }

    private static String insertLine(String text, int line0, String line) {
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        lines.add(line0, line);
        return String.join("\n", lines) + "\n";
    }

    /**
     * Each decision of the package's own files as a user sees it: where, what kind, the compiler's words
     * (a large package's tests compile only while one is open; a first compile describes them too).
     */
    private static List<String> seen(List<JsonObject> decisions) {
        return decisions.stream().filter(d -> !d.get("file").getAsString().endsWith("_test.go")).map(d -> d.get("file").getAsString() + ":" + d.get("line") + ":" + d.get("column") + " "
                + d.get("range") + " " + d.get("kind").getAsString() + " " + d.get("message").getAsString()).sorted().toList();
    }
}
