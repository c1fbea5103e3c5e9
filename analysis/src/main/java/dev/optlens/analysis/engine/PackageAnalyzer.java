package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.ExcludedFile;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.build.DirectCompile;
import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.build.PackageMetadata;
import dev.optlens.analysis.decision.AllocationSites;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.slice.SlicePlace;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.toolchain.GoRequirement;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The engine: compiles a package with the user's options and unsaved buffers along the first
 * {@link CompileRoute} that can, assembles the -m text with the -json log ({@link DecisionAssembler}),
 * and places every decision on the syntax it names ({@link Placer}).
 * The -m text is the source of truth for everything it prints (bounds checks included); at
 * {@link dev.optlens.analysis.build.Detail#FULL} the -json log adds the inline chain and the kinds
 * only it reports (nil checks, large copies).
 */
public final class PackageAnalyzer implements Analyzer {
    private final ToolchainLocator locator;
    private final Map<String, String> userEnv;
    private final SourceCache sources = new SourceCache();
    private final MetadataCache metadata = new MetadataCache();
    private final List<CompileRoute> routes;
    private final FunctionSlicer slicer;
    /** A run that checks packages once (describeFirst): their reports are kept and read back ({@link KeptReport}). */
    private final boolean keepsReports;
    private final AnalysesAhead ahead = new AnalysesAhead();

    public PackageAnalyzer(ToolchainLocator locator, Map<String, String> userEnv) {
        this(locator, userEnv, false);
    }

    /**
     * @param describeFirst describe a package without compiling it and compile it once, directly or as
     *                      {@code go test -c} does ({@link TestBinaryRoute}), rather than through go list:
     *                      for a run that compiles each package once (optlens check), where go list's
     *                      compile of the package besides its test variant would double the work
     */
    public PackageAnalyzer(ToolchainLocator locator, Map<String, String> userEnv, boolean describeFirst) {
        this.locator = locator;
        this.userEnv = Map.copyOf(userEnv);
        this.routes = describeFirst
                ? List.of(new DirectRoute(this.userEnv, metadata), new TestBinaryRoute(this.userEnv, metadata), new GoListRoute(this.userEnv, metadata))
                : List.of(new DirectRoute(this.userEnv, metadata), new GoListRoute(this.userEnv, metadata));
        this.slicer = new FunctionSlicer(this.userEnv, metadata);
        this.keepsReports = describeFirst;
    }

    public static PackageAnalyzer fromSystem() {
        return new PackageAnalyzer(ToolchainLocator.fromSystem(), System.getenv());
    }

    @Override
    public Map<String, String> environment() {
        return userEnv;
    }

    @Override
    public SourceCache sources() {
        return sources;
    }

    public GoToolchain toolchain(Optional<String> goPath) throws ToolchainException {
        return locator.locate(goPath);
    }

    /** The toolchain for a package directory: one its module's go line admits (see {@link ToolchainLocator}). */
    @Override
    public GoToolchain toolchain(Optional<String> goPath, Path dir) throws ToolchainException {
        return locator.locate(goPath, GoRequirement.of(dir, userEnv));
    }

    public PackageReport analyze(AnalysisRequest req, CancellationToken cancel) throws ToolchainException, IOException {
        return analyze(req, cancel, null);
    }

    /**
     * {@link #analyze(AnalysisRequest, CancellationToken)}, and when {@code early} is not null and
     * the package compiles directly, the decisions printed before the compile's backend began
     * (escapes, inlining, devirtualization: all but bounds, nil checks and copies), placed, while
     * the compile goes on. {@code early} is called on a thread of its own, and may be called after
     * this method returned: a caller applies it only while its compile is the newest.
     */
    @Override
    public PackageReport analyze(AnalysisRequest request, CancellationToken cancel,
                                 java.util.function.Consumer<List<Decision>> early) throws ToolchainException, IOException {
        Optional<PackageReport> started = ahead.take(request, cancel);
        return started.isPresent() ? started.get() : analyzeNow(request, cancel, early);
    }

    /**
     * Starts analysing {@code req} now, on a thread of its own, for the first {@link #analyze} of its
     * package: that one waits for it when it asks the same, and stops it otherwise (see {@link AnalysesAhead}).
     * A server uses it for the document a client opens while the server is still being built.
     */
    @Override
    public void analyzeAhead(AnalysisRequest req) {
        ahead.start(req, (r, cancel) -> analyzeNow(r, cancel, null));
    }

    /** Requests that found their analysis started ahead ({@link #analyzeAhead}). */
    public long takenAhead() {
        return ahead.taken();
    }

    private PackageReport analyzeNow(AnalysisRequest request, CancellationToken cancel,
                                     java.util.function.Consumer<List<Decision>> early) throws ToolchainException, IOException {
        // Only this package's buffers: another package's (say, one with text that cannot be encoded)
        // must not change or break this compile.
        AnalysisRequest req = request.ownOverlay();
        GoToolchain toolchain = toolchain(req.goPath(), req.dir());
        Path dir = req.dir();
        if (!Files.isDirectory(dir)) {
            return failed(req, toolchain, "not a directory: " + dir);
        }
        Set<Path> files = packageFiles(dir, req);
        if (files.isEmpty()) {
            return failed(req, toolchain, "no Go files in " + dir);
        }
        Optional<String> unreadable = unreadableName(files);
        if (unreadable.isPresent()) return failed(req, toolchain, unreadable.get());
        try {
            req.options().check();
        } catch (IllegalArgumentException e) {
            return failed(req, toolchain, e.getMessage());
        }
        cancel.check();
        // Read before the compile: a file changed while it runs is not in the key the report is kept under.
        Optional<String> contents = keepsReports ? KeptReport.contents(req, files) : Optional.empty();
        Optional<PackageReport> kept = contents.flatMap(c -> KeptReport.read(toolchain, userEnv, req, c));
        if (kept.isPresent()) return kept.get();
        PackageReport report = compiled(req, toolchain, files, cancel, early);
        contents.ifPresent(c -> KeptReport.keep(toolchain, userEnv, req, c, report));
        return report;
    }

    private PackageReport compiled(AnalysisRequest req, GoToolchain toolchain, Set<Path> files, CancellationToken cancel,
                                   java.util.function.Consumer<List<Decision>> early) throws IOException {
        Function<Path, Optional<GoSource>> src = f -> source(req, f);
        // The decisions printed before the backend are placed while it runs, on a core it leaves free: told
        // to the caller (early), and reused by the final placement, which then only places what the backend
        // and the -json log added (json: 5 ms after the compile instead of 24; on a machine with two cores
        // the compile beside it is slowed by about as much). A big package's placement would take both
        // cores from the compile, and is left for the end unless the caller asked early.
        CompletableFuture<Placer.Placed> placedEarly = new CompletableFuture<>();
        java.util.function.Consumer<List<String>> frontendDone = text -> ASIDE.execute(() -> {
            try {
                if (cancel.isCancelled()) return;
                List<CompilerMessage> front = DecisionAssembler.frontend(CompilerTextLog.parse(text, req.dir(), true, toolchain.goroot()), files);
                if (early == null && front.size() >= Placer.PLACE_IN_PARTS_FROM) return;
                List<Decision> placed = Placer.placeAll(req, front, src, AllocationSites.NONE);
                placedEarly.complete(Placer.Placed.of(placed));
                if (early != null && !cancel.isCancelled()) early.accept(placed);
            } finally {
                placedEarly.complete(Placer.Placed.NONE);
            }
        });
        // Parse the files while the compiler runs (it leaves a core free on most machines): a generated
        // 5 MB file takes tree-sitter 4 s, which placement and the package description need after it.
        CompletableFuture<Void> parsed = CompletableFuture.runAsync(() -> files.forEach(f -> source(req, f)), ASIDE);
        PackageBuild.Output out = CompileRoute.first(routes, new CompileRoute.Input(toolchain, req, files, cancel, frontendDone, src));
        parsed.join();
        cancel.check();
        // Not waited for: when the early placement has not finished, the final one places everything.
        PackageReport report = report(req, toolchain, files, out, placedEarly.getNow(Placer.Placed.NONE));
        if (report.compiled()) keepOrder(req, toolchain, files, out);
        if (!report.compiled() && req.options().tests() && onlyTestsBroken(report.errors())) {
            return withoutTests(toolchain, req, files, cancel).map(r -> r.withTestErrors(report.errors())).orElse(report);
        }
        // A description whose tests cannot be built compiles the package alone: their errors still hold.
        Optional<PackageMetadata> described = req.files().isEmpty() && out.direct() ? metadata.last(req.dir()) : Optional.empty();
        if (report.compiled() && req.options().tests() && described.isPresent() && !described.get().testErrors().isEmpty()) {
            return report.withTestErrors(described.get().testErrors());
        }
        return report;
    }

    /**
     * Whether every error is in a test file: the go command's own errors name the file
     * ({@code x_test.go:5:2: no required module provides package …}), and so do the compiler's.
     */
    private static boolean onlyTestsBroken(List<CompileError> errors) {
        return errors.stream().allMatch(e -> e.file().map(PackageReport::isTestFile).orElse(false)
                || e.file().isEmpty() && e.message().matches("(?s).*_test\\.go:\\d+.*"));
    }

    /**
     * The package compiled without its tests (they do not compile): directly from a cached description
     * when there is one, else described by go list without its tests. The description is not cached,
     * so the next compile tries the tests again.
     */
    private Optional<PackageReport> withoutTests(GoToolchain toolchain, AnalysisRequest req, Set<Path> files,
                                                 CancellationToken cancel) throws IOException {
        AnalysisRequest alone = new AnalysisRequest(req.dir(), req.options().withTests(false), req.overlay(), req.goPath(),
                req.files(), req.placeOnly());
        Set<Path> own = new TreeSet<>(files);
        own.removeIf(PackageReport::isTestFile);
        if (own.isEmpty()) return Optional.empty();
        Optional<PackageMetadata> cached = req.files().isEmpty() ? metadata.last(req.dir()).filter(m -> m.ineligible().isEmpty())
                : Optional.empty();
        PackageBuild.Output out = cached.isPresent()
                ? DirectCompile.run(toolchain, userEnv, cached.get(), alone.options(), alone.overlay(), own, cancel, null)
                : PackageBuild.runWithoutTests(toolchain, userEnv, req.dir(), alone.options(), alone.overlay(), own, req.files(), cancel);
        cancel.check();
        PackageReport r = report(alone, toolchain, own, out, Placer.Placed.NONE);
        if (!r.compiled()) return Optional.empty();
        // Kept as asked (with the tests, as the next compiles are) and with every file's references, the
        // broken test files' too: the fingerprint an edit's closure compares is made the same way.
        keepOrder(req, toolchain, files, out);
        return Optional.of(r);
    }

    /**
     * Keeps the order a successful compile weighed the package's functions in, for the closures of later edits:
     * worked out beside the report's delivery, not before it (the next edit's closure waits for it if it must).
     */
    private void keepOrder(AnalysisRequest req, GoToolchain toolchain, Set<Path> files, PackageBuild.Output out) {
        weighed.put(weighKey(req, toolchain), CompletableFuture.supplyAsync(
                () -> new WeighOrder(WeighOrder.names(out.text()), WeighOrder.fingerprint(files, f -> source(req, f))), ASIDE));
    }

    /**
     * Parses a package's files beside its compile, and places the decisions printed before the backend
     * (after the parse, which they need): off the thread reading the compiler's output.
     */
    private static final java.util.concurrent.ExecutorService ASIDE = java.util.concurrent.Executors.newSingleThreadExecutor(
            dev.optlens.analysis.process.DaemonThreads.named("optlens-parse"));

    /** The order each package's last compile weighed its functions in, per build (see {@link WeighOrder}). */
    private final Map<String, CompletableFuture<WeighOrder>> weighed = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<WeighOrder>> eldest) {
            return size() > 64;
        }
    });

    private static String weighKey(AnalysisRequest req, GoToolchain toolchain) {
        return req.dir() + "\0" + req.options().withDetail(dev.optlens.analysis.build.Detail.FULL) + "\0" + toolchain.describe();
    }

    /** Turns a build's output into the package report: messages assembled, placed. */
    private PackageReport report(AnalysisRequest req, GoToolchain toolchain, Set<Path> files, PackageBuild.Output out,
                                 Placer.Placed placed) {
        Path dir = req.dir();
        DecisionAssembler.Assembled a = DecisionAssembler.assemble(req, files, out, f -> source(req, f));
        List<Decision> decisions = Placer.placeAll(req, a.messages(), f -> source(req, f), out.sites(), placed);
        String importPath = out.importPath().isEmpty() ? PackageResolver.importPathOf(dir) : out.importPath();
        return new PackageReport(dir, importPath, toolchain.version().text(), toolchain.describe(), DecisionAssembler.errorsOf(out),
                decisions, a.unattached(), a.warnings(), out.process().millis(), out.direct(), req.options().detail(),
                excluded(req, toolchain, files), List.of(), out.sites().allocatingCalls());
    }

    /**
     * The decisions of one function from a compile of a slice of its package (see {@link FunctionSlicer}):
     * needs a package description from an earlier full analysis that still holds; empty when there is
     * none or the slice fails, and the caller relies on the full compile. This is how a summary-level
     * package gets full detail on demand.
     *
     * @param line1 a 1-based line inside the function
     */
    public Optional<FunctionSlice> analyzeFunction(AnalysisRequest req, Path file, int line1, CancellationToken cancel)
            throws ToolchainException, IOException {
        return analyzeFunction(req, file, line1, cancel, () -> { });
    }

    /**
     * {@link #analyzeFunction(AnalysisRequest, Path, int, CancellationToken)}, telling {@code compiled}
     * as soon as the slice's compile process has ended (or the slice gave up before it): the machine
     * is free for the next compile while the answer is still being read and placed.
     */
    @Override
    public Optional<FunctionSlice> analyzeFunction(AnalysisRequest asked, Path file, int line1, CancellationToken cancel,
                                                   Runnable compiled) throws ToolchainException, IOException {
        try {
            AnalysisRequest req = asked.ownOverlay();
            GoToolchain toolchain = toolchain(req.goPath(), req.dir());
            return slicer.slice(toolchain, req, packageFiles(req.dir(), req), file, line1, cancel, compiled, f -> source(req, f));
        } finally {
            compiled.run();
        }
    }

    /**
     * The package's decisions after an edit inside one function, from a compile of the edit's closure
     * (see {@link EditClosure}), given the last complete result of the package in the current text.
     */
    @Override
    public EditClosure.Result analyzeClosure(AnalysisRequest asked, Path file, int line1, List<Decision> base, boolean callersAtOnce,
                                             CancellationToken cancel, Runnable widening) throws ToolchainException, IOException {
        AnalysisRequest req = asked.ownOverlay();
        Optional<GoSource> src = source(req, file);
        Optional<dev.optlens.analysis.syntax.GoFunction> edited = src.flatMap(s -> s.functionAt(s.lines().lineStart(line1 - 1)));
        if (edited.isEmpty()) return new EditClosure.Result(Optional.empty(), Optional.of("no function at " + file.getFileName() + ":" + line1));
        Set<Path> files = packageFiles(req.dir(), req);
        // The files whose method values can join the closure: those of this build (as the package was
        // last listed), the test files only when the tests compile.
        Set<Path> compiled = new TreeSet<>(files);
        if (!req.options().tests()) compiled.removeIf(PackageReport::isTestFile);
        metadata.last(req.dir()).ifPresent(m -> compiled.removeIf(f -> !m.goFiles().contains(f.getFileName().toString())
                && !m.testGoFiles().contains(f.getFileName().toString())));
        EditClosure.Plan plan = EditClosure.withMethodTakers(EditClosure.plan(base, file, edited.get(), f -> source(req, f)),
                file, edited.get(), compiled, f -> source(req, f));
        if (plan.refused().isPresent()) return new EditClosure.Result(Optional.empty(), plan.refused());
        Optional<String> renumbered = EditClosure.renumbered(base, compiled, file, f -> source(req, f));
        if (renumbered.isPresent()) return new EditClosure.Result(Optional.empty(), renumbered);
        GoToolchain toolchain = toolchain(req.goPath(), req.dir());
        // The package compile's order holds while the functions refer to each other as they did then.
        Optional<List<String>> order = Optional.ofNullable(weighed.get(weighKey(req, toolchain)))
                .map(w -> w.exceptionally(e -> null).join())
                .filter(w -> w.fingerprint().equals(WeighOrder.fingerprint(files, f -> source(req, f)))).map(WeighOrder::names);
        if (callersAtOnce) return withCallers(toolchain, req, files, file, line1, plan.inliners(), order, compiled, base, cancel);
        Sliced first = sliceWithTakers(toolchain, req, files, file, line1, plan.inliners(), false, order, compiled, cancel);
        Optional<FunctionSlice> slice = first.made().slice();
        if (slice.isEmpty()) return new EditClosure.Result(slice, Optional.of("no slice could be made: " + first.made().why()));
        Optional<String> shape = first.shapeRefused(base, order);
        if (shape.isPresent()) return new EditClosure.Result(slice, shape);
        Optional<String> refused = EditClosure.changedFacts(base, slice.get(), false);
        if (refused.isEmpty()) return new EditClosure.Result(Optional.of(EditClosure.inBaseOrder(base, slice.get())), refused);
        Optional<String> external = EditClosure.externalTests(base, f -> source(req, f));
        if (external.isPresent()) return new EditClosure.Result(slice, Optional.of(refused.get() + "; " + external.get()));
        // What the rest of the package reads of a target changed: its callers read it again, in a second slice.
        cancel.check();
        widening.run();
        Sliced second = dev.optlens.analysis.process.GoProcess.yielding(true, () -> sliceWithTakers(toolchain, req, files,
                file, line1, first.places(), true, order, compiled, cancel));
        Optional<FunctionSlice> wider = second.made().slice();
        if (wider.isEmpty()) {
            return new EditClosure.Result(slice, Optional.of(refused.get() + "; its callers could not be sliced: " + second.made().why()));
        }
        Optional<String> widerRefused = second.shapeRefused(base, order)
                .or(() -> EditClosure.changedFacts(base, wider.get(), true))
                .map(why -> refused.get() + "; with its callers: " + why);
        return new EditClosure.Result(widerRefused.isEmpty() ? Optional.of(EditClosure.inBaseOrder(base, wider.get())) : wider, widerRefused,
                true);
    }

    /**
     * The closure as one compile of the edit's targets and every function that names one: what the
     * second compile of {@link #analyzeClosure} answers, without the first. It stands on the same
     * checks; where the targets' facts changed, also on no external test reading them.
     */
    private EditClosure.Result withCallers(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, Path file, int line1,
                                           List<SlicePlace> places, Optional<List<String>> order, Set<Path> compiled,
                                           List<Decision> base, CancellationToken cancel) throws IOException {
        Sliced wide = sliceWithTakers(toolchain, req, files, file, line1, places, true, order, compiled, cancel);
        Optional<FunctionSlice> slice = wide.made().slice();
        if (slice.isEmpty()) return new EditClosure.Result(slice, Optional.of("no slice with its callers could be made: " + wide.made().why()));
        Optional<String> targets = EditClosure.targetsChanged(base, slice.get());
        Optional<String> refused = wide.shapeRefused(base, order)
                .or(() -> targets.flatMap(changed -> EditClosure.externalTests(base, f -> source(req, f)).map(why -> changed + "; " + why)))
                .or(() -> EditClosure.changedFacts(base, slice.get(), true).map(why -> targets.map(t -> t + "; ").orElse("")
                        + "with its callers: " + why));
        return new EditClosure.Result(refused.isEmpty() ? Optional.of(EditClosure.inBaseOrder(base, slice.get())) : slice, refused,
                targets.isPresent());
    }

    /**
     * A slice of an edit's closure, the places it was asked with, and why it cannot stand when a member
     * method is still taken as a value in a function that is not a member.
     */
    private record Sliced(FunctionSlicer.Made made, List<SlicePlace> places, Optional<String> takersWhy) {
        /**
         * Why the slice (made) cannot stand for the package whatever the facts: a cycle weighed in another
         * order, a member method still taken as a value outside it, local types or go1.27's closure hashes
         * numbered anew.
         */
        Optional<String> shapeRefused(List<Decision> base, Optional<List<String>> order) {
            FunctionSlice slice = made.slice().orElseThrow();
            return EditClosure.orderDecides(slice, order).or(this::takersWhy)
                    .or(() -> EditClosure.localTypeNumbers(base, slice))
                    .or(() -> EditClosure.inliningPlaces(base, slice, order.isPresent()));
        }

    }

    /**
     * The closure's slice with {@code places}; when a function outside the slice takes a member method
     * as a value (its wrapper's flows join the method's explanations: a method the slicer added, a
     * function of a cycle or a caller), sliced again with those functions among the places: at most
     * twice, and within the takers' bound.
     */
    private Sliced sliceWithTakers(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, Path file, int line1,
                                   List<SlicePlace> places, boolean callers, Optional<List<String>> order, Set<Path> compiled,
                                   CancellationToken cancel) throws IOException {
        List<SlicePlace> with = new ArrayList<>(places);
        for (int round = 0; ; round++) {
            FunctionSlicer.Made made = slicer.slice(toolchain, req, files, file, line1, Optional.of(List.copyOf(with)), callers, order,
                    cancel, () -> { }, f -> source(req, f));
            if (made.slice().isEmpty()) return new Sliced(made, with, Optional.empty());
            // The slicer's takers go by the type information; by the names alone when it could not tell.
            EditClosure.Takers takers = made.takers().map(t -> EditClosure.takersOutside(made.slice().get(), t))
                    .orElseGet(() -> EditClosure.methodValues(made.slice().get(), compiled, f -> source(req, f)));
            if (takers.why().isEmpty() || round == 2 || with.size() + takers.places().size() > places.size() + EditClosure.MAX_METHOD_TAKERS) {
                return new Sliced(made, with, takers.why());
            }
            cancel.check();
            with.addAll(takers.places());
        }
    }

    private PackageReport failed(AnalysisRequest req, GoToolchain t, String message) {
        return new PackageReport(req.dir(), PackageResolver.importPathOf(req.dir()), t.version().text(), t.describe(),
                List.of(CompileError.unplaced(message)), List.of(), List.of(), List.of(), 0, false, req.options().detail(), List.of());
    }

    /**
     * The package's files the go command left out for this target (build constraints), as it listed the
     * package; empty when it could not list it (the compile error says why) or for loose files.
     */
    private List<ExcludedFile> excluded(AnalysisRequest req, GoToolchain toolchain, Set<Path> files) {
        Optional<PackageMetadata> described = req.files().isEmpty() ? metadata.last(req.dir()) : Optional.empty();
        if (described.isEmpty()) return List.of();
        Set<String> listed = new java.util.HashSet<>(described.get().goFiles());
        listed.addAll(described.get().testGoFiles());
        listed.addAll(described.get().xtestGoFiles());
        String goos = req.options().goos().orElse(toolchain.goos());
        String goarch = req.options().goarch().orElse(toolchain.goarch());
        List<ExcludedFile> out = new ArrayList<>();
        for (Path f : files) {
            if (listed.contains(f.getFileName().toString())) continue;
            source(req, f).ifPresent(src -> out.add(ExcludedFile.of(f, src.text(), goos, goarch)));
        }
        return List.copyOf(out);
    }

    /**
     * Why the compiler's output for these files could not be read, if it could not: the compiler prints
     * a file's name as it is, one message a line, so a name holding a line break (Go accepts one) or
     * another control character would split or disguise its messages. Such a package fails, naming
     * the file, rather than being analysed into "nothing found".
     */
    static Optional<String> unreadableName(Set<Path> files) {
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return Optional.of(dev.optlens.analysis.process.Reason.printable(name) + ": this file's name holds a line break or another control character, so the"
                        + " compiler's messages about it cannot be read back; rename the file to analyse the package");
            }
        }
        return Optional.empty();
    }

    /** The .go files of the package directory: on disk, plus unsaved new files from the overlay. */
    static Set<Path> packageFiles(Path dir, AnalysisRequest req) throws IOException {
        if (!req.files().isEmpty()) return new TreeSet<>(req.files());
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".go") && Files.isRegularFile(p)).forEach(p -> files.add(p.normalize()));
        }
        for (Path p : req.overlay().contents().keySet()) {
            if (dir.equals(p.getParent()) && p.toString().endsWith(".go")) files.add(p);
        }
        return files;
    }

    private Optional<GoSource> source(AnalysisRequest req, Path file) {
        return sources.get(file, Optional.ofNullable(req.overlay().contents().get(file)));
    }
}
