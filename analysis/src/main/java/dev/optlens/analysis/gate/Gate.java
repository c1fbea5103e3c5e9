package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.GoSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The gate over compiled packages on disk: what {@code optlens check} asks of assertions and baselines. */
public final class Gate {
    private final GateScope scope;
    private final Map<Path, Optional<GoSource>> parsed = new ConcurrentHashMap<>();

    /** A gate over the reports' packages: their decisions, and their Go files as they are on disk. */
    public Gate(List<PackageReport> reports) {
        Map<Path, List<Decision>> byFile = new HashMap<>();
        Set<Path> files = new LinkedHashSet<>();
        for (PackageReport r : reports) {
            for (Decision d : r.decisions()) byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d);
            files.addAll(goFiles(r));
        }
        this.scope = new GateScope(byFile, List.copyOf(files), this::source);
    }

    public GateScope scope() {
        return scope;
    }

    /** The Go files of a package the build compiled (files it left out for the target are not). */
    private static List<Path> goFiles(PackageReport r) {
        List<Path> excluded = r.excluded().stream().map(x -> x.file()).toList();
        List<Path> files = goFiles(r.dir(), excluded);
        return files.isEmpty() ? r.decisions().stream().map(Decision::file).distinct().toList() : files;
    }

    /** The Go files in a package folder, but those the build left out; empty when it cannot be read. */
    public static List<Path> goFiles(Path dir, Collection<Path> excluded) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".go") && !excluded.contains(p) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<GoSource> source(Path file) {
        return parsed.computeIfAbsent(file, f -> {
            try {
                return Optional.of(GoSource.parse(Files.readAllBytes(f)));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The assertions in a package's files, each checked; ordered by file and line. A file whose text
     * holds no directive is not parsed (encoding/json: 170 ms of a second check's 1.6 s).
     */
    public List<AssertionResult> assertions(PackageReport r) {
        AssertionChecker checker = new AssertionChecker(scope);
        List<AssertionResult> out = new ArrayList<>();
        for (Path f : goFiles(r)) {
            if (!parsed.containsKey(f) && !mayHold(f)) continue;
            source(f).ifPresent(src -> out.addAll(checker.check(src, AssertionParser.parse(f, src))));
        }
        return out;
    }

    /** Whether a file on disk may hold a directive; an unreadable one is left to the parse to tell. */
    private static boolean mayHold(Path f) {
        try {
            return AssertionParser.mayHold(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return true;
        }
    }

    /** A package's changes since the baseline; empty when the baseline does not know it. */
    public Optional<List<BaselineDiff.Change>> changes(Baseline baseline, PackageReport r) {
        Collection<Path> files = goFiles(r);
        Map<Path, List<Decision>> own = new LinkedHashMap<>();
        files.forEach(f -> own.put(f, scope.in(f)));
        return BaselineDiff.compare(baseline, r.importPath(), new GateScope(own, files, scope.sources()));
    }
}
