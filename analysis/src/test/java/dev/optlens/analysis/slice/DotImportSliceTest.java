package dev.optlens.analysis.slice;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.AnalysisRequest;
import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.process.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dot import (import . "p", as go/types does with internal/types/errors) is used by unqualified
 * names: a slice that keeps a declaration naming one keeps the import, or its compile fails and every
 * edit of the package waits for the package compile.
 */
class DotImportSliceTest {
    @Test
    void aDotImportStaysWhileTheSliceKeepsANameItBrings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module dot\n\ngo 1.21\n");
        Path file = dir.resolve("dot.go");
        Files.writeString(file, """
                package dot

                import . "strings"

                // Kept by every slice (a package-level declaration), naming strings.Builder unqualified.
                type Writer struct{ b *Builder }

                var sink *[]byte

                func Target(n int) []byte {
                	buf := make([]byte, n)
                	sink = &buf
                	return buf
                }

                func (w *Writer) Upper(s string) {
                	w.b.WriteString(ToUpper(s))
                	w.b.WriteString("!")
                }
                """);
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        PackageReport full = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        List<Decision> inTarget = full.decisions().stream().filter(d -> d.line() >= 10 && d.line() <= 14).toList();
        assertFalse(inTarget.isEmpty(), "the package compile decides inside Target: " + full.decisions());

        FunctionSlice slice = analyzer.analyzeFunction(AnalysisRequest.of(dir), file, 11, CancellationToken.NONE)
                .orElseThrow(() -> new AssertionError("no slice: its compile failed"));
        assertEquals("Target", slice.function());
        assertEquals(messages(inTarget), messages(slice.decisions()));
        assertTrue(slice.decisions().stream().anyMatch(d -> d.message().equals("moved to heap: buf")), slice.decisions().toString());
    }

    private static List<String> messages(List<Decision> ds) {
        return ds.stream().map(d -> d.line() + ":" + d.column() + " " + d.message()).sorted().toList();
    }
}
