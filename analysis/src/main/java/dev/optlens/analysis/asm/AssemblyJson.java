package dev.optlens.analysis.asm;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * The JSON shape of an {@link AssemblyView}, the result of {@code optlens.showAssembly}:
 * {@code {"function","goarch","goos","lines":[{"text","line","file","inlined"?}],"sourceLines":{"<line>":[…]}}}.
 */
public final class AssemblyJson {
    private AssemblyJson() {
    }

    public static JsonObject of(AssemblyView v) {
        JsonObject o = new JsonObject();
        o.addProperty("function", v.function());
        o.addProperty("goarch", v.goarch());
        o.addProperty("goos", v.goos());
        JsonArray lines = new JsonArray();
        for (AssemblyView.Line l : v.lines()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("text", l.text());
            if (l.line().isPresent()) lo.addProperty("line", l.line().get());
            else lo.add("line", JsonNull.INSTANCE);
            if (l.file().isPresent()) lo.addProperty("file", l.file().get().toString());
            else lo.add("file", JsonNull.INSTANCE);
            l.inlined().ifPresent(s -> lo.addProperty("inlined", s));
            lines.add(lo);
        }
        o.add("lines", lines);
        JsonObject source = new JsonObject();
        for (Map.Entry<Integer, List<Integer>> e : v.sourceLines().entrySet()) {
            JsonArray idx = new JsonArray();
            e.getValue().forEach(idx::add);
            source.add(String.valueOf(e.getKey()), idx);
        }
        o.add("sourceLines", source);
        return o;
    }
}
