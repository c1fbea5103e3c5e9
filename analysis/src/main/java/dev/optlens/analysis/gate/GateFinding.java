package dev.optlens.analysis.gate;

import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.List;

/**
 * One thing the gate reports to a review and to the editor: a violated or unreadable assertion, or a
 * regression since the baseline. SARIF results, GitHub annotations and the editor's diagnostics
 * carry the same fingerprint for the same finding (see {@link GateFindings}).
 *
 * @param ruleId      stable: a decision kind ({@code heap-escape}, {@code inline-refused}, …) or an
 *                    assertion ({@code assert-noescape}, {@code assert-inline}, …)
 * @param failing     whether it makes the exit code 1 (an assertion always; a regression when its
 *                    category is in --fail-on)
 * @param range       where, in editor coordinates (0-based, UTF-16)
 * @param title       a short headline
 * @param message     the whole message: what the compiler decided instead, with its reason
 * @param explanation the compiler's explanation lines, with where each points
 * @param fingerprint a line-independent identity (stays when code moves)
 */
public record GateFinding(String ruleId, boolean failing, Path file, TextRange range, String title, String message,
                          List<ExplanationStep> explanation, String fingerprint, String function) {
}
