package dev.optlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.optlens.analysis.compare.Comparison;
import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.gate.GateFinding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code optlens diff} prints: text grouped by function, JSON, or GitHub notices. */
final class DiffOutput {
    private final Comparison.Side a;
    private final Comparison.Side b;
    private final List<Comparison.PackageDiff> diffs;
    private final boolean all;

    DiffOutput(Comparison.Side a, Comparison.Side b, List<Comparison.PackageDiff> diffs, boolean all) {
        this.a = a;
        this.b = b;
        this.diffs = diffs;
        this.all = all;
    }

    /** The differences printed: those that matter, or all with --all. */
    List<Difference> shown(Comparison.PackageDiff d) {
        return d.differences().stream().filter(x -> all || x.matters()).toList();
    }

    int shown() {
        return diffs.stream().mapToInt(d -> shown(d).size()).sum();
    }

    String text() {
        StringBuilder out = new StringBuilder("optlens diff: A = " + a.build().label() + toolchain(a, 0) + "\n"
                + "              B = " + b.build().label() + toolchain(b, 1) + "\n");
        int hidden = 0;
        int[] counts = new int[3];
        for (Comparison.PackageDiff d : diffs) {
            out.append("package ").append(d.importPath()).append(" (").append(d.a().dir()).append(")\n");
            if (!d.compiled()) {
                out.append("  not compared: it does not build with ").append(d.a().compiled() ? b.describe() : a.describe()).append('\n');
                continue;
            }
            List<Difference> shown = shown(d);
            hidden += d.differences().size() - shown.size();
            if (shown.isEmpty()) out.append("  no differences\n");
            Map<String, List<Difference>> byFunction = new LinkedHashMap<>();
            shown.forEach(x -> byFunction.computeIfAbsent(x.function(), f -> new ArrayList<>()).add(x));
            byFunction.forEach((function, xs) -> {
                out.append("  ").append(function.isEmpty() ? "(package level)" : function).append('\n');
                for (Difference x : xs) {
                    counts[x.change().ordinal()]++;
                    out.append("    ").append(where(d.a().dir(), x.where())).append("  ").append(line(x)).append('\n');
                }
            });
        }
        int total = counts[0] + counts[1] + counts[2];
        out.append(total).append(total == 1 ? " difference" : " differences").append(" in ").append(diffs.size())
                .append(diffs.size() == 1 ? " package" : " packages").append(" (").append(counts[2]).append(" changed, ")
                .append(counts[0]).append(" only with A, ").append(counts[1]).append(" only with B)");
        if (hidden > 0) out.append("; ").append(hidden).append(" more with --all (escapes that stay on the stack, leak tags)");
        return out.append('\n').toString();
    }

    /** The side's toolchain: the release it names, else the one found for its first package. */
    private String toolchain(Comparison.Side side, int i) {
        if (side.toolchain().isPresent()) return "  (" + side.toolchain().get().version() + ", " + side.toolchain().get().go() + ")";
        return diffs.isEmpty() ? "" : "  (" + (i == 0 ? diffs.get(0).a() : diffs.get(0).b()).toolchain() + ")";
    }

    /** A difference in one line: {@code A words → B words}, or the one side's words with its name. */
    private String line(Difference x) {
        return switch (x.change()) {
            case CHANGED -> x.summary();
            case ONLY_A -> "only A (" + a.build().label() + "): " + x.summary();
            case ONLY_B -> "only B (" + b.build().label() + "): " + x.summary();
        };
    }

    private static String where(Path dir, Decision d) {
        Path f = d.file();
        return (f.startsWith(dir) ? dir.relativize(f) : f) + ":" + d.line() + ":" + d.column();
    }

    JsonObject json() {
        JsonObject o = new JsonObject();
        o.add("a", side(a, diffs.isEmpty() ? null : diffs.get(0).a()));
        o.add("b", side(b, diffs.isEmpty() ? null : diffs.get(0).b()));
        JsonArray packages = new JsonArray();
        for (Comparison.PackageDiff d : diffs) {
            JsonObject p = new JsonObject();
            p.addProperty("importPath", d.importPath());
            p.addProperty("dir", d.a().dir().toString());
            p.addProperty("compared", d.compiled());
            JsonArray list = new JsonArray();
            for (Difference x : shown(d)) {
                JsonObject j = new JsonObject();
                j.addProperty("function", x.function());
                j.addProperty("change", x.change().id());
                j.addProperty("kind", x.kind().id());
                j.addProperty("file", x.where().file().toString());
                j.addProperty("line", x.where().line());
                j.addProperty("column", x.where().column());
                x.a().ifPresent(v -> j.addProperty("a", Difference.words(v)));
                x.b().ifPresent(v -> j.addProperty("b", Difference.words(v)));
                j.addProperty("matters", x.matters());
                list.add(j);
            }
            p.add("differences", list);
            packages.add(p);
        }
        o.add("packages", packages);
        o.addProperty("differences", shown());
        return o;
    }

    private static JsonObject side(Comparison.Side s, PackageReport first) {
        JsonObject o = new JsonObject();
        o.addProperty("label", s.build().label());
        s.toolchain().ifPresent(t -> o.addProperty("go", t.version().text()));
        if (s.toolchain().isPresent()) o.addProperty("toolchain", s.toolchain().get().go().toString());
        else if (first != null) o.addProperty("toolchain", first.toolchain());
        s.build().goarch().ifPresent(v -> o.addProperty("goarch", v));
        s.build().goos().ifPresent(v -> o.addProperty("goos", v));
        s.build().gcflags().ifPresent(v -> o.addProperty("gcflags", v));
        if (!s.build().env().isEmpty()) {
            JsonObject env = new JsonObject();
            s.build().env().forEach(env::addProperty);
            o.add("env", env);
        }
        return o;
    }

    String github(Path root) {
        List<GateFinding> findings = new ArrayList<>();
        for (Comparison.PackageDiff d : diffs) {
            for (Difference x : shown(d)) {
                Decision w = x.where();
                findings.add(new GateFinding(x.kind().id(), false, w.file(), w.range(),
                        "diff " + a.build().label() + " → " + b.build().label(), line(x), List.of(), "", x.function()));
            }
        }
        return new GithubOutput(root).render(findings, "notice");
    }
}
