package dev.optlens.server;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageResolver;
import dev.optlens.analysis.gate.AssertionChecker;
import dev.optlens.analysis.gate.AssertionParser;
import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.gate.Baseline;
import dev.optlens.analysis.gate.BaselineDiff;
import dev.optlens.analysis.gate.GateScope;
import dev.optlens.analysis.gate.GateFinding;
import dev.optlens.analysis.gate.GateFindings;
import dev.optlens.analysis.decision.GateCategory;
import dev.optlens.analysis.syntax.GoSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gate in the editor: an open document's assertions checked against the decisions as they are
 * now (moved through the edits since the compile, so an assertion typed above a line is checked at
 * once), and which decisions are new since the module's baseline file. Read from one
 * {@link WorkspaceState}; nothing is computed for a package not compiled yet.
 */
final class GateView {
    /**
     * One document's part.
     *
     * @param assertions  its assertions, each with its verdict
     * @param fresh       the view's decisions (by reference) that are regressions new since the baseline, each
     *                    with its finding (as {@code optlens check} reports it: same rule, same fingerprint)
     * @param lost        lost inlining since the baseline, shown where the call or refusal now is
     * @param failed      the finding of each assertion that does not hold (by reference)
     */
    record DocumentGate(List<AssertionResult> assertions, Map<TrackedDecision, GateFinding> fresh, List<GateFinding> lost,
                        Map<AssertionResult, GateFinding> failed) {
        static final DocumentGate NONE = new DocumentGate(List.of(), Map.of(), List.of(), Map.of());

        /** Whether the decision (as this document's view holds it) is a regression since the baseline. */
        boolean isNew(TrackedDecision d) {
            return fresh.containsKey(d);
        }
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(GateView.class.getName());
    private final Map<Path, Cached<Optional<GoSource>>> disk = new ConcurrentHashMap<>();
    private final Map<Path, Cached<Optional<Baseline>>> baselines = new ConcurrentHashMap<>();

    private record Cached<T>(FileTime modified, long size, T value) {
    }

    DocumentGate of(WorkspaceState view, DocumentSnapshot doc) {
        Optional<PackageView> pkg = view.pkg(doc.dir());
        if (pkg.isEmpty() || pkg.get().applied() == PackageView.Applied.NOTHING || !doc.source().isParsed()) return DocumentGate.NONE;
        Optional<Baseline> baseline = baseline(view.settings(), doc.dir());
        boolean hasAssertions = AssertionParser.mayHold(doc.source().text());
        if (!hasAssertions && baseline.isEmpty()) return DocumentGate.NONE;

        List<dev.optlens.analysis.gate.Assertion> written = hasAssertions ? AssertionParser.parse(doc.path(), doc.source()) : List.of();
        // The whole package's decisions only when they are read: a baseline, or a function's call
        // sites. Otherwise this file's, and the refusals (a call's reason may be in another file): a
        // lens request in a package of 200,000 decisions must not copy them all.
        boolean whole = baseline.isPresent() || written.stream().anyMatch(dev.optlens.analysis.gate.Assertion::aboutFunction);
        Map<Path, List<Decision>> decisions = new HashMap<>();
        // Each decision as it is now, and the view's decision it comes from (to key diagnostics by).
        Map<Decision, TrackedDecision> origin = new java.util.IdentityHashMap<>();
        pkg.get().decisions().forEach((file, list) -> {
            boolean own = whole || file.equals(doc.path());
            List<Decision> now = new ArrayList<>(own ? list.size() : 0);
            for (TrackedDecision t : list) {
                if (!own && t.decision().kind() != dev.optlens.analysis.decision.DecisionKind.INLINE_REFUSED) continue;
                Decision d = t.decision().withRange(t.range());
                now.add(d);
                origin.put(d, t);
            }
            decisions.put(file, now);
        });
        Map<Path, DocumentSnapshot> open = new HashMap<>();
        view.documentsIn(doc.dir()).forEach(d -> open.put(d.path(), d));
        GateScope scope = new GateScope(decisions, files(doc.dir(), pkg.get(), open.keySet()),
                f -> open.containsKey(f) ? Optional.of(open.get(f).source()) : fromDisk(f));

        List<AssertionResult> assertions = written.isEmpty() ? List.of() : new AssertionChecker(scope).check(doc.source(), written);
        String importPath = PackageResolver.importPathOf(doc.dir());
        Map<AssertionResult, GateFinding> failed = new java.util.IdentityHashMap<>();
        for (AssertionResult a : assertions) if (!a.holds()) failed.put(a, GateFindings.of(importPath, a, scope.sources()));
        if (baseline.isEmpty()) return new DocumentGate(assertions, Map.of(), List.of(), failed);

        Optional<List<BaselineDiff.Change>> changes = BaselineDiff.compare(baseline.get(), importPath, scope);
        if (changes.isEmpty()) return new DocumentGate(assertions, Map.of(), List.of(), failed);
        // A new decision of the comparison is one of the scope's: it leads back to the view's decision.
        Map<TrackedDecision, GateFinding> fresh = new java.util.IdentityHashMap<>();
        List<GateFinding> lost = new ArrayList<>();
        for (BaselineDiff.Change c : changes.get()) {
            if (!c.regression() || c.where().isEmpty()) continue;
            GateFinding f = GateFindings.of(c, GateCategory.DEFAULT_FAIL_ON);
            if (c.isNew()) c.decision().filter(d -> d.file().equals(doc.path())).map(origin::get).ifPresent(t -> fresh.put(t, f));
            else if (f.file().equals(doc.path())) lost.add(f);
        }
        return new DocumentGate(assertions, fresh, lost, failed);
    }

    /** The package's Go files: on disk, the open ones, those with decisions; left-out files not. */
    private static List<Path> files(Path dir, PackageView pkg, Set<Path> open) {
        List<Path> excluded = pkg.excluded().stream().map(x -> x.file()).toList();
        Set<Path> files = new java.util.LinkedHashSet<>(dev.optlens.analysis.gate.Gate.goFiles(dir, excluded));
        files.addAll(pkg.decisions().keySet());
        files.addAll(open);
        files.removeAll(excluded);
        return List.copyOf(files);
    }

    private Optional<GoSource> fromDisk(Path file) {
        return cached(disk, file, f -> {
            try {
                return Optional.of(GoSource.parse(Files.readAllBytes(f)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }, Optional.empty());
    }

    /** The module's baseline file, when the setting names one and it exists; a bad one is told once. */
    Optional<Baseline> baseline(Settings settings, Path dir) {
        String name = settings.baseline();
        if (name.isEmpty()) return Optional.empty();
        Optional<Path> root = dev.optlens.analysis.build.ModuleRoot.of(dir);
        if (root.isEmpty()) return Optional.empty();
        Path file = root.get().resolve(name);
        return cached(baselines, file, f -> {
            try (Reader in = Files.newBufferedReader(f)) {
                return Optional.of(Baseline.read(f, in));
            } catch (IOException e) {
                LOG.warning("the baseline is not used: " + dev.optlens.analysis.process.Reason.of(e));
                return Optional.empty();
            }
        }, Optional.empty());
    }

    /** A value read from a file, read again when the file's time or size changes. */
    private static <T> T cached(Map<Path, Cached<T>> cache, Path file, java.util.function.Function<Path, T> read, T missing) {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            cache.remove(file);
            return missing;
        }
        Cached<T> c = cache.get(file);
        if (c != null && c.modified().equals(modified) && c.size() == size) return c.value();
        T value = read.apply(file);
        cache.put(file, new Cached<>(modified, size, value));
        return value;
    }

    /** The assertions of a function: those on lines inside it. */
    static List<AssertionResult> within(List<AssertionResult> assertions, dev.optlens.analysis.syntax.GoFunction f) {
        List<AssertionResult> out = new ArrayList<>();
        for (AssertionResult a : assertions) {
            int line = a.assertion().line();
            if (line >= f.range().start().line() && line <= f.range().end().line()) out.add(a);
        }
        return out;
    }
}
