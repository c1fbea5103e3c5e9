package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.DirectCompile;
import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.build.PackageMetadata;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.slice.SliceEdits;
import dev.optlens.analysis.slice.SlicerProcess;
import dev.optlens.analysis.decision.Classifier;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.LogoptJson;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.Placement;
import dev.optlens.analysis.syntax.TextRange;
import dev.optlens.analysis.toolchain.GoRequirement;
import dev.optlens.analysis.toolchain.GoToolchain;
import dev.optlens.analysis.toolchain.ToolchainException;
import dev.optlens.analysis.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The engine: compiles a package with the user's options and unsaved buffers, merges the -m
 * text with the -json log, and places every decision on the syntax it names.
 * The -m text is the source of truth for everything it prints (bounds checks included); at
 * {@link dev.optlens.analysis.build.Detail#FULL} the -json log adds the inline chain and the kinds
 * only it reports (nil checks, large copies).
 */
public final class PackageAnalyzer implements Analyzer {
    private final ToolchainLocator locator;
    private final Map<String, String> userEnv;
    private final SourceCache sources = new SourceCache();
    private final Map<Path, CachedMetadata> metadata = new java.util.concurrent.ConcurrentHashMap<>();
    private SlicerProcess slicer;

    /** Metadata from a go list run and the fingerprint of what it depended on. */
    private record CachedMetadata(PackageMetadata meta, String fingerprint) {
    }

    public PackageAnalyzer(ToolchainLocator locator, Map<String, String> userEnv) {
        this(locator, userEnv, false);
    }

    /**
     * @param describeFirst describe a package without compiling it ({@link PackageBuild#load}) and compile
     *                      it once, directly or as {@code go test -c} does ({@link PackageBuild#runTests}),
     *                      rather than through go list: for a run that compiles each package once
     *                      (optlens check), where go list's compile of the package besides its test
     *                      variant would double the work
     */
    public PackageAnalyzer(ToolchainLocator locator, Map<String, String> userEnv, boolean describeFirst) {
        this.locator = locator;
        this.userEnv = Map.copyOf(userEnv);
        this.describeFirst = describeFirst;
    }

    private final boolean describeFirst;

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
        java.util.function.Consumer<List<String>> frontendDone = early == null ? null : text -> EARLY.execute(() -> {
            if (!cancel.isCancelled()) early.accept(frontendDecisions(req, toolchain, files, text));
        });
        // Parse the files while the compiler runs (it leaves a core free on most machines): a generated
        // 5 MB file takes tree-sitter 4 s, which placement and the package description need after it.
        CompletableFuture<Void> parsed = CompletableFuture.runAsync(() -> files.forEach(f -> source(req, f)), PARSE);
        PackageBuild.Output out = build(toolchain, req, files, cancel, frontendDone);
        parsed.join();
        cancel.check();
        PackageReport report = report(req, toolchain, files, out, m -> true);
        if (!report.compiled() && req.options().tests() && onlyTestsBroken(report.errors())) {
            return withoutTests(toolchain, req, files, cancel).map(r -> r.withTestErrors(report.errors())).orElse(report);
        }
        // A description whose tests cannot be built compiles the package alone: their errors still hold.
        CachedMetadata described = req.files().isEmpty() && out.direct() ? metadata.get(req.dir()) : null;
        if (report.compiled() && req.options().tests() && described != null && !described.meta().testErrors().isEmpty()) {
            return report.withTestErrors(described.meta().testErrors());
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
        CachedMetadata cached = req.files().isEmpty() ? metadata.get(req.dir()) : null;
        PackageBuild.Output out = cached != null && cached.meta().ineligible().isEmpty()
                ? DirectCompile.run(toolchain, userEnv, cached.meta(), alone.options(), alone.overlay(), own, cancel, null)
                : PackageBuild.runWithoutTests(toolchain, userEnv, req.dir(), alone.options(), alone.overlay(), own, req.files(), cancel);
        cancel.check();
        PackageReport r = report(alone, toolchain, own, out, m -> true);
        return r.compiled() ? Optional.of(r) : Optional.empty();
    }

    /** Parses a package's files beside its compile. */
    private static final java.util.concurrent.ExecutorService PARSE = java.util.concurrent.Executors.newSingleThreadExecutor(dev.optlens.analysis.process.DaemonThreads.named("optlens-parse"));

    /** Early decisions are placed here, off the thread reading the compiler's output. */
    private static final java.util.concurrent.ExecutorService EARLY = java.util.concurrent.Executors.newSingleThreadExecutor(dev.optlens.analysis.process.DaemonThreads.named("optlens-early-decisions"));

    /** The decisions of the -m text printed so far (before the backend), placed. */
    private List<Decision> frontendDecisions(AnalysisRequest req, GoToolchain toolchain, Set<Path> files, List<String> text) {
        Map<String, CompilerMessage> messages = new LinkedHashMap<>();
        collectMessages(CompilerTextLog.parse(text, req.dir(), true, toolchain.goroot()), files, messages, new ArrayList<>());
        return placeAll(req, messages.values());
    }

    /** Turns a build's output into the package report: messages collected, merged with the JSON log, placed. */
    private PackageReport report(AnalysisRequest req, GoToolchain toolchain, Set<Path> files, PackageBuild.Output out,
                                 java.util.function.Predicate<CompilerMessage> wanted) {
        Path dir = req.dir();
        List<String> warnings = new ArrayList<>();
        for (Path p : req.overlay().notUnicode()) {
            warnings.add(dir.relativize(p) + ": the unsaved text holds a lone UTF-16 surrogate, which has no UTF-8 form;"
                    + " the compiler got U+FFFD in its place");
        }
        for (Path lost : out.json().lostFiles()) {
            warnings.add("nil-check and copy decisions and inline chains are unavailable for " + dir.relativize(lost)
                    + ": the compiler's -json log names files by base name and another file's log overwrote it;"
                    + " all other decisions come from the -m text");
        }
        Map<String, CompilerMessage> messages = new LinkedHashMap<>();
        List<CompilerMessage> unattached = new ArrayList<>();
        collectMessages(out.text(), files, messages, unattached);
        mapLineDirectives(req, files, messages, unattached, warnings);
        addJson(out.json(), files, messages);
        messages.values().removeIf(wanted.negate());
        List<Decision> decisions = placeAll(req, messages.values());
        String importPath = out.importPath().isEmpty() ? PackageResolver.importPathOf(dir) : out.importPath();
        return new PackageReport(dir, importPath, toolchain.version().text(), toolchain.describe(), errorsOf(out), decisions,
                List.copyOf(unattached), List.copyOf(warnings), out.process().millis(), out.direct(), req.options().detail(),
                excluded(req, toolchain, files));
    }

    /**
     * The decisions of one function from a compile of a slice of its package: the function, what it
     * needs, every other body blanked (positions kept). Needs a package description from an earlier
     * full analysis that still holds; empty when there is none or the slice fails, and the caller
     * relies on the full compile. Always at full detail (explanations, inline chains, nil checks,
     * copies), whatever the request's: this is how a summary-level package gets them on demand.
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
    public Optional<FunctionSlice> analyzeFunction(AnalysisRequest req, Path file, int line1, CancellationToken cancel,
                                                   Runnable compiled) throws ToolchainException, IOException {
        try {
            return slice(req, file, line1, cancel, compiled);
        } finally {
            compiled.run();
        }
    }

    private Optional<FunctionSlice> slice(AnalysisRequest asked, Path file, int line1, CancellationToken cancel,
                                          Runnable compiled) throws ToolchainException, IOException {
        AnalysisRequest req = asked.ownOverlay();
        BuildOptions options = req.options().withDetail(Detail.FULL);
        GoToolchain toolchain = toolchain(req.goPath(), req.dir());
        try {
            options.check();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the package compile says why
        }
        Path dir = req.dir();
        CachedMetadata cached = metadata.get(dir);
        Set<Path> files = packageFiles(dir, req);
        if (cached == null || cached.meta().ineligible().isPresent()
                || !cached.fingerprint().equals(fingerprint(toolchain, req, files, cached.meta()))) {
            return Optional.empty();
        }
        // A slice leaves the test files out unless the package compile includes them or the target is one.
        boolean withTests = (req.options().tests() || PackageReport.isTestFile(file)) && cached.meta().testErrors().isEmpty();
        PackageMetadata meta = cached.meta().withoutTests(withTests);
        com.google.gson.JsonObject request = new com.google.gson.JsonObject();
        Map<String, String> contents = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(meta.goFiles());
        names.addAll(meta.testGoFiles());
        if (!names.contains(file.getFileName().toString())) return Optional.empty(); // an external test file
        for (String n : names) {
            Optional<GoSource> src = source(req, dir.resolve(n));
            if (src.isEmpty()) return Optional.empty();
            contents.put(n, src.get().text());
        }
        com.google.gson.JsonObject cfg = new com.google.gson.JsonObject();
        meta.exports().forEach((k, v) -> cfg.addProperty(k, v.toString()));
        // The slicer's importer is asked for import paths as the source spells them.
        meta.importMap().forEach((k, v) -> {
            if (meta.exports().containsKey(v)) cfg.addProperty(k, meta.exports().get(v).toString());
        });
        request.add("importcfg", cfg);
        request.addProperty("importPath", meta.importPath());
        request.addProperty("goVersion", meta.goVersion().orElse(""));
        request.addProperty("file", file.getFileName().toString());
        request.addProperty("line", line1);
        long t0 = System.nanoTime();
        com.google.gson.JsonObject answer = slicer(toolchain).slice(request, meta.importPath(), contents);
        long sliceMillis = (System.nanoTime() - t0) / 1_000_000;
        if (!answer.has("ok") || !answer.get("ok").getAsBoolean()) return Optional.empty();
        cancel.check();
        Map<Path, String> sliced = new HashMap<>(req.overlay().contents());
        Map<String, byte[]> edited = SliceEdits.apply(contents, answer);
        edited.forEach((name, bytes) -> sliced.put(dir.resolve(name), new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        PackageMetadata sliceMeta = meta;
        if (answer.has("extraName")) {
            String extra = answer.get("extraName").getAsString();
            if (names.contains(extra)) return Optional.empty(); // never shadow a file of the package
            sliced.put(dir.resolve(extra), answer.get("extraText").getAsString());
            sliceMeta = meta.withExtraFile(extra);
        }
        // Only the target's file's -json log is read, and only the target's decisions are placed.
        PackageBuild.Output out = DirectCompile.run(toolchain, userEnv, sliceMeta, options.withTests(true), new Overlay(sliced),
                Set.of(file), cancel);
        compiled.run();
        if (!out.process().succeeded()) return Optional.empty();
        int start = answer.get("start").getAsInt();
        int end = answer.get("end").getAsInt();
        AnalysisRequest placeHere = new AnalysisRequest(dir, options, req.overlay(), req.goPath(), req.files(),
                Optional.of(Set.of(file)));
        List<Decision> decisions = report(placeHere, toolchain, files, out, m -> m.file().equals(Optional.of(file))
                && start <= m.line() && m.line() <= end).decisions();
        List<String> kept = new ArrayList<>();
        answer.getAsJsonArray("kept").forEach(k -> kept.add(k.getAsString()));
        return Optional.of(new FunctionSlice(file, answer.get("target").getAsString(), start, end, decisions, kept,
                sliceMillis, out.process().millis()));
    }

    private SlicerProcess slicer(GoToolchain toolchain) throws IOException {
        synchronized (this) {
            if (slicer == null || !slicer.isAlive()) slicer = SlicerProcess.start(toolchain, userEnv);
            return slicer;
        }
    }

    /**
     * Takes the text log's messages for the package's files (others, such as {@code <autogenerated>},
     * go to {@code unattached}). When the package has in-package tests, its test variant compiles every
     * file; the plain compile of the same files is skipped so results never depend on which finished first.
     */
    private static void collectMessages(CompilerTextLog.Parsed text, Set<Path> files, Map<String, CompilerMessage> messages,
                                        List<CompilerMessage> unattached) {
        Set<String> testVariants = new java.util.HashSet<>();
        for (CompilerTextLog.Section s : text.sections()) {
            if (s.variant().equals(s.importPath() + ".test")) testVariants.add(s.importPath());
        }
        for (CompilerTextLog.Section s : text.sections()) {
            if (s.variant().isEmpty() && s.importPath().endsWith(".test")) continue; // the generated test main
            if (s.variant().isEmpty() && testVariants.contains(s.importPath())) continue;
            for (CompilerMessage m : s.messages()) {
                if (!m.isAutogenerated() && files.contains(m.file().get())) {
                    messages.putIfAbsent(key(m.file().get(), m.line(), m.column(), m.message()), m);
                } else {
                    unattached.add(m);
                }
            }
        }
    }

    /**
     * Decisions the compiler reports in files named by {@code //line} directives are put back where
     * that code is in the package's files (once, with a warning naming the files), instead of being
     * left out.
     */
    private void mapLineDirectives(AnalysisRequest req, Set<Path> files, Map<String, CompilerMessage> messages,
                                   List<CompilerMessage> unattached, List<String> warnings) {
        if (unattached.stream().noneMatch(m -> !m.isAutogenerated())) return;
        Map<Path, String> texts = new HashMap<>();
        for (Path f : files) source(req, f).ifPresent(s -> texts.put(f, s.text()));
        LineDirectives directives = LineDirectives.of(texts);
        if (directives.isEmpty()) return;
        Set<String> targets = new TreeSet<>();
        for (java.util.Iterator<CompilerMessage> it = unattached.iterator(); it.hasNext(); ) {
            CompilerMessage m = it.next();
            Optional<CompilerMessage> mapped = directives.mapBack(m);
            if (mapped.isEmpty()) continue;
            it.remove();
            CompilerMessage at = mapped.get();
            messages.putIfAbsent(key(at.file().get(), at.line(), at.column(), at.message()), at);
            targets.add(m.file().get().getFileName() + " → " + at.file().get().getFileName());
        }
        if (!targets.isEmpty()) {
            warnings.add("some decisions are reported by the compiler in files that //line directives name ("
                    + String.join(", ", targets) + "); they are shown where that code is");
        }
    }

    /** Every message as a decision on its syntax (or at its point, outside {@code placeOnly}), in source order. */
    private List<Decision> placeAll(AnalysisRequest req, java.util.Collection<CompilerMessage> messages) {
        Map<Path, Optional<GoSource>> parsed = new HashMap<>();
        Map<Path, Optional<LineIndex>> unplaced = new HashMap<>();
        for (CompilerMessage m : messages) {
            Path f = m.file().orElseThrow();
            if (req.placeOnly().isPresent() && !req.placeOnly().get().contains(f)) unplaced.computeIfAbsent(f, p -> lines(req, p));
            else parsed.computeIfAbsent(f, p -> source(req, p));
        }
        List<CompilerMessage> all = new ArrayList<>(messages);
        // Placement walks the tree for every decision (a generated 5 MB file: 328k decisions, 10 s on one
        // core): a big package is placed in parts on the free cores, each part with its own tree copies
        // (a tree-sitter tree is not safe to walk from two threads).
        int parts = all.size() < PLACE_IN_PARTS_FROM ? 1 : PLACE_THREADS;
        boolean single = parts == 1; // placed on this thread, on the trees as parsed
        List<CompletableFuture<List<Decision>>> work = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            List<CompilerMessage> part = all.subList(all.size() * i / parts, all.size() * (i + 1) / parts);
            work.add(CompletableFuture.supplyAsync(() -> {
                Map<Path, Optional<GoSource>> own = new HashMap<>();
                List<Decision> out = new ArrayList<>(part.size());
                for (CompilerMessage m : part) {
                    Path f = m.file().orElseThrow();
                    Optional<LineIndex> atPoint = unplaced.get(f);
                    if (atPoint != null) out.add(atPoint(m, atPoint));
                    else out.add(place(m, own.computeIfAbsent(f, p -> single ? parsed.get(p) : parsed.get(p).map(GoSource::withOwnTree))));
                }
                return out;
            }, single ? Runnable::run : PLACE));
        }
        List<Decision> decisions = new ArrayList<>(all.size());
        for (CompletableFuture<List<Decision>> w : work) decisions.addAll(w.join());
        decisions.sort(Comparator.comparing((Decision d) -> d.file().toString()).thenComparingInt(Decision::line)
                .thenComparingInt(Decision::column).thenComparing(d -> d.kind().ordinal()).thenComparing(Decision::message));
        return List.copyOf(decisions);
    }

    private static final int PLACE_IN_PARTS_FROM = 5_000;
    private static final int PLACE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final java.util.concurrent.ExecutorService PLACE = java.util.concurrent.Executors.newFixedThreadPool(PLACE_THREADS, dev.optlens.analysis.process.DaemonThreads.named("optlens-place"));

    /** The build's errors, once each (the plain and the test-variant compile report the same error twice). */
    private static List<CompileError> errorsOf(PackageBuild.Output out) {
        List<CompileError> errors = new ArrayList<>(new java.util.LinkedHashSet<>(out.text().allErrors()));
        if (!out.process().succeeded() && errors.isEmpty()) {
            errors.add(CompileError.unplaced("go list failed (exit " + out.process().exitCode() + "): "
                    + out.process().stderr().strip()));
        }
        return List.copyOf(errors);
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
        CachedMetadata cached = req.files().isEmpty() ? metadata.get(req.dir()) : null;
        if (cached == null) return List.of();
        Set<String> listed = new java.util.HashSet<>(cached.meta().goFiles());
        listed.addAll(cached.meta().testGoFiles());
        listed.addAll(cached.meta().xtestGoFiles());
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

    private static String key(Path file, int line, int col, String message) {
        return file + ":" + line + ":" + col + ":" + message;
    }

    /** Adds the inline chain to text decisions, and the decisions only the JSON log has. */
    private static void addJson(LogoptJson.Log log, Set<Path> files, Map<String, CompilerMessage> messages) {
        Map<String, List<LogoptJson.Entry>> byPosition = new HashMap<>();
        for (LogoptJson.Entry e : log.entries()) {
            if (!files.contains(e.file()) || log.lostFiles().contains(e.file())) continue;
            byPosition.computeIfAbsent(e.file() + ":" + e.line() + ":" + e.column(), k -> new ArrayList<>()).add(e);
            // A record whose code alone says nothing (an empty message for a kind we do not know) is not a decision.
            LogoptJson.jsonOnlyKind(e.code()).filter(kind -> kind != DecisionKind.OTHER || !e.message().isEmpty()).ifPresent(kind -> {
                String message = LogoptJson.messageOf(e);
                messages.putIfAbsent(key(e.file(), e.line(), e.column(), message), new CompilerMessage(
                        Optional.of(e.file()), e.line(), e.column(), kind, message, List.of(), e.inlineLocs()));
            });
        }
        messages.replaceAll((k, m) -> {
            if (!m.inlinedFrom().isEmpty()) return m;
            List<LogoptJson.Entry> at = byPosition.getOrDefault(m.file().get() + ":" + m.line() + ":" + m.column(), List.of());
            // Only a record that logs the same message is the same decision; others at this point are not.
            return at.stream().filter(e -> !e.inlineLocs().isEmpty() && LogoptJson.textMessageOf(e).equals(m.message())).findFirst()
                    .map(e -> withInline(m, e)).orElse(m);
        });
    }

    private static CompilerMessage withInline(CompilerMessage m, LogoptJson.Entry e) {
        return new CompilerMessage(m.file(), m.line(), m.column(), m.kind(), m.message(), m.explanation(), e.inlineLocs());
    }

    private Optional<GoSource> source(AnalysisRequest req, Path file) {
        return sources.get(file, Optional.ofNullable(req.overlay().contents().get(file)));
    }

    /**
     * Compiles directly with the compile tool when an earlier go list run described this package and
     * nothing it depended on changed (files, imports, build constraints, go.mod, the user's own
     * dependency packages); otherwise through go list, which also refreshes that description.
     */
    private PackageBuild.Output build(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, CancellationToken cancel,
                                      java.util.function.Consumer<List<String>> frontendDone) throws IOException {
        Path dir = req.dir();
        if (req.files().isEmpty()) {
            CachedMetadata cached = metadata.get(dir);
            if (cached != null && cached.meta().ineligible().isEmpty()
                    && cached.fingerprint().equals(fingerprint(toolchain, req, files, cached.meta()))) {
                return DirectCompile.run(toolchain, userEnv, cached.meta(), req.options(), req.overlay(), files, cancel,
                        frontendDone);
            }
            if (describeFirst) {
                Optional<PackageBuild.Output> once = compileOnce(toolchain, req, files, cancel, frontendDone);
                if (once.isPresent()) return once.get();
            }
        }
        PackageBuild.Output out = PackageBuild.run(toolchain, userEnv, dir, req.options(), req.overlay(), files,
                req.files(), cancel);
        if (req.files().isEmpty()) {
            Optional<PackageMetadata> meta = PackageMetadata.from(out.listed(), dir);
            if (meta.isPresent()) metadata.put(dir, new CachedMetadata(meta.get(), fingerprint(toolchain, req, files, meta.get())));
            else metadata.remove(dir);
        }
        return out;
    }

    /**
     * Compiles the package once, as a test binary needs it (its test variant), for a run that needs no
     * package description afterwards: directly when its dependencies' export data is at hand, else
     * through {@code go test -c} when it has test files. Empty when go list cannot describe it cleanly
     * (the go list compile reports why) or it has no tests (that compile is single then too).
     */
    private Optional<PackageBuild.Output> compileOnce(GoToolchain toolchain, AnalysisRequest req, Set<Path> files,
                                                      CancellationToken cancel,
                                                      java.util.function.Consumer<List<String>> frontendDone) throws IOException {
        Path dir = req.dir();
        Optional<List<com.google.gson.JsonObject>> listed = PackageBuild.load(toolchain, userEnv, dir, req.options(), req.overlay(), cancel);
        if (listed.isEmpty()) return Optional.empty();
        Optional<PackageMetadata> direct = PackageBuild.withExports(toolchain, userEnv, dir, req.options(), req.overlay(), listed.get(), cancel)
                .flatMap(l -> PackageMetadata.from(l, dir)).filter(m -> m.ineligible().isEmpty());
        if (direct.isPresent()) {
            metadata.put(dir, new CachedMetadata(direct.get(), fingerprint(toolchain, req, files, direct.get())));
            return Optional.of(DirectCompile.run(toolchain, userEnv, direct.get(), req.options(), req.overlay(), files, cancel,
                    frontendDone));
        }
        boolean tests = listed.get().stream().anyMatch(o -> o.has("ForTest"));
        if (!tests || !req.options().tests()) return Optional.empty();
        return Optional.of(PackageBuild.runTests(toolchain, userEnv, dir, req.options(), req.overlay(), files, listed.get(), cancel));
    }

    /** Everything a package description depends on, as one string: equal strings, same description. */
    private String fingerprint(GoToolchain toolchain, AnalysisRequest req, Set<Path> files, PackageMetadata meta) {
        StringBuilder b = new StringBuilder();
        b.append(toolchain.go()).append('|').append(req.options().goos()).append(req.options().goarch())
                .append(req.options().tags()).append('\n');
        for (Path f : files) {
            Optional<GoSource> src = source(req, f);
            b.append(f.getFileName()).append(':').append(src.map(s -> s.packageName().orElse("") + " "
                    + buildConstraints(s.text()) + " " + s.imports()).orElse("?")).append('\n');
        }
        List<Path> watched = new ArrayList<>(meta.moduleFiles());
        watched.addAll(meta.mainModuleDeps());
        for (Path w : watched) {
            String unsaved = req.overlay().contents().get(w);
            b.append(w).append('=');
            if (unsaved != null) {
                b.append("overlay:").append(unsaved.hashCode()).append('/').append(unsaved.length());
            } else {
                try {
                    b.append(Files.size(w)).append('@').append(Files.getLastModifiedTime(w).toMillis());
                } catch (IOException e) {
                    b.append("missing");
                }
            }
            b.append('\n');
        }
        meta.exports().values().forEach(e -> b.append(Files.exists(e) ? "" : "gone:" + e));
        return b.toString();
    }

    /** The //go:build and // +build lines before the package clause. */
    private static String buildConstraints(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.lines().limit(200).toList()) {
            String t = line.trim();
            if (t.startsWith("package ")) break;
            if (t.startsWith("//go:build") || t.startsWith("// +build")) b.append(t).append(';');
        }
        return b.toString();
    }

    /** A decision left at the compiler's point: zero-width, no function name (see AnalysisRequest#placeOnly). */
    private static Decision atPoint(CompilerMessage m, Optional<LineIndex> lines) {
        TextPosition p = lines.map(l -> l.positionOf(l.offsetOfCompilerPosition(m.line(), m.column())))
                .orElse(new TextPosition(Math.max(0, m.line() - 1), Math.max(0, m.column() - 1)));
        return new Decision(m.file().orElseThrow(), m.line(), m.column(), new TextRange(p, p), m.kind(), m.message(), "",
                m.explanation(), m.inlinedFrom());
    }

    private static Optional<LineIndex> lines(AnalysisRequest req, Path file) {
        String unsaved = req.overlay().contents().get(file);
        if (unsaved != null) return Optional.of(LineIndex.of(unsaved));
        try {
            return Optional.of(new LineIndex(Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Decision place(CompilerMessage m, Optional<GoSource> src) {
        Path file = m.file().orElseThrow();
        String subject = Classifier.classify(m.message()).subject();
        TextRange range;
        String function = "";
        if (src.isPresent()) {
            range = Placement.place(src.get(), m.line(), m.column(), m.kind().subject(), subject);
            int offset = src.get().lines().offsetOfCompilerPosition(m.line(), m.column());
            function = src.get().functionAt(offset).map(f -> f.name()).orElse("");
        } else {
            range = TextRange.of(m.line() - 1, Math.max(0, m.column() - 1), m.line() - 1, Math.max(0, m.column() - 1));
        }
        return new Decision(file, m.line(), m.column(), range, m.kind(), m.message(), function, m.explanation(),
                m.inlinedFrom());
    }
}
