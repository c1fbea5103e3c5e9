package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.slice.ClosureProof;
import dev.optlens.analysis.slice.SliceMember;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An edit inside a generic function: the compiler prints its instances by their shapes
 * ({@code inlining call to appendString[go.shape.string]}, {@code can inline appendString[[]uint8]}),
 * and the functions that inline an instance are the closure's members as they are for any other
 * function (encoding/json's appendString went to the package compile before).
 */
class ClosureGenericTest {
    private static final String CODE = """
            package gen

            var sink any

            func appendString[Bytes []byte | string](dst []byte, src Bytes, escape bool) []byte {
            	for i := 0; i < len(src); i++ {
            		if escape && src[i] == '<' {
            			dst = append(dst, '\\\\', 'u')
            		}
            		dst = append(dst, src[i])
            	}
            	return dst
            }

            func UseS(dst []byte, s string) []byte { return appendString(dst, s, true) }

            func UseB(dst []byte, b []byte) []byte { return appendString(dst, b, false) }

            type Box[T any] struct{ v T }

            func (b *Box[T]) Get() T {
            	return b.v
            }

            func Unbox(b *Box[int]) int { return b.Get() }
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.optlens.analysis.GoReleases#oldestAndNewest")
    void anEditInAGenericFunctionIsAnsweredByItsClosure(GoReleases.Release release, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/gen\n\ngo " + release.languageVersion() + "\n");
        Path file = tmp.resolve("gen.go");
        Files.writeString(file, CODE);
        PackageAnalyzer analyzer = release.analyzer();
        for (String[] edit : List.of(
                new String[]{"func appendString[", "\t// edited", "UseS"},
                new String[]{"func (b *Box[T]) Get()", "\t// edited", "Unbox"},
                // Its facts change (dst leaks to the heap): the callers are compiled again too.
                new String[]{"func appendString[", "\tsink = &dst", "UseB"})) {
            ClosureMethodValueTest.Edit e = ClosureMethodValueTest.edit(analyzer, tmp, file, CODE, edit[0], edit[1]);
            assertTrue(e.closure().complete(), edit[1] + " in " + edit[0] + ": the closure did not stand: " + e.closure().fallback());
            List<String> members = e.closure().slice().get().members().stream().map(SliceMember::name).toList();
            assertTrue(members.contains(edit[2]), edit[2] + " inlines an instance and is not a member: " + members);
            PackageReport expected = analyzer.analyze(e.request(), CancellationToken.NONE);
            assertEquals(ClosureProof.seen(expected.decisions()), ClosureProof.seen(EditClosure.complete(e.shifted(), e.closure().slice().get())),
                    edit[1] + " in " + edit[0] + ": the closure's result is not the package compile's");
        }
    }
}
