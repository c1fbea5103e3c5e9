package dev.optlens.analysis.profile;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.engine.PackageReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A package's decisions joined to profiles: each heap decision's share of the allocated bytes, each
 * refused inlining's and call's share of CPU, and the package's allocating lines ranked as
 * {@code go tool pprof -top -lines} ranks them, each with the compiler's reasons — or none, for an
 * allocation the compiler did not mark (append growth, map growth, string building, conversions).
 * Samples are joined by file and line, with their inlining: a copy of inlined code is the copy's.
 */
public final class HotReport {
    /**
     * One line of the package where the memory profile saw allocations, with the heap decisions
     * written on it (their innermost position is this line). No reasons: the compiler marked nothing here.
     */
    public record HotLine(Path file, int line, String function, Heat bytes, Heat objects, List<Decision> reasons) {
        public boolean unmarked() {
            return reasons.isEmpty();
        }
    }

    /** A function's CPU: in its own code (flat) and with what it calls (cum). */
    public record FunctionHeat(Heat flat, Heat cum) {
    }

    private static final HotReport EMPTY = new HotReport(null, null, null, Map.of(), "");

    private final Hotness bytes;
    private final Hotness objects;
    private final Hotness cpu;
    private final Map<String, Path> files;
    private final Map<Path, String> names = new HashMap<>();
    private final String importPath;

    private HotReport(Hotness bytes, Hotness objects, Hotness cpu, Map<String, Path> files, String importPath) {
        this.bytes = bytes;
        this.objects = objects;
        this.cpu = cpu;
        this.files = files;
        this.importPath = importPath;
        files.forEach((name, path) -> names.putIfAbsent(path, name));
    }

    /** No profile: every figure is absent. */
    public static HotReport none() {
        return EMPTY;
    }

    /** Joins the profiles to a package: a memory profile gives bytes and objects, a CPU profile time. */
    public static HotReport of(PackageReport report, List<Profile> profiles) {
        return of(report.dir(), report.importPath(), report.decisions(), profiles);
    }

    /**
     * The same for a package known by its folder, import path (may be empty: only profiles of this
     * machine's builds, whose file names are absolute, then join) and decisions.
     */
    public static HotReport of(Path dir, String importPath, List<Decision> decisions, List<Profile> profiles) {
        return of(dir, importPath, decisions, Sums.of(profiles));
    }

    /**
     * The profiles' samples summed once (allocated bytes and objects, CPU): what every package joined
     * to the same profiles shares, so that an editor joins each new result without summing again.
     */
    public record Sums(Hotness bytes, Hotness objects, Hotness cpu) {
        public static Sums of(List<Profile> profiles) {
            return new Sums(Hotness.of(profiles, "alloc_space").or(() -> Hotness.of(profiles, "inuse_space")).orElse(null),
                    Hotness.of(profiles, "alloc_objects").or(() -> Hotness.of(profiles, "inuse_objects")).orElse(null),
                    Hotness.of(profiles, "cpu").or(() -> Hotness.of(profiles, "samples")).orElse(null));
        }
    }

    /** {@link #of(Path, String, List, List)} with the samples summed already. */
    public static HotReport of(Path dir, String importPath, List<Decision> decisions, Sums sums) {
        if (sums.bytes() == null && sums.cpu() == null) return EMPTY;
        Hotness bytes = sums.bytes();
        Hotness objects = sums.objects();
        Hotness cpu = sums.cpu();
        Map<String, Path> files = new HashMap<>();
        List<Path> goFiles = goFiles(dir, decisions);
        for (Hotness h : new Hotness[]{bytes, cpu}) {
            if (h == null) continue;
            for (String name : h.files()) match(name, goFiles, importPath).ifPresent(p -> files.put(name, p));
        }
        return new HotReport(bytes, objects, cpu, files, importPath);
    }

    public boolean present() {
        return bytes != null || cpu != null;
    }

    public boolean hasMemory() {
        return bytes != null;
    }

