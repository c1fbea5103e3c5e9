package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.CompilerMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code //line file:line[:col]} directives of a package's files (generated code: goyacc, cgo,
 * templates). The compiler reports a decision in the code after such a directive at the position the
 * directive names ({@code other.y:101: moved to heap: y}), a file that is not the package's; this maps
 * it back to where that code is in the package file, so it is shown rather than dropped.
 */
final class LineDirectives {
    /** A directive: at {@code line} (1-based) of {@code file}, the next line is line {@code target} of {@code targetFile}. */
    private record Directive(Path file, int line, Path targetFile, int target) {
    }

    private static final Pattern DIRECTIVE = Pattern.compile("^//line (.+):(\\d+)(?::\\d+)?\\s*$");
    private final List<Directive> directives;
    /** The lines of each file that has directives (split once: a generated parser has hundreds of decisions). */
    private final Map<Path, String[]> lines;

    private LineDirectives(List<Directive> directives, Map<Path, String[]> lines) {
        this.directives = directives;
        this.lines = lines;
    }

    /** The directives of the package's files (texts by file); target files resolve against the file's folder, as the compiler prints them. */
    static LineDirectives of(Map<Path, String> texts) {
        List<Directive> out = new ArrayList<>();
        Map<Path, String[]> lines = new java.util.HashMap<>();
        texts.forEach((file, text) -> {
            if (!text.contains("//line ")) return;
            String[] split = text.split("\n", -1);
            lines.put(file, split);
            int n = 0;
            for (String l : split) {
                n++;
                if (!l.startsWith("//line ")) continue;
                Matcher m = DIRECTIVE.matcher(l);
                if (!m.matches()) continue;
                try {
                    out.add(new Directive(file, n, file.resolveSibling(m.group(1)).normalize(), Integer.parseInt(m.group(2))));
                } catch (RuntimeException e) {
                    // a target we cannot name is no directive for us
                }
            }
        });
        return new LineDirectives(List.copyOf(out), Map.copyOf(lines));
    }

    boolean isEmpty() {
        return directives.isEmpty();
    }

    /**
     * Where a message the compiler put in another file really is: the package file and line after the
     * directive that covers that position (the last one before it that names the file), or empty.
     */
    Optional<CompilerMessage> mapBack(CompilerMessage m) {
        if (m.file().isEmpty()) return Optional.empty();
        Path at = m.file().get();
        Directive best = null;
        for (Directive d : directives) {
            if (!d.targetFile().equals(at) || d.target() > m.line()) continue;
            int line = d.line() + 1 + (m.line() - d.target());
            if (line >= nextDirective(d)) continue; // past the code this directive covers
            if (best == null || d.target() > best.target()) best = d;
        }
        if (best == null) return Optional.empty();
        int line = best.line() + 1 + (m.line() - best.target());
        int column = m.column() > 0 ? m.column() : column(best.file(), line, m);
        return Optional.of(new CompilerMessage(Optional.of(best.file()), line, column, m.kind(), m.message(),
                m.explanation(), m.inlinedFrom()));
    }

    /**
     * A {@code //line file:line} directive without a column leaves columns unknown (the compiler prints
     * none): the column of the name the message is about on that line, else of its first non-blank.
     */
    private int column(Path file, int line1, CompilerMessage m) {
        String[] fileLines = lines.getOrDefault(file, new String[0]);
        if (line1 < 1 || line1 > fileLines.length) return 0;
        String text = fileLines[line1 - 1];
        String subject = dev.optlens.analysis.decision.Classifier.classify(m.message()).subject();
        int at = -1;
        if (subject.matches("[\\p{L}_][\\p{L}\\p{N}_]*")) {
            Matcher word = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(subject) + "(?![\\p{L}\\p{N}_])").matcher(text);
            if (word.find()) at = word.start();
        }
        if (at < 0) at = Math.max(0, text.length() - text.stripLeading().length());
        return text.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }

    /** The line of the directive after {@code d} in the same file (or past its end). */
    private int nextDirective(Directive d) {
        int next = Integer.MAX_VALUE;
        for (Directive o : directives) {
            if (o.file().equals(d.file()) && o.line() > d.line() && o.line() < next) next = o.line();
        }
        return next;
    }
}
