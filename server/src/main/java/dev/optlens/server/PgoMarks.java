package dev.optlens.server;

import dev.optlens.analysis.compare.Difference;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.gate.DecisionIdentity;
import dev.optlens.analysis.profile.PgoDecisions;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which decisions of a package's guided build only its profile makes, by a line-independent key
 * (function, kind, message as the gate normalizes it), so that they stay marked while edits move
 * them; with what the build without the profile decides there.
 *
 * @param why     where the profile comes from ({@code default.pgo of cmd/app}); empty: no profile
 * @param seq     the input the marks were computed for
 * @param without each marked key with the plain build's words there ({@code none} when it made none)
 */
record PgoMarks(String why, java.nio.file.Path profile, long seq, Map<String, String> without) {
    static final PgoMarks NONE = new PgoMarks("", null, -1, Map.of());

    PgoMarks {
        without = Map.copyOf(without);
    }

    static PgoMarks of(PgoDecisions d, long seq) {
        Map<String, String> keys = new HashMap<>();
        for (Difference x : d.differences()) {
            if (x.change() == Difference.Change.ONLY_A || x.b().isEmpty()) continue;
            keys.put(key(x.b().get()), x.a().map(Decision::message).orElse("none"));
        }
        return new PgoMarks(d.profile().why(), d.profile().file(), seq, keys);
    }

    boolean present() {
        return !why.isEmpty();
    }

    /** What the build without the profile decides where this decision is, when the profile made it. */
    Optional<String> byProfile(Decision d) {
        return without.isEmpty() ? Optional.empty() : Optional.ofNullable(without.get(key(d)));
    }

    private static String key(Decision d) {
        return d.function() + "\u0000" + d.kind().id() + "\u0000" + DecisionIdentity.normalize(d.message());
    }
}
