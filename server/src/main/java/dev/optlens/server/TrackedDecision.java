package dev.optlens.server;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.syntax.TextRange;

/**
 * A decision as the editor sees it now: its range moved through the edits made since it was
 * computed, and whether it may no longer hold.
 *
 * @param range      where it is in the current text
 * @param stale      its function was edited after the compile that produced it
 * @param lastGood   it comes from the last version that compiled; the current one does not
 * @param brief      it comes from a summary-level compile (a large package): no explanation or inline
 *                   chain; a slice of its function can supply them
 */
record TrackedDecision(Decision decision, TextRange range, boolean stale, boolean lastGood, boolean brief) {
    TrackedDecision moved(TextRange r, boolean nowStale) {
        if (r == range && (stale || !nowStale)) return this;
        return new TrackedDecision(decision, r, stale || nowStale, lastGood, brief);
    }

    TrackedDecision asLastGood() {
        return new TrackedDecision(decision, range, stale, true, brief);
    }
}
