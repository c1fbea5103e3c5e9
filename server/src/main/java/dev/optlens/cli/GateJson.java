package dev.optlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.ReportJson;
import dev.optlens.analysis.gate.AssertionJson;
import dev.optlens.analysis.gate.BaselineDiff.Change;
import dev.optlens.analysis.profile.HotJson;
import dev.optlens.analysis.profile.HotReport;

import java.util.List;

/**
 * {@code check --format=json}: the documented package reports, each with {@code assertions} and, with
 * --baseline, {@code changes}; {@code failed} says whether check fails
 * (exit 1): the gate fails or a package could not be analysed.
 */
final class GateJson {
    private GateJson() {
    }

    static JsonObject render(GateRun run, boolean withBaseline) {
        return render(run, withBaseline, java.util.Map.of());
    }

    /** With profiles: each decision's {@code hot} figure and the package's ranked {@code allocations}. */
    static JsonObject render(GateRun run, boolean withBaseline, java.util.Map<dev.optlens.analysis.engine.PackageReport, HotReport> hot) {
        JsonArray packages = new JsonArray();
        for (GateRun.PackageGate p : run.packages) {
            JsonObject o = ReportJson.packageReport(p.report());
            HotReport h = hot.get(p.report());
            if (h != null && h.present()) {
                HotJson.addTo(o.getAsJsonArray("decisions"), p.report().decisions(), h);
                if (h.hasMemory()) o.add("allocations", HotJson.allocations(h.lines(p.report().decisions()), p.report()));
            }
            JsonArray assertions = new JsonArray();
            p.assertions().forEach(a -> assertions.add(AssertionJson.of(a)));
            o.add("assertions", assertions);
            if (withBaseline) {
                if (p.changes().isPresent()) {
                    JsonArray changes = new JsonArray();
                    p.changes().get().forEach(c -> changes.add(change(c, run)));
                    o.add("changes", changes);
                } else {
                    o.addProperty("baseline", p.report().compiled() ? "not in the baseline" : "not compared: does not compile");
                }
            }
            packages.add(o);
        }
        JsonObject out = new JsonObject();
        out.add("packages", packages);
        // What the exit code says: the gate fails, or a package could not be analysed (it passes nothing).
        out.addProperty("failed", run.failed() || run.packages.stream().anyMatch(p -> !p.report().compiled()));
        return out;
    }

    private static JsonObject change(Change c, GateRun run) {
        JsonObject o = new JsonObject();
        o.addProperty("category", c.category().id());
        o.addProperty("change", c.isNew() ? "new" : "gone");
        o.addProperty("regression", c.regression());
        o.addProperty("failing", c.regression() && run.failOn.contains(c.category()));
        o.addProperty("function", c.identity().function());
        o.addProperty("kind", c.identity().kind().id());
        o.addProperty("message", c.identity().message());
        o.addProperty("summary", c.summary());
        o.addProperty("fingerprint", c.identity().fingerprint());
        c.where().ifPresent(w -> {
            o.addProperty("file", w.file().toString());
            o.addProperty("line", w.range().start().line() + 1);
            o.add("range", ReportJson.range(w.range()));
        });
        c.decision().ifPresent(d -> o.add("decision", ReportJson.decision(d)));
        o.add("reasons", ReportJson.decisions(List.copyOf(c.reasons())));
        return o;
    }
}
