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
 * A slice keeps what its kept code needs without naming it as {@code pkg.X} or as an expression's
 * type, or its compile fails and every edit of such a package waits for the package compile: the
 * target's decisions from the slice are the package compile's.
 */
class SliceKeepsWhatKeptCodeNeedsTest {
    /** A dot import (import . "p", as go/types does with internal/types/errors) is used by unqualified names. */
    @Test
    void aDotImportStaysWhileTheSliceKeepsANameItBrings(@TempDir Path dir) throws Exception {
        List<Decision> slice = targetAlike(dir, 10, 14, """
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
        assertTrue(slice.stream().anyMatch(d -> d.message().equals("moved to heap: buf")), slice.toString());
    }

    /**
     * A value put in a struct field of interface type is converted to it, though no expression of the
     * kept code has that type (net/http's h2 bundle: http2FrameWriteRequest{write: http2handlerPanicRST{…}}).
     */
    @Test
    void aValueInAnInterfaceFieldKeepsItsMethods(@TempDir Path dir) throws Exception {
        targetAlike(dir, 20, 24, """
                package field

                type framer interface {
                	writeFrame() error
                	staysWithinBuffer(int) bool
                }

                type request struct {
                	write  framer
                	stream int
                }

                type panicRST struct{ id int }

                func (p panicRST) writeFrame() error            { return nil }
                func (p panicRST) staysWithinBuffer(n int) bool { return n > 4 }

                var queue []request

                func Target(id int) []byte {
                	queue = append(queue, request{write: panicRST{id}, stream: id})
                	buf := make([]byte, id)
                	return buf
                }
                """);
    }

    /**
     * Writes the package (its function Target on lines {@code from}–{@code to}), compiles it, slices
     * Target, and asserts the slice decides inside it as the package compile does; returns those decisions.
     */
    private static List<Decision> targetAlike(Path dir, int from, int to, String text) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module sliced\n\ngo 1.21\n");
        Path file = dir.resolve("sliced.go");
        Files.writeString(file, text);
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        PackageReport full = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        List<Decision> inTarget = full.decisions().stream().filter(d -> d.line() >= from && d.line() <= to).toList();
        assertFalse(inTarget.isEmpty(), "the package compile decides inside Target: " + full.decisions());
        FunctionSlice slice = analyzer.analyzeFunction(AnalysisRequest.of(dir), file, from + 1, CancellationToken.NONE)
                .orElseThrow(() -> new AssertionError("no slice: its compile failed"));
        assertEquals("Target", slice.function());
        assertEquals(messages(inTarget), messages(slice.decisions()));
        return slice.decisions();
    }

    private static List<String> messages(List<Decision> ds) {
        return ds.stream().map(d -> d.line() + ":" + d.column() + " " + d.message()).sorted().toList();
    }
}
