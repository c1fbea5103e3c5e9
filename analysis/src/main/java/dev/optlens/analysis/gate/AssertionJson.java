package dev.optlens.analysis.gate;

import com.google.gson.JsonObject;
import dev.optlens.analysis.engine.ReportJson;

import java.util.Locale;

/** An assertion's result as JSON, the same in {@code check --format=json} and {@code optlens.decisions}. */
public final class AssertionJson {
    private AssertionJson() {
    }

    /**
     * {@code {"file","line","range","assertion","verdict","message","evidence"}}: {@code line} is the
     * 1-based line the assertion is about, {@code range} the directive's text, {@code verdict} one of
     * holds, violated, invalid, {@code evidence} the compiler's decisions that violate it.
     */
    public static JsonObject of(AssertionResult a) {
        JsonObject o = new JsonObject();
        o.addProperty("file", a.assertion().file().toString());
        o.addProperty("line", a.assertion().line() + 1);
        o.add("range", ReportJson.range(a.assertion().range()));
        o.addProperty("assertion", a.assertion().written());
        o.addProperty("verdict", a.verdict().name().toLowerCase(Locale.ROOT));
        o.addProperty("message", a.message());
        o.add("evidence", ReportJson.decisions(a.evidence()));
        return o;
    }
}
