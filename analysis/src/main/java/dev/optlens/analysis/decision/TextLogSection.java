package dev.optlens.analysis.decision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/** One {@code # importpath} section of the -m text as it is read: its lines, merged into messages at its end. */
final class TextLogSection {
    private final String importPath;
    private final String variant;
    private final List<Line> lines = new ArrayList<>();

    TextLogSection(String importPath, String variant) {
        this.importPath = importPath;
        this.variant = variant;
    }

    void line(Optional<Path> file, int line, int col, String text, CompilerTextLog.Resolver paths) {
        if (text.startsWith("  ") && !lines.isEmpty()) {
            Line last = lines.get(lines.size() - 1);
            Line owner = last.samePosition(file, line, col) ? last : null;
            if (owner != null) {
                owner.steps.add(step(text.trim(), file, line, col, paths));
                return;
            }
        }
        lines.add(new Line(file, line, col, text.trim()));
    }

    CompilerTextLog.Section build(boolean succeeded) {
        boolean hasDecisions = lines.stream().anyMatch(l -> !l.steps.isEmpty() || l.classified.kind() != DecisionKind.OTHER);
        if (!succeeded && !hasDecisions) {
            List<CompileError> errors = lines.stream()
                    .map(l -> new CompileError(l.file, l.line, l.col, l.text)).toList();
            return new CompilerTextLog.Section(importPath, variant, List.of(), errors);
        }
        return new CompilerTextLog.Section(importPath, variant, merge(), List.of());
    }

