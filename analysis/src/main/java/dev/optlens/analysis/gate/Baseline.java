package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.GateCategory;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of packages at one point in time, by line-independent identity: what {@code optlens
 * baseline} writes and {@code optlens check --baseline} compares with. Only the kinds a gate can fail
 * on are kept (heap allocations, inlining, bounds and nil checks).
 *
 * @param goVersion the Go release that compiled it, in full (a baseline from another release differs by design)
 * @param goarch    the architecture it was compiled for; null in baselines written before it was recorded
 * @param packages  per import path, the decisions in source order
 */
public record Baseline(int optlensBaseline, String goVersion, String goarch, Map<String, List<Entry>> packages) {
    /** The format's version, written as {@code optlensBaseline}. */
    public static final int FORMAT = 1;

    /**
     * One recorded decision. {@code file} and {@code line} are where it was, for people reading the
     * file; they take no part in the comparison.
     */
    public record Entry(String function, String kind, String message, int ordinal, String file, int line) {
        DecisionIdentity identity(String importPath) {
            return new DecisionIdentity(importPath, function, DecisionKind.byId(kind).orElse(DecisionKind.OTHER), message, ordinal);
        }
    }

    public Baseline {
        // Insertion order kept (the file reads in the order packages were given); null only from a bad file.
        packages = packages == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(packages));
    }

    /** A baseline of packages' decisions (import path → decisions) compiled by {@code goVersion} for {@code goarch}. */
    public static Baseline of(String goVersion, String goarch, Map<String, List<Decision>> decisions) {
        Map<String, List<Entry>> packages = new LinkedHashMap<>();
        decisions.forEach((importPath, ds) -> {
            List<DecisionIdentity> ids = DecisionIdentity.of(importPath, ds);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < ds.size(); i++) {
                Decision d = ds.get(i);
                if (GateCategory.of(d.kind()).isEmpty()) continue;
                DecisionIdentity id = ids.get(i);
                entries.add(new Entry(id.function(), id.kind().id(), id.message(), id.ordinal(),
                        d.file().getFileName().toString(), d.range().start().line() + 1));
            }
            packages.put(importPath, entries);
        });
        return new Baseline(FORMAT, goVersion, goarch, packages);
    }

    /**
     * When this baseline was compiled by another release or for another architecture than a run that
     * compares with it: a warning saying so, and the {@code optlens diff} that shows what the release or
     * the architecture changes (its differences are not the code's).
     */
    public java.util.Optional<String> otherBuild(String runGoVersion, String runGoarch) {
        boolean release = goVersion != null && !goVersion.isEmpty() && !goVersion.equals(runGoVersion);
        boolean arch = goarch != null && !goarch.isEmpty() && !goarch.equals(runGoarch);
        if (!release && !arch) return java.util.Optional.empty();
        String axis = release ? "--go=" + bare(goVersion) + "," + bare(runGoVersion) : "--goarch=" + goarch + "," + runGoarch;
        return java.util.Optional.of("the baseline was recorded with " + goVersion + (goarch == null ? "" : " for " + goarch)
                + ", this run is " + runGoVersion + " for " + runGoarch + ": releases and architectures decide differently by design,"
                + " so some changes may be theirs, not the code's. 'optlens diff " + axis + " PATH...' shows what "
                + (release ? "the release" : "the architecture") + " changes; record the baseline again with the toolchain CI uses.");
    }

    /** {@code go1.23.5} → {@code 1.23.5}, as optlens diff takes it. */
    private static String bare(String version) {
        return version.startsWith("go") ? version.substring(2) : version;
    }

    /** A package's recorded decisions by identity, in the order recorded; empty when it was not recorded. */
    public Optional<Map<DecisionIdentity, Entry>> recorded(String importPath) {
        List<Entry> entries = packages.get(importPath);
        if (entries == null) return Optional.empty();
        Map<DecisionIdentity, Entry> out = new LinkedHashMap<>();
        for (Entry e : entries) out.put(e.identity(importPath), e);
        return Optional.of(out);
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public void write(Writer out) throws IOException {
        GSON.toJson(this, out);
        out.write("\n");
    }

    /** Reads a baseline; a file that is not one gets a message saying so, never a stack trace. */
    public static Baseline read(Path path, Reader in) throws IOException {
        Baseline b;
        try {
            b = GSON.fromJson(in, Baseline.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IOException(path + " is not an optlens baseline: " + dev.optlens.analysis.process.Reason.of(e)
                    + "; write one with 'optlens baseline PATH... > " + path.getFileName() + "'", e);
        }
        if (b == null || b.packages() == null || b.optlensBaseline() != FORMAT) {
            throw new IOException(path + " is not an optlens baseline (format " + FORMAT
                    + "; write one with 'optlens baseline PATH... > " + path.getFileName() + "')");
        }
        for (List<Entry> entries : b.packages().values()) {
            if (entries == null || entries.stream().anyMatch(e -> e == null || e.function() == null || e.kind() == null || e.message() == null)) {
                throw new IOException(path + " is not an optlens baseline: an entry lacks function, kind or message");
            }
        }
        return b;
    }
}
