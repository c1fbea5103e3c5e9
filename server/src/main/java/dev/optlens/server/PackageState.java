package dev.optlens.server;

import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.engine.PackageReport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server knows about one package: the current decisions per file (moved through edits),
 * the errors of the last compile when it failed, and the analysis status. Guarded by the
 * workspace lock. Decisions are stored per file and replaced per file, so a partial result (one
 * function's decisions from a fast compile) can later replace just its part.
 */
final class PackageState {
    enum Status { IDLE, ANALYSING, READY, FAILED, NO_GO }

    final Path dir;
    final Map<Path, List<TrackedDecision>> decisions = new HashMap<>();
    List<CompileError> errors = List.of();
    Optional<PackageReport> lastGood = Optional.empty();
    Status status = Status.IDLE;
    String statusMessage = "";

    PackageState(Path dir) {
        this.dir = dir;
    }

    List<TrackedDecision> decisionsIn(Path file) {
        return decisions.getOrDefault(file, List.of());
    }

    long heapAllocations() {
        return decisions.values().stream().flatMap(List::stream)
                .filter(t -> t.decision().kind().isHeapAllocation()).count();
    }
}
