package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.syntax.LineIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a report as reviewable text: each decision with its compiler position, its editor range
 * and the source text that range covers, so a misplaced squiggle shows up in the golden diff.
 */
final class GoldenRenderer {
    private final Path root;
    private final Map<Path, String> texts = new HashMap<>();

    GoldenRenderer(Path root) {
        this.root = root;
    }

    String render(PackageReport r) {
        StringBuilder b = new StringBuilder();
        b.append("package ").append(r.importPath()).append('\n');
        for (CompileError e : r.errors()) {
            b.append("error ").append(e.file().map(f -> rel(f) + ":" + e.line() + ":" + e.column() + ": ").orElse(""))
                    .append(e.message().replace(root.toString() + "/", "")).append('\n');
        }
        for (String w : r.warnings()) b.append("warning ").append(w).append('\n');
        for (Decision d : r.decisions()) {
            b.append(rel(d.file())).append(':').append(d.line()).append(':').append(d.column())
                    .append(" [").append(d.range().start().line()).append(':').append(d.range().start().character())
                    .append('-').append(d.range().end().line()).append(':').append(d.range().end().character())
                    .append(" ").append(covered(d)).append("] ")
                    .append(d.kind().id()).append(" (").append(d.function()).append("): ").append(d.message()).append('\n');
            for (InlineSite s : d.inlinedFrom()) {
                b.append("    inlined from ").append(rel(s.file())).append(':').append(s.line()).append(':').append(s.column()).append('\n');
            }
            if (!d.explanation().isEmpty()) b.append("    explanation: ").append(d.explanation().size()).append(" steps\n");
            if (d.kind().isHeapAllocation()) b.append("    allocation: ").append(d.allocation().id()).append('\n');
        }
        return b.toString();
    }

    private String rel(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    /** The source text under the decision's range, quoted, shortened. */
    private String covered(Decision d) {
        String text = texts.computeIfAbsent(d.file(), f -> {
            try {
                return Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        LineIndex idx = LineIndex.of(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int a = idx.offsetOf(d.range().start());
        int z = idx.offsetOf(d.range().end());
        String s = new String(bytes, a, Math.max(0, z - a), StandardCharsets.UTF_8).replace("\n", "⏎").replace("\t", " ");
        if (s.length() > 60) s = s.substring(0, 57) + "...";
        return '"' + s + '"';
    }
}
