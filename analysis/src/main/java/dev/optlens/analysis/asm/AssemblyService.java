package dev.optlens.analysis.asm;

import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.build.GcFlags;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.build.PackageBuild;
import dev.optlens.analysis.process.ProcessResult;
import dev.optlens.analysis.process.TempRoot;
import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The compiler's assembly for a function, for any GOOS/GOARCH, from unsaved buffers. The package is
 * compiled once per content, flags and target with {@code -S}; the listing of every function is
 * cached and views of single functions are cut from it.
 */
public final class AssemblyService {
    private static final int MAX_CACHED = 16;

    private final Map<String, String> userEnv;
    private final SourceCache sources;
    private final Map<String, Listing> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Listing> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** A compiled package's functions and the target they were compiled for. */
    private record Listing(String importPath, List<AsmFunction> functions, String goos, String goarch, Set<String> compiledFiles) {
    }

    public AssemblyService(Map<String, String> userEnv, SourceCache sources) {
        this.userEnv = Map.copyOf(userEnv);
        this.sources = sources;
    }

    /**
     * @param position   a position in the file (0-based, UTF-16); empty for every function of the file
     * @param hideNoise  drop PCDATA/FUNCDATA and addresses
     */
    public AssemblyView view(GoToolchain toolchain, Path file, Optional<TextPosition> position, BuildOptions options,
                             Overlay overlay, boolean hideNoise, CancellationToken cancel)
            throws AssemblyException, IOException {
        Path dir = file.getParent();
        GoSource src = sources.get(file, Optional.ofNullable(overlay.contents().get(file)))
                .orElseThrow(() -> new AssemblyException("cannot read " + file));
        Optional<GoFunction> target = Optional.empty();
        if (position.isPresent()) {
            int offset = src.lines().offsetOf(position.get());
            target = src.functionAt(offset);
            if (target.isEmpty()) {
                throw new AssemblyException("no function at line " + (position.get().line() + 1) + " of " + file.getFileName()
                        + ": put the cursor inside a function");
            }
        }
        Listing listing = listing(toolchain, file, options, overlay, cancel);
        String pkgName = src.packageName().orElse("");
        List<AsmFunction> chosen = new ArrayList<>();
        for (AsmFunction f : listing.functions()) {
            if (f.file().isEmpty() || !f.file().get().equals(file)) continue;
            int declLine = f.line() - 1;
            if (target.isPresent() && !(target.get().range().start().line() <= declLine && declLine <= target.get().range().end().line())) {
                continue;
            }
            chosen.add(f);
        }
        String name = target.map(t -> pkgName + "." + t.name()).orElse(file.getFileName().toString());
        if (chosen.isEmpty() && !listing.compiledFiles().contains(file.getFileName().toString())) {
            throw new AssemblyException(dev.optlens.analysis.build.ExcludedFile.of(file, src.text(), listing.goos(),
                    listing.goarch()).message());
        }
        if (chosen.isEmpty()) {
            throw new AssemblyException(target.isPresent()
                    ? "the compiler produced no code for " + name + " (a generic function has code only where it is instantiated)"
                    : "the compiler produced no code for " + file.getFileName());
        }
        return render(name, listing, chosen, file, src, pkgName, hideNoise);
    }

    private Listing listing(GoToolchain toolchain, Path file, BuildOptions options, Overlay overlay, CancellationToken cancel)
            throws AssemblyException, IOException {
        Path dir = file.getParent();
        String goos = options.goos().orElse(toolchain.goos());
        String goarch = options.goarch().orElse(toolchain.goarch());
        List<String> files = filesOutsideModule(file, overlay);
        // A package's own function is compiled as the package builds, without its tests (which need not
        // even compile); a test file's, with them.
        boolean tests = file.getFileName().toString().endsWith("_test.go");
        String key = key(toolchain, dir, options, overlay, goos, goarch) + files + "|tests=" + tests;
        synchronized (cache) {
            Listing cached = cache.get(key);
            if (cached != null) return cached;
        }
        Listing fresh = compile(toolchain, dir, files, options, overlay, goos, goarch, tests, cancel);
        synchronized (cache) {
            cache.put(key, fresh);
        }
        return fresh;
    }

