package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.optlens.analysis.decision.Decision;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the state stress test checks a run by, and its text arithmetic. */
final class StressChecks {
    private StressChecks() {
    }

    static List<String> placed(List<Decision> decisions) {
        List<String> out = new ArrayList<>();
        for (Decision d : decisions) {
            out.add(d.range().start().line() + ":" + d.range().start().character() + "-" + d.range().end().line() + ":"
                    + d.range().end().character() + " " + d.message());
        }
        return out;
    }

    static List<String> placed(JsonArray decisions) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : decisions) {
            JsonObject o = e.getAsJsonObject();
            JsonObject r = o.getAsJsonObject("range");
            JsonObject start = r.getAsJsonObject("start");
            JsonObject end = r.getAsJsonObject("end");
            out.add(start.get("line").getAsInt() + ":" + start.get("character").getAsInt() + "-" + end.get("line").getAsInt() + ":"
                    + end.get("character").getAsInt() + " " + o.get("message").getAsString());
        }
        return out;
    }

    /** Versions never go back per file; nothing is published for a file between its clear and its reopening. */
    static void checkPublishes(RecordingClient client, Map<String, List<Integer>> closedAt,
                                       Map<String, List<Integer>> reopenedAt) {
        synchronized (client) {
            Map<String, Integer> lastVersion = new HashMap<>();
            Map<String, Integer> clearedAt = new HashMap<>();
            for (int i = 0; i < client.diagnostics.size(); i++) {
                PublishDiagnosticsParams p = client.diagnostics.get(i);
                String uri = p.getUri();
                if (p.getVersion() == null) {
                    assertTrue(p.getDiagnostics().isEmpty(), "a publish without a version clears: " + p);
                    clearedAt.put(uri, i);
                    continue;
                }
                Integer before = lastVersion.put(uri, p.getVersion());
                assertTrue(before == null || before <= p.getVersion(), uri + " went back from version " + before + " to " + p.getVersion());
                Integer cleared = clearedAt.get(uri);
                if (cleared != null) {
                    int at = i;
                    // the close that caused the clear was sent before it arrived; a reopen sent after that close may publish
                    int close = closedAt.getOrDefault(uri, List.of()).stream().filter(k -> k <= cleared).max(Integer::compare).orElse(-1);
                    boolean reopened = reopenedAt.getOrDefault(uri, List.of()).stream().anyMatch(r -> r >= close && r <= at);
                    assertTrue(reopened, "published for " + uri + " at version " + p.getVersion() + " after it was closed");
                    clearedAt.remove(uri);
                }
            }
        }
    }

    static int lines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }

    static int offset(String text, int line) {
        int at = 0;
        for (int l = 0; l < line; l++) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) return text.length();
            at = nl + 1;
        }
        return at;
    }
}
