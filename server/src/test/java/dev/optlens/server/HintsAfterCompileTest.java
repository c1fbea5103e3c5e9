package dev.optlens.server;

import com.google.gson.JsonParser;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            assertTrue(labels(hints(h)).contains("⟵ heap: p"), labels(hints(h)).toString());

            int last = (int) text.lines().count();
            h.change(BASICS, 2, LspHarness.range(last, 0, last, 0), "\nfunc Leak(x int) *int { return &x }\n");
            // Asked while the edit's compile waits for typing to pause (debounce 200 ms).
            List<String> after = labels(hints(h));
            assertTrue(after.contains("⟵ heap: x"), after.toString());
        }
    }

    private static List<InlayHint> hints(LspHarness h) throws Exception {
        return h.remote.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(LspHarness.uri(BASICS)),
                LspHarness.range(0, 0, 9999, 0))).get(30, TimeUnit.SECONDS);
    }

    private static List<String> labels(List<InlayHint> hints) {
        return hints.stream().map(x -> x.getLabel().isLeft() ? x.getLabel().getLeft()
                : x.getLabel().getRight().stream().map(p -> p.getValue()).reduce("", String::concat)).toList();
    }
}
