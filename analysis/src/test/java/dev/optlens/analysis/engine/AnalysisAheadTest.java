package dev.optlens.analysis.engine;

import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.BuildOptions;
import dev.optlens.analysis.build.Overlay;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A package compile started before it is asked for (a server still being built has read a document's
 * opening): the same request takes its report, exactly what a compile asked then would give; any other
 * request of the package compiles its own text; a cancelled request stops it.
 */
class AnalysisAheadTest {
    private static final Path DIR = Workspaces.workspace("basics");
    private static final Path FILE = DIR.resolve("basics.go");

    /** basics.go as an editor holds it, with a function of its own added below: {@code name}'s local escapes. */
    private static AnalysisRequest unsaved(String name) throws Exception {
        String text = Files.readString(FILE) + "\nfunc " + name + "() *int {\n\tv := 1\n\treturn &v\n}\n";
        return new AnalysisRequest(DIR, BuildOptions.DEFAULT, new Overlay(Map.of(FILE, text)), Optional.empty());
    }

    /** The line of {@code v := 1} in the function {@link #unsaved} added, 1-based. */
    private static int escapeLine(AnalysisRequest req) {
        String text = req.overlay().contents().get(FILE);
        return (int) text.substring(0, text.indexOf("\tv := 1")).lines().count() + 1;
    }

    private static boolean movesToHeapAt(PackageReport r, int line) {
        return r.decisions().stream().anyMatch(d -> d.kind() == DecisionKind.MOVED_TO_HEAP && d.line() == line);
    }

    @Test
    void theSameRequestTakesTheCompileStartedAhead() throws Exception {
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        AnalysisRequest req = unsaved("openedAhead");
        analyzer.analyzeAhead(req);
        PackageReport taken = analyzer.analyze(req, CancellationToken.NONE);
        assertEquals(1, analyzer.takenAhead());
        assertTrue(taken.compiled(), taken.errors().toString());
        assertTrue(movesToHeapAt(taken, escapeLine(req)), taken.decisions().toString());
        // Exactly the report a compile asked now gives.
        PackageReport asked = PackageAnalyzer.fromSystem().analyze(req, CancellationToken.NONE);
        assertEquals(asked.decisions().stream().map(Decision::toString).toList(), taken.decisions().stream().map(Decision::toString).toList());
    }

    @Test
    void anotherRequestCompilesItsOwnText() throws Exception {
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        AnalysisRequest ahead = unsaved("openedAhead");
        AnalysisRequest edited = unsaved("typedSince");
        analyzer.analyzeAhead(ahead);
        PackageReport r = analyzer.analyze(edited, CancellationToken.NONE);
        assertEquals(0, analyzer.takenAhead());
        assertTrue(r.decisions().stream().anyMatch(d -> d.message().contains("typedSince")), r.decisions().toString());
        assertTrue(r.decisions().stream().noneMatch(d -> d.message().contains("openedAhead")), r.decisions().toString());
        // Stopped, not kept for later: a second asking of its request compiles anew.
        analyzer.analyze(ahead, CancellationToken.NONE);
        assertEquals(0, analyzer.takenAhead());
    }

    @Test
    void aCancelledRequestStopsTheCompileStartedAhead() throws Exception {
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        AnalysisRequest req = unsaved("openedAhead");
        analyzer.analyzeAhead(req);
        CancellationToken cancelled = new CancellationToken();
        cancelled.cancel();
        assertThrows(CancellationException.class, () -> analyzer.analyze(req, cancelled));
        // Nothing left waiting: the next asking compiles.
        assertTrue(analyzer.analyze(req, CancellationToken.NONE).compiled());
        assertEquals(1, analyzer.takenAhead());
    }
}
