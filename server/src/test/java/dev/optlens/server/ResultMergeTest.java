package dev.optlens.server;

import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules by which results join a package's state, on values alone (no server, no compiler). */
class ResultMergeTest {
    private static final Path DIR = Path.of("/m/p");
    private static final Path FILE = DIR.resolve("a.go");

    private static Decision decision(DecisionKind kind, String message, int line) {
        return new Decision(FILE, line, 2, TextRange.of(line - 1, 1, line - 1, 5), kind, message, "F", "", List.of(), List.of());
    }

    private static CompileInput input(long seq) {
        return new CompileInput(seq, DIR, dev.optlens.analysis.build.Overlay.NONE, Map.of(), List.of(), Map.of(), Optional.empty(),
                Settings.defaults());
    }

    private static Outcome.Whole whole(Detail detail, Decision... decisions) {
        return new Outcome.Whole(new PackageReport(DIR, "m/p", "go1.23", "go1.23", List.of(), List.of(decisions), List.of(), List.of(),
                0, true, detail, List.of()), List.of());
    }

    @Test
    void anOlderResultIsDroppedAndAPartialOneNeverReplacesAWholeOneOfTheSameInput() {
        PackageView applied = ResultMerge.merge(PackageView.empty(DIR), input(5), whole(Detail.FULL), List.of());
        assertEquals(PackageView.Applied.FINAL, applied.applied());
        assertFalse(ResultMerge.admits(applied, 4, whole(Detail.FULL)), "older");
        assertFalse(ResultMerge.admits(applied, 5, new Outcome.Early(List.of())), "early part after the whole of the same input");
        assertTrue(ResultMerge.admits(applied, 5, new Outcome.Failure(List.of())), "the same input's failure says the truth");
        assertTrue(ResultMerge.admits(applied, 6, new Outcome.Early(List.of())), "newer");
    }

    @Test
    void anEarlyResultKeepsTheBackendsDecisionsAndAFailureKeepsTheLastGoodOnes() {
        Decision bounds = decision(DecisionKind.BOUNDS_CHECK, "Found IsInBounds", 3);
        Decision heap = decision(DecisionKind.HEAP_ESCAPE, "&T{} escapes to heap", 4);
        PackageView first = ResultMerge.merge(PackageView.empty(DIR), input(1), whole(Detail.FULL, bounds, heap), List.of());
        Decision moved = decision(DecisionKind.MOVED_TO_HEAP, "moved to heap: x", 5);
        PackageView early = ResultMerge.merge(first, input(2), new Outcome.Early(List.of(moved)), List.of());
        List<String> kept = early.decisionsIn(FILE).stream().map(t -> t.decision().message()).toList();
        assertEquals(List.of("Found IsInBounds", "moved to heap: x"), kept, "the backend's bounds check stays until the compile ends");
        assertEquals(PackageView.Applied.PARTIAL, early.applied());

        PackageView failed = ResultMerge.merge(early, input(3), new Outcome.Failure(List.of(CompileError.unplaced("syntax error"))), List.of());
        assertEquals(2, failed.decisionsIn(FILE).size());
        assertTrue(failed.decisionsIn(FILE).stream().allMatch(TrackedDecision::lastGood));
        assertEquals("syntax error", failed.errors().get(0).message());
    }
}
