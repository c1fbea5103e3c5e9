package dev.optlens.server;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that cannot be asked to fetch hints again (Helix: it asks once per edit) sees the decisions
 * of the text it asked about: a hint request made while the package's compile is due or running is
 * answered when the compile ends, with the real compiler. Clients that take refreshes are answered at
 * once ({@link ServerRobustnessTest#requestsAnswerWhileASlowCompileRuns}).
 */
class HintsAfterCompileTest {
    private static final Path BASICS = ServerWireTest.BASICS;

    @Test
    void hintsAskedRightAfterOpenAndAfterAnEditCarryThatCompilesDecisions() throws Exception {
        try (LspHarness h = new LspHarness()) {
            h.refreshesHints = false;
            h.initialize(JsonParser.parseString("{\"debounceMs\": 200}"), false);
            String text = ServerWireTest.read(BASICS);
            h.open(BASICS, text);
            // Asked with the open, before any status: no waiting here for "ready".
            List<String> opened = labels(h);
            assertTrue(opened.contains("⟵ heap: p"), opened.toString());

            int last = (int) text.lines().count();
            h.change(BASICS, 2, LspHarness.range(last, 0, last, 0), "\nfunc Leak(x int) *int { return &x }\n");
            // Asked while the edit's compile waits for typing to pause (debounce 200 ms).
            List<String> after = labels(h);
            assertTrue(after.contains("⟵ heap: x"), after.toString());
        }
    }

    private static List<String> labels(LspHarness h) throws Exception {
        return ServerWireTest.hints(h, BASICS).stream().map(ServerWireTest::label).toList();
    }
}