    /**
     * Turns headlines into messages. Explanation blocks attach to the headline they explain: same
     * position, and the subject their header names (see {@link FlowHeader}), wherever the block
     * stands in the text; several blocks at one position each find their own headline. Duplicate
     * headlines merge. A block whose headline the compiler did not print (wrappers it generated,
     * some instantiations) is kept as an {@code other} decision with its explanation, never as a
     * new escape.
     */
    private List<CompilerMessage> merge() {
        Map<String, CompilerMessage> byKey = new LinkedHashMap<>();
        List<Line> blocks = new ArrayList<>();
        List<FlowHeader> headers = new ArrayList<>();
        // A headline's subject, by its key: read once per line, not once per block that might explain it.
        Map<String, String> subjects = new java.util.HashMap<>();
        for (Line l : lines) {
            Optional<FlowHeader> header = l.header();
            if (header.isPresent()) {
                blocks.add(l);
                headers.add(header.get());
                continue;
            }
            String key = l.key;
            CompilerMessage prev = byKey.get(key);
            if (prev == null) {
                byKey.put(key, new CompilerMessage(l.file, l.line, l.col, l.classified.kind(), l.text, List.copyOf(l.steps), List.of()));
                subjects.put(key, l.classified.subject());
            } else if (!l.steps.isEmpty()) {
                byKey.put(key, prev.withExplanation(concat(prev.explanation(), l.steps)));
            }
        }
        Map<String, List<String>> keysAtPosition = new java.util.HashMap<>();
        byKey.forEach((k, m) -> keysAtPosition.computeIfAbsent(position(m.file(), m.line(), m.column()),
                p -> new ArrayList<>()).add(k));
        // By exact subject first, so that a looser match never takes another block's headline.
        String[] targets = new String[blocks.size()];
        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            FlowHeader h = headers.get(i);
            List<String> exact = candidates(keysAtPosition, blocks.get(i))
                    .filter(k -> h.explains(byKey.get(k).kind(), subjects.get(k))).toList();
            targets[i] = exact.stream().filter(k -> h.fits(byKey.get(k).message())).findFirst()
                    .orElse(exact.isEmpty() ? null : exact.get(0));
            if (targets[i] != null) claimed.add(targets[i]);
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (targets[i] != null) continue;
            FlowHeader h = headers.get(i);
            List<String> loose = candidates(keysAtPosition, blocks.get(i))
                    .filter(k -> !claimed.contains(k) && h.explainsKind(byKey.get(k).kind())).toList();
            // The callee spelled out, or else the only headline of its kind left at that position, unless
            // that headline names another thing (a func literal's flow is not an append's: go1.26 prints
            // both at a method value's position, and only the append's headline).
            targets[i] = loose.stream().filter(k -> h.explainsCallee(byKey.get(k).kind(), subjects.get(k)))
                    .findFirst().orElse(loose.size() == 1 && !namesAnother(h.subject(), subjects.get(loose.get(0)))
                            ? loose.get(0) : null);
        }
        for (int i = 0; i < blocks.size(); i++) {
            Line block = blocks.get(i);
            FlowHeader header = headers.get(i);
            List<ExplanationStep> steps = new ArrayList<>();
            steps.add(new ExplanationStep(header.text(), block.file, block.line, block.col));
            steps.addAll(block.steps);
            String key = targets[i] != null ? targets[i] : block.key(header.text());
            CompilerMessage m = byKey.get(key);
            byKey.put(key, m != null ? m.withExplanation(concat(m.explanation(), steps))
                    : new CompilerMessage(block.file, block.line, block.col, DecisionKind.OTHER, header.text(),
                    List.copyOf(steps), List.of()));
        }
        return List.copyOf(byKey.values());
    }

    private static java.util.stream.Stream<String> candidates(Map<String, List<String>> keysAtPosition, Line block) {
        return keysAtPosition.getOrDefault(position(block.file, block.line, block.col), List.of()).stream();
    }

    /**
     * Whether a header's subject and a headline's are two different things: both spelled out and
     * neither the start of the other ({@code append(dst, x)} and {@code append} are one call).
     */
    private static boolean namesAnother(String headerSubject, String headlineSubject) {
        return !headerSubject.isEmpty() && !headlineSubject.isEmpty() && !headerSubject.startsWith(headlineSubject)
                && !headlineSubject.startsWith(headerSubject);
    }

    private static String position(Optional<Path> file, int line, int col) {
        return file.map(Path::toString).orElse(CompilerTextLog.AUTOGENERATED) + ":" + line + ":" + col;
    }

    private static List<ExplanationStep> concat(List<ExplanationStep> a, List<ExplanationStep> b) {
        List<ExplanationStep> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static ExplanationStep step(String text, Optional<Path> file, int line, int col, CompilerTextLog.Resolver paths) {
        Matcher at = text.contains(" at ") ? CompilerTextLog.AT_POSITION.matcher(text) : null;
        if (at != null && at.matches()) {
            return new ExplanationStep(at.group(1), paths.resolve(at.group(2)), Integer.parseInt(at.group(3)),
                    at.group(4) == null ? 0 : Integer.parseInt(at.group(4)));
        }
        return new ExplanationStep(text, file, line, col);
    }

    /**
     * A headline or a flow header, with what the merge asks of its text worked out as it is read: as
     * the compiler prints it, beside the compile, instead of all at once after it. The json copy in an
     * editor's server (whose code runs this once per edit, never quite warm): 25 -> 9 ms after the
     * compile ended. On a machine whose second core is not free the compile slows by about as much.
     */
    private static final class Line {
        final Optional<Path> file;
        final int line;
        final int col;
        final String text;
        final List<ExplanationStep> steps = new ArrayList<>();
        /** The header this text is when explanation steps follow it ({@link FlowHeader#parse}), if any. */
        final Optional<FlowHeader> headerIfSteps;
        final Classifier.Classified classified;
        /** The key of the headline this text is; null for a text that is always a header. */
        final String key;

        Line(Optional<Path> file, int line, int col, String text) {
            this.file = file;
            this.line = line;
            this.col = col;
            this.text = text;
            this.headerIfSteps = FlowHeader.parse(text, true);
            this.classified = Classifier.classify(text);
            // A header of an escape or a parameter is never a headline: it needs no key.
            this.key = headerIfSteps.isPresent() && headerIfSteps.get().explains() != DecisionKind.OTHER ? null : key(text);
        }

        /** {@link FlowHeader#parse} of the text, told whether steps followed it. */
        Optional<FlowHeader> header() {
            // Only a text that names neither an escape nor a parameter needs steps after it to be a header.
            return steps.isEmpty() && headerIfSteps.isPresent() && headerIfSteps.get().explains() == DecisionKind.OTHER
                    ? Optional.empty() : headerIfSteps;
        }

        boolean samePosition(Optional<Path> f, int l, int c) {
            return file.equals(f) && line == l && col == c;
        }

        String key(String message) {
            return file.map(Path::toString).orElse(CompilerTextLog.AUTOGENERATED) + ":" + line + ":" + col + ":" + message;
        }
    }
}
