package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.CompileCache;
import dev.optlens.analysis.build.KeptDescription;
import dev.optlens.analysis.toolchain.GoToolchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A checked package's whole report, kept in the {@link CompileCache}'s folder, so that a second
 * {@code optlens check} of an unchanged package compiles, parses and places nothing (net/http: 3.5 s
 * → a read; go/types, which goes through {@code go test -c}, 37 s → a read). Its key is what the
 * report was made from: this build of optlens, the package's kept description while it holds
 * ({@link KeptDescription}: the go command, options, variables, every folder and module file it
 * lists), the bytes of the package's files as they were before the compile, and a profile's bytes.
 * A file changed while the package compiled changes the description's fingerprint or the files'
 * bytes: the next check does not find the report. Only reports of packages that compiled, tests
 * included, without error are kept.
 */
final class KeptReport {
    static final String FORMAT = "optlens-report-1";
    /** This build of optlens: a report is what this code made of the compiler's output. */
    private static final String CODE = codeIdentity();
    private static final java.util.concurrent.atomic.AtomicLong HITS = new java.util.concurrent.atomic.AtomicLong();

    private KeptReport() {
    }

    /** Reports this process read back instead of compiling (tests and logs). */
    static long hits() {
        return HITS.get();
    }

    /** A hash of the package's files' names and bytes, read now (before the compile); empty when one cannot be read. */
    static Optional<String> contents(AnalysisRequest req, Set<Path> files) {
        if (!req.files().isEmpty() || !req.overlay().isEmpty() || CODE.isEmpty()) return Optional.empty();
        try {
            CompileCache.Key k = new CompileCache.Key();
            for (Path f : files.stream().sorted().toList()) k.text(f.toString()).file(f);
            if (req.options().pgo().isPresent()) k.text("pgo").file(req.options().pgo().get());
            return Optional.of(k.done());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The kept report of the package, when its key holds; told as found by the toolchain of this run. */
    static Optional<PackageReport> read(GoToolchain toolchain, Map<String, String> env, AnalysisRequest req, String contents) {
        Optional<CompileCache> cache = CompileCache.of(env);
        Optional<String> key = key(toolchain, env, req, contents);
        if (cache.isEmpty() || key.isEmpty()) return Optional.empty();
        // Mapped, not read: go/types' report is 15 MB, and copying it into the heap took 125 ms of a 0.9 s check.
        Optional<java.nio.ByteBuffer> bytes = cache.get().mapped("report", key.get());
        if (bytes.isEmpty()) return Optional.empty();
        try {
            PackageReport r = ReportCodec.decode(bytes.get());
            HITS.incrementAndGet();
            CompileCache.readBack();
            return Optional.of(new PackageReport(r.dir(), r.importPath(), r.goVersion(), toolchain.describe(), r.errors(), r.decisions(),
                    r.unattached(), r.warnings(), r.compileMillis(), r.compiledDirectly(), r.detail(), r.excluded(), r.testErrors(),
                    r.allocatingCalls()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable (a format of another build): compiled again
        }
    }

    /** Keeps a report made from {@code contents}, when it is complete and its description still holds. */
    static void keep(GoToolchain toolchain, Map<String, String> env, AnalysisRequest req, String contents, PackageReport r) {
        if (!r.compiled() || !r.errors().isEmpty() || !r.testErrors().isEmpty()) return;
        Optional<CompileCache> cache = CompileCache.of(env);
        Optional<String> key = key(toolchain, env, req, contents);
        if (cache.isEmpty() || key.isEmpty()) return;
        try {
            cache.get().keepFile("report", key.get(), ReportCodec.encode(r));
        } catch (IOException | RuntimeException e) {
            // not kept: compiled again next time
        }
    }

    private static Optional<String> key(GoToolchain toolchain, Map<String, String> env, AnalysisRequest req, String contents) {
        return KeptDescription.holding(toolchain, env, req.dir(), req.options()).map(d -> new CompileCache.Key().text(FORMAT).text(CODE)
                .text(KeptDescription.key(toolchain, env, req.dir(), req.options())).text(d.fingerprint()).text(contents).done());
    }

    /**
     * Where this code was loaded from and its files' sizes and times (a jar, or a folder of classes in
     * a development build); empty when that cannot be told, and then no report is kept.
     */
    private static String codeIdentity() {
        try {
            Path where = Path.of(KeptReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            CompileCache.Key k = new CompileCache.Key().text(where.toString());
            List<Path> files;
            try (Stream<Path> all = Files.isDirectory(where) ? Files.walk(where) : Stream.of(where)) {
                files = all.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) k.text(f.toString()).text(Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
            return k.done();
        } catch (Exception e) {
            return "";
        }
    }
}
