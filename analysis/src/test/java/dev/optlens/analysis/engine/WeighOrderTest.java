package dev.optlens.analysis.engine;

import dev.optlens.analysis.syntax.GoSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The package compile's order is kept for a later text while its functions refer to each other in
 * the same sequence: a comment, a new statement that names none of them, or a word that is a method's
 * name outside a selector (go/types' typeWriter has a method named byte) keep it; a new call does not.
 */
class WeighOrderTest {
    private static final String CODE = """
            package w

            type writer struct{ buf []byte }

            func (w *writer) byte(b byte) { w.buf = append(w.buf, b) }

            func write(w *writer, s string) {
            	for i := 0; i < len(s); i++ {
            		w.byte(s[i])
            	}
            }
            """;

    private static String fingerprint(String text) {
        Path file = Path.of("/w/w.go");
        GoSource src = GoSource.parse(text.getBytes(StandardCharsets.UTF_8));
        return WeighOrder.fingerprint(List.of(file), p -> Optional.of(src));
    }

    private static String inWrite(String line) {
        return CODE.replace("func write(w *writer, s string) {\n", "func write(w *writer, s string) {\n" + line + "\n");
    }

    @Test
    void theOrderHoldsWhileTheFunctionsReferToEachOtherAlike() {
        String was = fingerprint(CODE);
        assertEquals(was, fingerprint(inWrite("\t// an edit")));
        assertEquals(was, fingerprint(inWrite("\t_ = new([64]byte)")));
        assertNotEquals(was, fingerprint(inWrite("\tw.byte(0)")));
        assertNotEquals(was, fingerprint(inWrite("\twrite(w, \"\")")));
        assertNotEquals(was, fingerprint(inWrite("\tf := func() {}\n\tf()")));
    }
}