    /** The package content, flags and target: equal keys, equal listings. */
    private static String key(GoToolchain toolchain, Path dir, BuildOptions options, Overlay overlay, String goos,
                              String goarch) throws IOException {
        StringBuilder b = new StringBuilder().append(toolchain.go()).append('|').append(dir).append('|').append(options)
                .append('|').append(goos).append('/').append(goarch).append('\n');
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".go")).sorted().toList()) {
                String unsaved = overlay.contents().get(f);
                b.append(f.getFileName()).append('=').append(unsaved != null ? "o" + unsaved.hashCode() + "/" + unsaved.length()
                        : Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
        }
        overlay.contents().keySet().stream().filter(p -> dir.equals(p.getParent()) && !Files.exists(p))
                .forEach(p -> b.append(p).append("=new").append(overlay.contents().get(p).hashCode()));
        return b.toString();
    }

    /**
     * Outside any module a file compiles as {@code go build file.go} would: with the other files of its
     * folder open in the editor (not tests), as the analysis does; empty inside a module (the package).
     */
    private static List<String> filesOutsideModule(Path file, Overlay overlay) {
        Path dir = file.getParent();
        if (dev.optlens.analysis.build.ModuleRoot.inModule(dir)) return List.of();
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        names.add(file.getFileName().toString());
        dev.optlens.analysis.build.ModuleRoot.looseFiles(dir, overlay.contents().keySet()).forEach(p -> names.add(p.getFileName().toString()));
        return List.copyOf(names);
    }

    private Listing compile(GoToolchain toolchain, Path dir, List<String> files, BuildOptions options, Overlay overlay,
                            String goos, String goarch, boolean tests, CancellationToken cancel) throws AssemblyException, IOException {
        try {
            options.check();
        } catch (IllegalArgumentException e) {
            throw new AssemblyException(e.getMessage());
        }
        try (TempRoot tmp = new TempRoot("optlens-asm-")) {
            List<String> cmd = new ArrayList<>(List.of(toolchain.go().toString(), "list", "-e"));
            if (tests) cmd.add("-test");
            cmd.addAll(List.of("-export", "-json=ImportPath,Dir,ForTest,Error,DepsErrors,GoFiles,TestGoFiles,XTestGoFiles"));
            Overlay own = overlay.onlyIn(dir);
            if (!own.isEmpty()) cmd.add("-overlay=" + own.write(tmp).json());
            cmd.addAll(options.tagsFlag());
            List<String> flags = new ArrayList<>(options.pgoFlags());
            flags.add("-S");
            cmd.add("-gcflags=" + GcFlags.merge(options.gcflags(), flags));
            if (files.isEmpty()) cmd.add(".");
            else cmd.addAll(files);
            Map<String, String> env = new HashMap<>(options.environment(userEnv));
            env.put("GOOS", goos);
            env.put("GOARCH", goarch);
            ProcessResult r = GoProcess.run(cmd, dir, env, cancel);
            cancel.check();
            var listed = PackageBuild.listedPackages(r.stdout());
            String errors = PackageBuild.errorsOf(listed);
            if (r.exitCode() != 0 || !errors.isEmpty()) {
                String why = (r.stderr().lines().filter(l -> !l.startsWith("\t") && !l.contains(" STEXT ")).findFirst().orElse("")
                        + "\n" + errors).strip();
                throw new AssemblyException("cannot compile " + dir.getFileName() + " for " + goos + "/" + goarch + ": " + why);
            }
            Map<String, List<AsmFunction>> sections = AssemblyParser.parse(r.stderr(), dir);
            String importPath = PackageBuild.target(listed, dir).orElse("");
            Set<String> compiled = new java.util.HashSet<>();
            for (var o : listed) {
                if (!o.has("Dir") || !PackageBuild.sameDir(o.get("Dir").getAsString(), dir)) continue;
                for (String field : List.of("GoFiles", "TestGoFiles", "XTestGoFiles")) {
                    if (o.has(field) && o.get(field).isJsonArray()) o.getAsJsonArray(field).forEach(e -> compiled.add(e.getAsString()));
                }
            }
            return new Listing(importPath, functionsOf(sections, importPath), goos, goarch, Set.copyOf(compiled));
        }
    }

    /** The test variant compiles every file of the package, so its listing wins over the plain one. */
    private static List<AsmFunction> functionsOf(Map<String, List<AsmFunction>> sections, String importPath) {
        List<AsmFunction> out = new ArrayList<>();
        List<AsmFunction> variant = sections.get(importPath + " [" + importPath + ".test]");
        out.addAll(variant != null ? variant : sections.getOrDefault(importPath, List.of()));
        out.addAll(sections.getOrDefault(importPath + "_test [" + importPath + ".test]", List.of()));
        return out;
    }

    private AssemblyView render(String name, Listing listing, List<AsmFunction> chosen, Path file, GoSource src,
                                String pkgName, boolean hideNoise) {
        List<AssemblyView.Line> lines = new ArrayList<>();
        Map<Integer, List<Integer>> bySource = new TreeMap<>();
        String qualifier = listing.importPath().isEmpty() ? "" : listing.importPath() + ".";
        for (AsmFunction f : chosen) {
            Optional<GoFunction> own = src.functionAt(src.lines().offsetOfCompilerPosition(f.line(), 1));
            String header = f.header().replace(f.symbol() + " STEXT", "TEXT " + shorten(f.symbol(), qualifier, pkgName));
            lines.add(new AssemblyView.Line(header, Optional.empty(), Optional.empty(), Optional.empty()));
            Set<Integer> targets = new TreeSet<>();
            f.instructions().forEach(i -> i.jumpTarget().ifPresent(targets::add));
            for (AsmInstruction i : f.instructions()) {
                if (i.op().equals("TEXT") || (hideNoise && i.isNoise())) continue;
                if (targets.remove(i.pc())) { // once: several lines can share a pc (a zero-size NOP)
                    lines.add(new AssemblyView.Line("L" + i.pc() + ":", Optional.empty(), Optional.empty(), Optional.empty()));
                }
                Optional<String> inlined = inlinedFrom(i, file, src, own);
                String args = shorten(i.argsWithLabel(), qualifier, pkgName);
                if (i.callee().isPresent()) args = shorten(i.callee().get(), qualifier, pkgName);
                String text = (hideNoise ? "" : String.format("0x%04x %05d ", i.pc(), i.pc())) + "\t" + i.op()
                        + (args.isEmpty() ? "" : "\t" + args) + inlined.map(s -> "\t// inlined from " + s).orElse("");
                Optional<Integer> line = i.file().filter(file::equals).map(p -> i.line() - 1);
                line.ifPresent(l -> bySource.computeIfAbsent(l, k -> new ArrayList<>()).add(lines.size()));
                lines.add(new AssemblyView.Line(text, line, i.file(), inlined));
            }
        }
        return new AssemblyView(name, listing.goarch(), listing.goos(), List.copyOf(lines), bySource);
    }

    /** {@code example.com/p.F} → {@code p.F}: the package name, as Go source would write it. */
    private static String shorten(String s, String qualifier, String pkgName) {
        return qualifier.isEmpty() ? s : s.replace(qualifier, pkgName + ".");
    }

    /** The function an instruction's source comes from, when it is not the listed function itself. */
    private Optional<String> inlinedFrom(AsmInstruction i, Path file, GoSource src, Optional<GoFunction> own) {
        if (i.file().isEmpty()) return Optional.empty();
        if (!i.file().get().equals(file)) {
            return Optional.of(i.file().get().getFileName() + ":" + i.line());
        }
        Optional<GoFunction> from = src.functionAt(src.lines().offsetOfCompilerPosition(i.line(), 1));
        if (from.isEmpty() || own.isEmpty() || from.get().name().equals(own.get().name())) return Optional.empty();
        return Optional.of(from.get().name());
    }
}