    public boolean hasCpu() {
        return cpu != null;
    }

    /**
     * A profile's file name as a file of the package: the same absolute path (a profile of a build of
     * this folder), the path with its links resolved (the go command compiles the real folder: Debian's
     * /usr/lib/go-1.23/src is a link to /usr/share/go-1.23/src, and profiles name the latter), or
     * {@code importPath/name.go} (a build with {@code -trimpath}).
     */
    static Optional<Path> match(String name, List<Path> goFiles, String importPath) {
        for (Path f : goFiles) {
            if (name.equals(f.toString())) return Optional.of(f);
        }
        for (Path f : goFiles) {
            if (!importPath.isEmpty() && name.equals(importPath + "/" + f.getFileName())) return Optional.of(f);
        }
        for (Path f : goFiles) {
            try {
                if (name.equals(f.toRealPath().toString())) return Optional.of(f);
            } catch (IOException e) {
                // gone meanwhile: not this one
            }
        }
        return Optional.empty();
    }

    private static List<Path> goFiles(Path dir, List<Decision> decisions) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".go")).map(Path::toAbsolutePath).toList();
        } catch (IOException e) {
            return decisions.stream().map(Decision::file).distinct().toList();
        }
    }

    private String name(Path file) {
        return names.getOrDefault(file, file.toString());
    }

    /** Every decision's figure (those with one), in one pass: {@link #heat} for each. */
    public Map<Decision, Heat> heats(List<Decision> all) {
        Map<Decision, Heat> out = new java.util.IdentityHashMap<>();
        if (!present()) return out;
        Map<List<Hotness.Place>, Integer> shared = new HashMap<>();
        if (bytes != null) for (Decision d : all) if (d.kind().isHeapAllocation()) shared.merge(chain(d), 1, Integer::sum);
        for (Decision d : all) heat(d, shared).ifPresent(h -> out.put(d, h));
        return out;
    }

    /**
     * A decision's figure: its own allocation's bytes, its call's or function's CPU, its check's CPU.
     * {@code all} are the package's decisions: heap decisions of one copy of a line share its figure.
     */
    public Optional<Heat> heat(Decision d, List<Decision> all) {
        if (!d.kind().isHeapAllocation() || bytes == null) return heat(d, Map.of());
        List<Hotness.Place> chain = chain(d);
        int shared = (int) all.stream().filter(o -> o.kind().isHeapAllocation() && chain(o).equals(chain)).count();
        return heat(d, Map.of(chain, shared));
    }

    private Optional<Heat> heat(Decision d, Map<List<Hotness.Place>, Integer> shared) {
        DecisionKind k = d.kind();
        if (k.isHeapAllocation()) {
            if (bytes == null) return Optional.empty();
            List<Hotness.Place> chain = chain(d);
            return Optional.of(new Heat("bytes", bytes.flatAt(chain), bytes.total(), Math.max(1, shared.getOrDefault(chain, 1))));
        }
        if (cpu == null) return Optional.empty();
        return switch (k) {
            case INLINE_REFUSED, INLINE_CANDIDATE -> function(d.function()).map(FunctionHeat::cum);
            case CALL_NOT_INLINED, INLINED_CALL, DEVIRTUALIZED ->
                    Optional.of(cpuHeat(cpu.cum(new Hotness.Place(name(d.file()), d.line()))));
            case BOUNDS_CHECK, NIL_CHECK -> Optional.of(cpuHeat(cpu.flat(new Hotness.Place(name(d.file()), d.line()))));
            default -> Optional.empty();
        };
    }

    /** The objects a heap decision's copy of the code allocated, when a memory profile counts them. */
    public java.util.OptionalLong objects(Decision d) {
        return objects == null || !d.kind().isHeapAllocation() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(objects.flatAt(chain(d)));
    }

    /** The bytes allocated at a line of the package (every copy of it), as pprof's flat of the line. */
    public Optional<Heat> lineBytes(Path file, int line) {
        return bytes == null ? Optional.empty() : Optional.of(new Heat("bytes", bytes.flat(new Hotness.Place(name(file), line)), bytes.total(), 1));
    }

    /**
     * A function's CPU, by its name in the package ({@code Parse}, {@code (*T).M}): the profile's symbol
     * is the import path's (or {@code main.}) with that name; without an import path, the symbol with
     * that name whose file is one of the package's.
     */
    public Optional<FunctionHeat> function(String function) {
        if (cpu == null || function.isEmpty()) return Optional.empty();
        List<String> symbols = new ArrayList<>(List.of(importPath + "." + function, "main." + function));
        if (importPath.isEmpty()) {
            cpu.functionFiles().forEach((symbol, file) -> {
                if (!symbol.endsWith("." + function) || !files.containsKey(file)) return;
                // pkg.F, not pkg.T.F (a method F): the package path's last element holds no dot (the
                // compiler writes one in it as %2e).
                String pkg = symbol.substring(0, symbol.length() - function.length() - 1);
                if (pkg.indexOf('.', pkg.lastIndexOf('/') + 1) < 0) symbols.add(symbol);
            });
        }
        for (String symbol : symbols) {
            long cum = cpu.cumOfFunction(symbol);
            if (cum > 0) return Optional.of(new FunctionHeat(cpuHeat(cpu.flatOfFunction(symbol)), cpuHeat(cum)));
        }
        return Optional.of(new FunctionHeat(cpuHeat(0), cpuHeat(0)));
    }

    private Heat cpuHeat(long v) {
        return new Heat(cpu.type().type().equals("cpu") ? "CPU" : "CPU samples", v, cpu.total(), 1);
    }

    /**
     * The package's lines where the memory profile saw allocations, costliest first (pprof's order),
     * each with the heap decisions whose innermost position it is.
     */
    public List<HotLine> lines(List<Decision> decisions) {
        if (bytes == null) return List.of();
        Map<Hotness.Place, List<Decision>> byPlace = new LinkedHashMap<>();
        for (Decision d : decisions) {
            if (!d.kind().isHeapAllocation()) continue;
            Hotness.Place innermost = chain(d).get(0);
            List<Decision> at = byPlace.computeIfAbsent(innermost, x -> new ArrayList<>());
            if (at.stream().noneMatch(o -> o.message().equals(d.message()))) at.add(d);
        }
        List<HotLine> out = new ArrayList<>();
        for (Map.Entry<Hotness.Line, Long> e : bytes.lines()) {
            Hotness.Line l = e.getKey();
            Path file = files.get(l.file());
            if (file == null) continue;
            Hotness.Place place = new Hotness.Place(l.file(), l.line());
            long objs = objects == null ? 0 : objects.flat(place);
            out.add(new HotLine(file, l.line(), l.function(), new Heat("bytes", e.getValue(), bytes.total(), 1),
                    new Heat("objects", objs, objects == null ? 0 : objects.total(), 1), byPlace.getOrDefault(place, List.of())));
        }
        return out;
    }

    /** The part of the package's allocated bytes whose line carries a heap decision (the rest is listed as unmarked). */
    public static double markedShare(List<HotLine> lines) {
        long all = lines.stream().mapToLong(l -> l.bytes().value()).sum();
        long marked = lines.stream().filter(l -> !l.unmarked()).mapToLong(l -> l.bytes().value()).sum();
        return all == 0 ? 0 : marked / (double) all;
    }

    /** A decision's position with its inlining, as profile places: innermost first, its own position last. */
    private List<Hotness.Place> chain(Decision d) {
        List<Hotness.Place> chain = new ArrayList<>(d.inlinedFrom().size() + 1);
        for (InlineSite s : d.inlinedFrom()) chain.add(new Hotness.Place(name(s.file()), s.line()));
        chain.add(new Hotness.Place(name(d.file()), d.line()));
        return chain;
    }
}
