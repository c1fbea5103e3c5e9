package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order a package compile weighed its functions in for inlining, and the references it was
 * weighed by. The compiler weighs the functions of a cycle of calls one after another, beginning
 * with the one its walk of the package's references reaches first; it prints each function's
 * "can inline" or "cannot inline" line as it weighs it, so the text holds the order. That order
 * holds for a later text as long as the functions refer to each other in the same sequence: the
 * {@link #fingerprint} of the package's references is the same.
 *
 * @param names       the functions as the compiler names them, in the order it weighed them
 * @param fingerprint the package's references when it did (see {@link #fingerprint})
 */
public record WeighOrder(List<String> names, String fingerprint) {
    private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*");

    public WeighOrder {
        names = List.copyOf(names);
    }

    /**
     * The functions a compile weighed, in the order its text names them (each once, at its first line).
     * Where go list compiled the package twice, alone and with its test files ({@code # p} and
     * {@code # p [p.test]}), the test variant's order is the one kept, as a direct compile of the package
     * with its tests prints it: the functions of the test files are weighed too.
     */
    public static List<String> names(CompilerTextLog.Parsed text) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (text == null) return out;
        Set<String> withTests = new HashSet<>();
        for (CompilerTextLog.Section s : text.sections()) if (s.variant() != null) withTests.add(s.importPath());
        for (CompilerTextLog.Section s : text.sections()) {
            if (s.variant() == null && withTests.contains(s.importPath())) continue;
            for (CompilerMessage m : s.messages()) weighed(m).filter(seen::add).ifPresent(out::add);
        }
        return out;
    }

    /** The function a "can inline" or "cannot inline" line names. */
    static Optional<String> weighed(CompilerMessage m) {
        String prefix = m.kind() == DecisionKind.INLINE_CANDIDATE ? "can inline " : m.kind() == DecisionKind.INLINE_REFUSED ? "cannot inline " : null;
        if (prefix == null || !m.message().startsWith(prefix)) return Optional.empty();
        String rest = m.message().substring(prefix.length());
        int end = m.kind() == DecisionKind.INLINE_CANDIDATE ? rest.indexOf(" with cost ") : rest.indexOf(": ");
        if (end < 0 && m.kind() == DecisionKind.INLINE_CANDIDATE) end = rest.indexOf(" as: ");
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    /**
     * The package's references as a walk of them would meet them: in each file (by name), every word
     * that is the name of one of the package's functions, every selector's name that is the name of
     * one of its methods (a method is only named after a dot: {@code x.m}, {@code (*T).m}), and every
     * {@code func} (a function literal is a function of its own), in order. Words in comments and strings count too: a text
     * where they changed is taken as changed. Equal fingerprints: the functions refer to each other
     * in the same sequence, and the compile weighs them in the same order.
     */
    public static String fingerprint(Collection<Path> files, Function<Path, Optional<GoSource>> sources) {
        Set<String> functions = new HashSet<>();
        Set<String> methods = new HashSet<>();
        List<GoSource> texts = new ArrayList<>();
        for (Path f : new TreeSet<>(files)) {
            Optional<GoSource> src = sources.apply(f);
            if (src.isEmpty()) return "";
            texts.add(src.get());
            for (GoFunction g : src.get().functions()) {
                int dot = g.name().lastIndexOf('.');
                if (dot < 0) functions.add(g.name());
                else methods.add(g.name().substring(dot + 1));
            }
        }
        functions.add("func");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> sorted = new ArrayList<>(new TreeSet<>(files));
        for (int i = 0; i < texts.size(); i++) {
            GoSource src = texts.get(i);
            digest.update((sorted.get(i).getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            Matcher m = WORD.matcher(src.text());
            String text = src.text();
            while (m.find()) {
                String w = m.group();
                if (functions.contains(w) || methods.contains(w) && afterDot(text, m.start())) digest.update((w + " ").getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether the word at {@code at} follows a dot (spaces and line breaks between): a selector's name. */
    private static boolean afterDot(String text, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        return i >= 0 && text.charAt(i) == '.';
    }
}
