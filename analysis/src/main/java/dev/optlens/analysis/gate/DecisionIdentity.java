package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A decision's identity that does not depend on lines: package, enclosing function, kind, the message
 * with what changes without the decision changing taken out (inline costs, the inlined body), and its
 * ordinal among the function's decisions with the same kind and message. Moving code or adding lines
 * above it leaves it unchanged; a second identical escape in a function is ordinal 1.
 */
public record DecisionIdentity(String importPath, String function, DecisionKind kind, String message, int ordinal) {
    private static final Pattern INLINE_BODY = Pattern.compile(" as: .*$");
    private static final Pattern WITH_COST = Pattern.compile(" with cost -?\\d+");
    private static final Pattern NUMBER_AFTER_WORD = Pattern.compile("\\b(cost|budget|derefs|level)([ =])-?\\d+");
    private static final Pattern POSITION = Pattern.compile(" at [^ ]+\\.go:\\d+(:\\d+)?");

    /** The identities of a package's decisions, in the order given. */
    public static List<DecisionIdentity> of(String importPath, List<Decision> decisions) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) order.add(i);
        order.sort(Comparator.comparing((Integer i) -> decisions.get(i).file().getFileName().toString())
                .thenComparingInt(i -> decisions.get(i).range().start().line())
                .thenComparingInt(i -> decisions.get(i).range().start().character())
                .thenComparingInt(i -> i));
        Map<String, Integer> seen = new HashMap<>();
        DecisionIdentity[] out = new DecisionIdentity[decisions.size()];
        for (int i : order) {
            Decision d = decisions.get(i);
            String message = normalize(d.message());
            int ordinal = seen.merge(d.function() + '\u001f' + d.kind().id() + '\u001f' + message, 1, Integer::sum) - 1;
            out[i] = new DecisionIdentity(importPath, d.function(), d.kind(), message, ordinal);
        }
        return List.of(out);
    }

    /**
     * The message without what varies while the decision stays: an inline cost and the inlined body
     * ({@code can inline F with cost 6 as: …} → {@code can inline F}), numbers after cost, budget,
     * derefs and level, and source positions.
     */
    public static String normalize(String message) {
        String m = INLINE_BODY.matcher(message).replaceFirst("");
        m = WITH_COST.matcher(m).replaceAll("");
        m = NUMBER_AFTER_WORD.matcher(m).replaceAll("$1$2N");
        m = POSITION.matcher(m).replaceAll("");
        return m.strip().replaceAll("\\s+", " ");
    }

    /** One string holding every part: what baselines compare. */
    public String key() {
        return importPath + '\u001f' + function + '\u001f' + kind.id() + '\u001f' + message + '\u001f' + ordinal;
    }

    /** A stable hash of {@link #key()} (SARIF's partialFingerprints): 32 hex digits. */
    public String fingerprint() {
        return fingerprintOf(key());
    }

    /** 32 hex digits of the SHA-256 of a key: what every gate finding is told apart by. */
    public static String fingerprintOf(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
