package dev.optlens.analysis.profile;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.optlens.analysis.decision.Decision;

import java.util.List;
import java.util.Map;

/** The profile figures of {@code check --json}: a decision's {@code hot}, a package's ranked {@code allocations}. */
public final class HotJson {
    private HotJson() {
    }

    public static JsonObject heat(Heat h) {
        JsonObject o = new JsonObject();
        o.addProperty("quantity", h.quantity());
        o.addProperty("value", h.value());
        o.addProperty("total", h.total());
        o.addProperty("share", Math.round(h.share() * 1e6) / 1e6);
        o.addProperty("sharedBy", h.sharedBy());
        return o;
    }

    /** Adds {@code hot} to each decision object of {@code decisions} (the same order as {@code report}) that has a figure. */
    public static void addTo(JsonArray decisions, List<Decision> report, HotReport hot) {
        Map<Decision, Heat> heats = hot.heats(report);
        for (int i = 0; i < report.size() && i < decisions.size(); i++) {
            Heat h = heats.get(report.get(i));
            if (h != null && h.value() > 0) decisions.get(i).getAsJsonObject().add("hot", heat(h));
        }
    }

    /**
     * The allocating lines, costliest first, each with the compiler's reasons (none: {@code unmarked})
     * and the runtime functions that may allocate which the line calls, as the compile's assembly shows.
     */
    public static JsonArray allocations(List<HotReport.HotLine> lines, dev.optlens.analysis.engine.PackageReport report) {
        JsonArray arr = new JsonArray();
        for (HotReport.HotLine l : lines) {
            JsonObject o = new JsonObject();
            o.addProperty("file", l.file().toString());
            o.addProperty("line", l.line());
            o.addProperty("function", l.function());
            o.add("bytes", heat(l.bytes()));
            o.add("objects", heat(l.objects()));
            o.addProperty("unmarked", l.unmarked());
            JsonArray calls = new JsonArray();
            report.allocatingCallsAt(l.file(), l.line()).forEach(calls::add);
            o.add("runtimeCalls", calls);
            JsonArray reasons = new JsonArray();
            l.reasons().forEach(d -> {
                JsonObject r = new JsonObject();
                r.addProperty("kind", d.kind().id());
                r.addProperty("message", d.message());
                r.addProperty("line", d.line());
                r.addProperty("column", d.column());
                r.addProperty("file", d.file().toString());
                reasons.add(r);
            });
            o.add("reasons", reasons);
            arr.add(o);
        }
        return arr;
    }
}
