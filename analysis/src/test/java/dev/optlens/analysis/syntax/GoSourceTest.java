package dev.optlens.analysis.syntax;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoSourceTest {
    private static final String SRC = """
            package p

            // T is a type.
            type T struct{ n int }

            func (t *T) Inc() { t.n++ }

            func (t T) Get() int { return t.n }

            func Größe[E any](xs []E) int {
            \tf := func() int { return len(xs) }
            \treturn f()
            }
            """;

    @Test
    void listsFunctionsWithCompilerStyleNames() {
        List<GoFunction> fs = GoSource.parse(SRC).functions();
        assertEquals(List.of("(*T).Inc", "T.Get", "Größe"), fs.stream().map(GoFunction::name).toList());
        GoFunction g = fs.get(2);
        assertEquals(new TextPosition(9, 5), g.nameRange().start());
        assertTrue(g.body().isPresent());
    }

    /** The types the compiler numbers (T·1, T·2 …): defined inside a block, in source order; not aliases, not package-level ones. */
    @Test
    void listsTheTypesDeclaredInsideFunctionsInSourceOrder() {
        String src = """
                package p

                type top int // a type at package level: not numbered

                var hook = func() any {
                	type inLiteral struct{}
                	return inLiteral{}
                }

                func F() {
                	// the type of a comment; type x int in a comment
                	s := "type y int"
                	type (
                		a int
                		b = int
                		c struct{ typeName string }
                	)
                	if len(s) > 0 { type d int; _ = d(0) }
                	var mytype a
                	_ = mytype
                }

                func Größe() { type größe int }
                """;
        assertEquals(List.of("inLiteral", "a", "c", "d", "größe"), GoSource.parse(src).localTypes());
    }

    @Test
    void incrementalEditsGiveTheSameTreeAsAFullParse() {
        Random rnd = new Random(42);
        GoSource src = GoSource.parse(SRC);
        String[] inserts = {"x", "\n", "ü", "📏", "func F() {}\n", "}", "{", "\r\n", "", "// c\n"};
        for (int i = 0; i < 300; i++) {
            String text = src.text();
            int a = EditorText.boundary(text, rnd.nextInt(text.length() + 1));
            int b = EditorText.boundary(text, Math.min(text.length(), a + rnd.nextInt(4)));
            if (b < a) b = a;
            String insert = inserts[rnd.nextInt(inserts.length)];
            GoSource edited = src.edit(new TextRange(EditorText.position(text, a), EditorText.position(text, b)), insert);
            String expected = text.substring(0, a) + insert + text.substring(b);
            assertEquals(expected, edited.text(), "text after edit " + i);
            assertEquals(GoSource.parse(expected).root().toString(), edited.root().toString(), "tree after edit " + i);
            src = edited;
        }
    }
}
