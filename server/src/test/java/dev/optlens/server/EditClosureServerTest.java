package dev.optlens.server;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After an edit inside a function of a large package, the edit's closure answers for the whole
 * package when what the rest of the package reads of the function is kept, or read again by its
 * callers in a second slice (status {@code ready}, route {@code closure}), with what a compile of the
 * package would show; an edit the closure cannot stand for (one in a cycle of calls) is answered by
 * the package compile, and the status says why.
 */
class EditClosureServerTest {
    private static final Path BASICS = ServerWireTest.BASICS;
    private static final String OPTIONS = "{\"debounceMs\": 0, \"largePackageKB\": 0}";

    @Test
    void editsInsideFunctionsAreAnsweredByTheirClosureAsThePackageCompileWould() throws Exception {
        String text = Files.readString(BASICS);
        String uri = LspHarness.uri(BASICS);
        // Version 2: a comment line in Double's body, which Run inlines (facts kept). Version 3: Sum's
        // loop grows, so does its inline cost, which LogSum (calling it) reads: a second slice holds the
        // callers, whose own facts are kept. Version 4: Sum's parameter leaks to the heap, so does
        // LogSum's, which inlines it; Run, LogSum's caller, is in the second slice and reads that again.
        String edited = insertLine(insertLine(text, 8, "\t// edited"), 37, "\t\ttotal += x * x");
        edited = insertLine(insertLine(insertLine(edited, 35, "\t}"), 35, "\t\tpanic(xs)"), 35, "\tif len(xs) == -1 {");
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options(OPTIONS), false);
            h.open(BASICS, text);
            JsonObject first = h.client.awaitStatus(0, "ready", uri, 1);
            assertEquals("package", first.get("route").getAsString());
            edit(h, uri, 2, 8, "\t// edited\n");
            edit(h, uri, 3, 37, "\t\ttotal += x * x\n"); // in its loop, after version 2's line
            edit(h, uri, 4, 35, "\tif len(xs) == -1 {\n\t\tpanic(xs)\n\t}\n");
            List<String> viaClosure = seen(ServerWireTest.packageDecisions(h, uri));
            assertTrue(viaClosure.stream().anyMatch(d -> d.contains("leaking-param leaking param: xs")), viaClosure.toString());
            try (LspHarness fresh = new LspHarness()) {
                fresh.initialize(ServerWireTest.options(OPTIONS), false);
                fresh.open(BASICS, edited);
                fresh.client.awaitStatus(0, "ready", uri, 1);
                assertEquals(seen(ServerWireTest.packageDecisions(fresh, uri)), viaClosure);
            }
        }
    }

    /**
     * A cycle of calls whose functions call one that inlines: the order the compiler weighs them in
     * decides their costs, and the whole package decides that order. The first compile (through go
     * list) weighed them; the closure of the first edit is weighed in its order. An edit that adds a
     * call changes how they refer to each other: that order is not known, and the package compile answers.
     */
    @Test
    void anEditInACycleIsAnsweredInTheOrderTheLastCompileWeighedIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module example.com/cycle\n\ngo 1.21\n");
        Path file = dir.resolve("cycle.go");
        Files.writeString(file, """
                package cycle

                func Even(n int, p *int) bool {
                	if n == 0 {
                		return *p == 0
                	}
                	return Odd(n-1, p)
                }

                func Odd(n int, p *int) bool {
                	if n == 0 {
                		return *p != 0
                	}
                	return Even(n-1, p)
                }
                """);
        String uri = LspHarness.uri(file);
        try (LspHarness h = new LspHarness()) {
            h.initialize(ServerWireTest.options(OPTIONS), false);
            h.open(file, Files.readString(file));
            h.client.awaitStatus(0, "ready", uri, 1);
            JsonObject after = edit(h, uri, 2, 3, "\t// edited\n");
            assertEquals("closure", after.get("route").getAsString(), after.toString());
            // A new call in Even (its body begins on line 4 now): the package compile answers, and says why.
            JsonObject calls = edit(h, uri, 3, 4, "\tif n < 0 {\n\t\treturn Odd(-n, p)\n\t}\n");
            assertEquals("package", calls.get("route").getAsString(), calls.toString());
            assertTrue(calls.get("closureFallback").getAsString().matches(".*(Even|Odd) is in a cycle of calls with 1 other function"
                    + " and calls (Even|Odd), which inlines.*not known for this text.*"), calls.toString());
        }
    }

    /** Inserts a line before 0-based {@code line} as version {@code version}; the ready status of it. */
    private static JsonObject edit(LspHarness h, String uri, int version, int line, String text) throws Exception {
        int before = h.client.statusCount();
        h.change(Path.of(java.net.URI.create(uri)), version, LspHarness.range(line, 0, line, 0), text);
        JsonObject ready = h.client.awaitStatus(before, "ready", uri, version);
        if (version > 1 && !ready.has("closureFallback")) assertEquals("closure", ready.get("route").getAsString(), ready.toString());
        return ready;
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
