package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What assertions and baseline comparisons read: decisions and the text they sit in.
 *
 * @param decisions the decisions per file, ranges as in the current text
 * @param files     the files in scope (their calls count as call sites)
 * @param sources   the parsed current text of a file
 */
public record GateScope(Map<Path, List<Decision>> decisions, Collection<Path> files, Function<Path, Optional<GoSource>> sources) {
    public List<Decision> in(Path file) {
        return decisions.getOrDefault(file, List.of());
    }

    /**
     * The compiler's {@code inlining call to} decisions on a call: placement puts them on exactly the
     * call expression's range. Empty: the call was not inlined.
     */
    public List<Decision> inlinedAt(Path file, dev.optlens.analysis.syntax.TextRange call) {
        return in(file).stream().filter(d -> d.kind() == dev.optlens.analysis.decision.DecisionKind.INLINED_CALL
                && d.range().equals(call)).toList();
    }

    public Stream<Decision> all() {
        return decisions.values().stream().flatMap(List::stream);
    }
}
