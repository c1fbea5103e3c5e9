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

/**
 * A value put in a struct field of interface type is converted to it, though no expression of the
 * kept code has that type (net/http's h2 bundle: http2FrameWriteRequest{write: http2handlerPanicRST{…}}):
 * a slice keeps the methods the interface asks for, or its compile fails ("does not implement") and
 * the edit waits for the package compile.
 */
class InterfaceFieldSliceTest {
    @Test
    void aValueInAnInterfaceFieldKeepsItsMethods(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module field\n\ngo 1.21\n");
        Path file = dir.resolve("field.go");
        Files.writeString(file, """
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
        PackageAnalyzer analyzer = PackageAnalyzer.fromSystem();
        PackageReport full = analyzer.analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        List<Decision> inTarget = full.decisions().stream().filter(d -> d.line() >= 20 && d.line() <= 24).toList();
        assertFalse(inTarget.isEmpty(), "the package compile decides inside Target: " + full.decisions());

        FunctionSlice slice = analyzer.analyzeFunction(AnalysisRequest.of(dir), file, 21, CancellationToken.NONE)
                .orElseThrow(() -> new AssertionError("no slice: its compile failed"));
        assertEquals("Target", slice.function());
        assertEquals(messages(inTarget), messages(slice.decisions()));
    }

    private static List<String> messages(List<Decision> ds) {
        return ds.stream().map(d -> d.line() + ":" + d.column() + " " + d.message()).sorted().toList();
    }
}
