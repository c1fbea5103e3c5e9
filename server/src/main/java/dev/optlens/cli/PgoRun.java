package dev.optlens.cli;

import com.google.gson.JsonObject;
import dev.optlens.analysis.compare.BuildSide;
import dev.optlens.analysis.compare.Comparison;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.profile.PgoDecisions;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile's part in a guided check: each guided package compiled once more without its profile
 * (read back from the compile cache when nothing changed) and compared, so that the decisions only
 * the profile makes are marked, and {@code --pgo-diff} lists what it changed.
 */
final class PgoRun {
    private PgoRun() {
    }

    static Map<PackageReport, PgoDecisions> compare(PackageRun packages, PgoOption pgo, List<AnalysisRequest> plain,
                                                    List<PackageReport> guided) {
        Map<PackageReport, PgoDecisions> out = new IdentityHashMap<>();
        if (pgo.chosen.isEmpty()) return out;
        List<AnalysisRequest> again = new ArrayList<>();
        List<PackageReport> theirs = new ArrayList<>();
        for (int i = 0; i < plain.size() && i < guided.size(); i++) {
            if (pgo.chosen.containsKey(plain.get(i).dir()) && guided.get(i).compiled()) {
                again.add(plain.get(i));
                theirs.add(guided.get(i));
            }
        }
        PackageRun.Result without = packages.analyze(again);
        if (!without.ok()) return out;
        for (int i = 0; i < theirs.size(); i++) {
            PackageReport g = theirs.get(i);
            out.put(g, PgoDecisions.of(pgo.chosen.get(g.dir()), without.reports().get(i), g));
        }
        return out;
    }

    /** {@code --pgo-diff}: what each package's profile changed, as {@code optlens diff} prints it; exit 1 when it changed something. */
    static int printDiff(Map<PackageReport, PgoDecisions> byProfile, List<PackageReport> reports, PrintStream out, PrintStream err,
                         Map<String, String> env) {
        if (byProfile.isEmpty()) {
            err.println("optlens: --pgo-diff: no package is built with a profile (give --pgo=FILE, or put a default.pgo beside a"
                    + " main package that imports it)");
            return 2;
        }
        int shown = 0;
        for (PackageReport guided : reports) {
            PgoDecisions p = byProfile.get(guided);
            if (p == null) continue;
            try {
                Comparison.Side a = Comparison.side(BuildSide.current("without a profile"), env);
                Comparison.Side b = Comparison.side(BuildSide.current("with " + p.profile().why()), env);
                DiffOutput output = new DiffOutput(a, b, List.of(new Comparison.PackageDiff(p.without(), guided, p.differences())), false);
                out.print(output.text());
                shown += output.shown();
            } catch (ToolchainException e) {
                err.println("optlens: " + e.getMessage());
                return 2;
            }
        }
        return shown > 0 ? 1 : 0;
    }

    /** Adds {@code pgo} to each guided package ({@code profile}, {@code why}) and {@code "pgo": true} to the profile's decisions. */
    static JsonObject addTo(JsonObject json, List<PackageReport> reports, Map<PackageReport, PgoDecisions> byProfile) {
        var packages = json.getAsJsonArray("packages");
        for (int i = 0; i < reports.size() && i < packages.size(); i++) {
            PgoDecisions p = byProfile.get(reports.get(i));
            if (p == null) continue;
            JsonObject pkg = packages.get(i).getAsJsonObject();
            JsonObject about = new JsonObject();
            about.addProperty("profile", p.profile().file().toString());
            about.addProperty("why", p.profile().why());
            about.addProperty("decisions", p.made().size());
            pkg.add("pgo", about);
            List<Decision> ds = reports.get(i).decisions();
            var arr = pkg.getAsJsonArray("decisions");
            for (int j = 0; j < ds.size() && j < arr.size(); j++) {
                if (p.byProfile(ds.get(j))) arr.get(j).getAsJsonObject().addProperty("pgo", true);
            }
        }
        return json;
    }
}
