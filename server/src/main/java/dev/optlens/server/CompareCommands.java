package dev.optlens.server;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.feature.CompareHints;
import dev.optlens.analysis.toolchain.Releases;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.util.List;
import java.util.Map;

/**
 * The commands of "Compare decisions with…": what can be compared with ({@link ServerApi#COMMAND_COMPARE_CHOICES})
 * and the list of differences of a document's package ({@link ServerApi#COMMAND_DIFFERENCES}).
 */
final class CompareCommands {
    /** Architectures offered besides the current one: the 64-bit ones people deploy to, and 386's 32-bit sizes. */
    static final List<String> ARCHITECTURES = List.of("amd64", "arm64", "386", "arm", "riscv64", "ppc64le", "s390x", "wasm");
    private static final Gson GSON = new Gson();

    private CompareCommands() {
    }

    static JsonObject differences(WorkspaceState view, String uri) {
        DocumentSnapshot d = view.document(uri).orElseThrow(() -> CommandArguments.invalid("not an open document: " + uri));
        JsonObject o = new JsonObject();
        Compared c = Compared.current(view, d.dir()).orElse(Compared.NONE);
        o.addProperty("label", c.label());
        o.addProperty("toolchain", c.toolchain());
        o.addProperty("compiled", c.errors().isEmpty());
        JsonArray errors = new JsonArray();
        c.errors().forEach(e -> errors.add(e.toString()));
        o.add("errors", errors);
        JsonArray list = new JsonArray();
        c.at().forEach((file, placed) -> {
            var lines = view.lines(file);
            if (lines.isEmpty()) return;
            for (Compared.Placed p : placed) {
                Difference x = p.difference();
                if (!x.matters()) continue;
                JsonObject j = new JsonObject();
                j.addProperty("uri", file.toUri().toString());
                j.add("range", GSON.toJsonTree(view.codec().toProtocol(lines.get(), p.range())));
                j.addProperty("function", x.function());
                j.addProperty("change", x.change().id());
                j.addProperty("kind", x.kind().id());
                x.a().ifPresent(v -> j.addProperty("a", Difference.words(v)));
                x.b().ifPresent(v -> j.addProperty("b", Difference.words(v)));
                j.addProperty("hint", CompareHints.hint(c.label(), x));
                list.add(j);
            }
        });
        o.add("differences", list);
        return o;
    }

    static JsonObject choices(WorkspaceState view, Map<String, String> env) {
        JsonObject o = new JsonObject();
        JsonObject current = new JsonObject();
        view.settings().compareWith().ifPresent(b -> current.addProperty("compareWith", b.label()));
        view.settings().goarch().ifPresent(a -> current.addProperty("goarch", a));
        o.add("current", current);
        JsonArray releases = new JsonArray();
        for (Releases.Installed i : new Releases(new ToolchainLocator(env)).installed()) {
            JsonObject r = new JsonObject();
            r.addProperty("release", i.release());
            r.addProperty("version", i.version().text());
            r.addProperty("go", i.go().toString());
            releases.add(r);
        }
        o.add("releases", releases);
        JsonArray arch = new JsonArray();
        ARCHITECTURES.forEach(arch::add);
        o.add("goarch", arch);
        return o;
    }
}
