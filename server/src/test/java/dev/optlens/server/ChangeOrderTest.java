package dev.optlens.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * didChange notifications that arrive out of version order (Helix sends fast keystrokes' notifications
 * so) still give the editor's text: the server applies them in version order.
 */
class ChangeOrderTest {
    private static final String URI = "file:///tmp/order/p.go";
    private static final String TEXT = "package p\n\n// é 世界\nfunc f() {\n\tx := 1\n}\n";
    private final ServerLoop loop = new ServerLoop();
    private final Workspace ws = new Workspace(loop);

    @AfterEach
    void stop() {
        loop.shutdown();
    }

    /** One notification: its version, the range it replaces (UTF-16, in the text before it) and its text. */
    private record Change(int version, Range range, String text) {
    }

    @Test
    void keystrokesSentOutOfOrderGiveTheTypedText() {
        List<Change> typed = new ArrayList<>();
        String word = "return 1 // ok";
        for (int i = 0; i < word.length(); i++) typed.add(new Change(2 + i, range(4, 7 + i, 4, 7 + i), word.substring(i, i + 1)));
        List<Change> sent = new ArrayList<>(typed);
        Collections.swap(sent, 3, 7); // as Helix sent them: 32 and 33 before 29, 30, 31
        Collections.swap(sent, 4, 8);
        assertEquals(TEXT.replace("x := 1", "x := 1return 1 // ok"), replay(sent));
    }

    /** Random edits (insertions, deletions, replacements, across lines and non-ASCII text), delivered shuffled within small windows. */
    @Test
    void randomEditsShuffledGiveTheSameTextAsInOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            String text = TEXT;
            List<Change> changes = new ArrayList<>();
            int version = 1;
            for (int i = 0; i < 30; i++) {
                int a = random.nextInt(text.length() + 1), b = Math.min(text.length(), a + random.nextInt(4));
                String insert = List.of("", "x", "é", "世界", "\n", "ab\ncd", "}").get(random.nextInt(7));
                version += 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0); // versions may jump, as Neovim's do
                changes.add(new Change(version, new Range(position(text, a), position(text, b)), insert));
                text = text.substring(0, a) + insert + text.substring(b);
            }
            List<Change> sent = new ArrayList<>(changes);
            for (int i = 0; i + 4 < sent.size(); i += 5) Collections.shuffle(sent.subList(i, i + 4), random);
            assertEquals(text, replay(sent), "round " + round + ", sent " + sent.stream().map(Change::version).toList());
        }
    }

    /** A history holds at most 64 notifications and 1 M characters: a late change older than that is applied as it comes. */
    @Test
    void theHistoryIsBounded() {
        ChangeHistory h = ChangeHistory.EMPTY;
        String big = "x".repeat(300_000);
        for (int v = 2; v <= 6; v++) {
            h = h.with(new ChangeHistory.Entry(v, List.of(new TextDocumentContentChangeEvent(range(0, 0, 0, 0), big)), List.of()));
        }
        assertEquals(List.of(4, 5, 6), h.entries().stream().map(ChangeHistory.Entry::version).toList());
        assertEquals(List.of(), h.newerThan(3), "version 3 was dropped: what came after it cannot be redone");
        assertEquals(List.of(5, 6), h.newerThan(4).stream().map(ChangeHistory.Entry::version).toList());
        for (int v = 7; v < 100; v++) h = h.with(new ChangeHistory.Entry(v, List.of(), List.of()));
        assertEquals(ChangeHistory.KEPT, h.entries().size());
    }

    private String replay(List<Change> sent) {
        return loop.ask(() -> {
            ws.close(URI);
            ws.open(URI, Path.of("/tmp/order/p.go"), 1, TEXT);
            for (Change c : sent) ws.change(URI, c.version(), List.of(new TextDocumentContentChangeEvent(c.range(), c.text())));
            return ws.view().document(URI).orElseThrow().source().text();
        }).join();
    }

    private static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    private static Position position(String text, int offset) {
        String before = text.substring(0, offset);
        int line = (int) before.chars().filter(ch -> ch == '\n').count();
        return new Position(line, offset - (before.lastIndexOf('\n') + 1));
    }
}
