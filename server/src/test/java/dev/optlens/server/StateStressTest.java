package dev.optlens.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.decision.Decision;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,000 random edits across 10 files of 3 packages over real JSON-RPC, with hovers, inlay hint and
 * code lens requests, cancellations and closes/reopens interleaved, against an engine whose answers
 * finish in random order ({@link FakeAnalyzer}). At the end every open file shows exactly what a fresh
 * analysis of its final text gives; no publish ever went back to an older version; nothing was
 * published for a file after it was cleared and before it was opened again.
 */
class StateStressTest {
    private static final String[] SNIPPETS = {"\t_ = new(int)\n", "\tx := 1\n", "// note\n", "\t_ = new(int); _ = new(int)\n"};

    /** The client's view of one file. */
    private static final class Model {
        final Path path;
        final String uri;
        String text;
        int version = 1;
        boolean open = true;

        Model(Path path, String text) {
            this.path = path;
            this.uri = LspHarness.uri(path);
            this.text = text;
        }
    }

    /** What a fresh analysis of the final texts gives for one file, as "range message" lines. */
    interface Expected {
        List<String> of(Path file, Map<Path, String> finalTexts) throws Exception;
    }

    @Test
    void randomEditsEndWhereAFreshAnalysisDoes(@TempDir Path root) throws Exception {
        FakeAnalyzer fake = new FakeAnalyzer(7, 6, true);
        run(root, fake, 2_000, 11, false,
                (file, texts) -> StressChecks.placed(FakeAnalyzer.decisionsOf(file, texts.get(file))));
        // the orderings the test is about did happen: superseded compiles and slices (how many partial results
        // get applied depends on timing; SchedulerOrderingTest forces each ordering deterministically)
        assertTrue(fake.cancelled.get() > 50, "cancelled: " + fake.cancelled);
        assertTrue(fake.slices.get() > 50, "slices: " + fake.slices);
    }

    /**
     * The same with the real compiler, shorter: edits that keep the code compiling, the packages at
     * full detail, and the end compared with a fresh {@code PackageAnalyzer} run on the final texts.
     */
    @Test
    void randomEditsWithTheRealCompilerEndWhereAFreshAnalysisDoes(@TempDir Path root) throws Exception {
        dev.optlens.analysis.engine.PackageAnalyzer fresh = dev.optlens.analysis.engine.PackageAnalyzer.fromSystem();
        run(root, dev.optlens.analysis.engine.PackageAnalyzer.fromSystem(), 150, 5, true, (file, texts) -> {
            var req = new dev.optlens.analysis.engine.AnalysisRequest(file.getParent(), dev.optlens.analysis.build.BuildOptions.DEFAULT,
                    new dev.optlens.analysis.build.Overlay(texts), Optional.empty());
            return StressChecks.placed(fresh.analyze(req, dev.optlens.analysis.process.CancellationToken.NONE).decisionsIn(file));
        });
    }

    static RecordingClient run(Path root, dev.optlens.analysis.engine.Analyzer analyzer, int edits, long seed, boolean real,
                               Expected expected) throws Exception {
        List<Model> files = workspace(root);
        Random random = new Random(seed);
        try (LspHarness h = new LspHarness(analyzer)) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMs", 0);
            // with the fake every package is large (slices and early results too); the real compiler at full detail
            options.addProperty("largePackageKB", real ? 1_000 : 0);
            h.initialize(options, false);
            for (Model m : files) h.open(m.path, m.text);
            Map<String, List<Integer>> reopenedAt = new HashMap<>();
            Map<String, List<Integer>> closedAt = new HashMap<>();
            List<CompletableFuture<?>> requests = new ArrayList<>();
            for (int i = 0; i < edits; i++) {
                Model m = files.get(random.nextInt(files.size()));
                int roll = random.nextInt(100);
                if (!m.open) {
                    synchronized (h.client) {
                        reopenedAt.computeIfAbsent(m.uri, u -> new ArrayList<>()).add(h.client.diagnostics.size());
                    }
                    m.open = true;
                    m.version++;
                    h.remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(m.uri, "go", m.version, m.text)));
                } else if (roll < 3 && !real) {
                    synchronized (h.client) {
                        closedAt.computeIfAbsent(m.uri, u -> new ArrayList<>()).add(h.client.diagnostics.size());
                    }
                    m.open = false;
                    h.remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(m.uri)));
                } else if (roll < 8) {
                    requests.add(hover(h, m, random));
                } else if (roll < 11) {
                    InlayHintParams p = new InlayHintParams(new TextDocumentIdentifier(m.uri), LspHarness.range(0, 0, StressChecks.lines(m.text), 0));
                    requests.add(h.remote.getTextDocumentService().inlayHint(p));
                } else if (roll < 13) {
                    requests.add(h.remote.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(m.uri))));
                } else if (roll < 25) {
                    decisions(h, m).get(30, TimeUnit.SECONDS); // a round trip: compiles finish meanwhile
                } else if (real) {
                    validEdit(h, m, random);
                } else {
                    edit(h, m, random);
                }
            }
            for (Model m : files) {
                if (m.open) continue;
                synchronized (h.client) {
                    reopenedAt.computeIfAbsent(m.uri, u -> new ArrayList<>()).add(h.client.diagnostics.size());
                }
                m.open = true;
                m.version++;
                h.remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(m.uri, "go", m.version, m.text)));
            }
            for (CompletableFuture<?> r : requests) answeredOrCancelled(r);
            for (Path dir : files.stream().map(m -> m.path.getParent()).distinct().toList()) {
                awaitReady(h, dir, files.stream().filter(m -> m.path.getParent().equals(dir)).toList());
            }
            if (analyzer instanceof FakeAnalyzer fake) fake.awaitIdle(); // late answers of superseded inputs arrived too
            Map<Path, String> texts = new HashMap<>();
            for (Model m : files) texts.put(m.path, m.text);
            for (Model m : files) {
                JsonObject got = decisions(h, m).get(30, TimeUnit.SECONDS);
                assertEquals(m.version, got.get("version").getAsInt(), m.uri);
                List<String> want = expected.of(m.path, texts);
                assertTrue(!want.isEmpty(), "every file has decisions: " + m.uri);
                assertEquals(want, StressChecks.placed(got.getAsJsonArray("decisions")), m.uri + "\n" + m.text);
                h.client.awaitDiagnostics(m.uri, m.version);
            }
            StressChecks.checkPublishes(h.client, closedAt, reopenedAt);
            return h.client;
        }
    }

    private static List<Model> workspace(Path root) throws Exception {
        Files.writeString(root.resolve("go.mod"), "module stress\n\ngo 1.21\n");
        List<Model> files = new ArrayList<>();
        int[] perPackage = {4, 3, 3};
        for (int p = 0; p < perPackage.length; p++) {
            Path dir = Files.createDirectories(root.resolve("p" + p));
            for (int f = 0; f < perPackage[p]; f++) {
                StringBuilder b = new StringBuilder("package p" + p + "\n\n");
                for (int k = 0; k < 4; k++) {
                    b.append("func F").append(f).append('_').append(k).append("() {\n\t_ = new(int)\n\tx := 1\n\t_ = x\n}\n\n");
                }
                Path file = dir.resolve("f" + f + ".go");
                Files.writeString(file, b);
                files.add(new Model(file, b.toString()));
            }
        }
        return files;
    }

    /** Inserts a snippet at a line start, or deletes a line, or types a character: the same in the model. */
    private static void edit(LspHarness h, Model m, Random random) {
        String[] lines = m.text.split("\n", -1);
        int line = 2 + random.nextInt(Math.max(1, lines.length - 3));
        int kind = random.nextInt(3);
        int start = StressChecks.offset(m.text, line);
        if (kind == 0 || lines.length < 6) {
            String s = SNIPPETS[random.nextInt(SNIPPETS.length)];
            m.text = m.text.substring(0, start) + s + m.text.substring(start);
            h.change(m.path, ++m.version, LspHarness.range(line, 0, line, 0), s);
        } else if (kind == 1) {
            m.text = m.text.substring(0, start) + m.text.substring(StressChecks.offset(m.text, line + 1));
            h.change(m.path, ++m.version, LspHarness.range(line, 0, line + 1, 0), "");
        } else {
            int col = random.nextInt(lines[line].length() + 1);
            m.text = m.text.substring(0, start + col) + "y" + m.text.substring(start + col);
            h.change(m.path, ++m.version, LspHarness.range(line, col, line, col), "y");
        }
    }

    private static CompletableFuture<?> hover(LspHarness h, Model m, Random random) {
        int line = random.nextInt(StressChecks.lines(m.text));
        CompletableFuture<?> f = h.remote.getTextDocumentService().hover(
                new HoverParams(new TextDocumentIdentifier(m.uri), new Position(line, 2)));
        if (random.nextBoolean()) f.cancel(true); // $/cancelRequest
        return f;
    }

    private static CompletableFuture<JsonObject> decisions(LspHarness h, Model m) {
        JsonObject arg = new JsonObject();
        arg.addProperty("uri", m.uri);
        return h.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(ServerApi.COMMAND_DECISIONS, List.of(arg)))
                .thenApply(o -> JsonParser.parseString(new com.google.gson.Gson().toJson(o)).getAsJsonObject());
    }

    /** A request either answers or ends cancelled / superseded by an edit; it never fails otherwise. */
    private static void answeredOrCancelled(CompletableFuture<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (CancellationException e) {
            // cancelled by the test
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException r) {
                int code = r.getResponseError().getCode();
                if (code == ResponseErrorCode.RequestCancelled.getValue() || code == ResponseErrorCode.ContentModified.getValue()) return;
            }
            throw e;
        }
    }

    /** Waits for a ready status whose versions are the final versions of every file of the package. */
    private static void awaitReady(LspHarness h, Path dir, List<Model> files) {
        h.client.await("ready for " + dir, () -> {
            for (JsonObject s : h.client.statuses) {
                if (!s.get("state").getAsString().equals("ready") || !s.get("dir").getAsString().equals(dir.toString())) continue;
                JsonObject v = s.getAsJsonObject("versions");
                if (files.stream().allMatch(m -> v.has(m.uri) && v.get(m.uri).getAsInt() == m.version)) return Optional.of(s);
            }
            return Optional.empty();
        });
    }

    /** Inserts a statement as a function body's first line, or deletes one inserted before: the code still compiles. */
    private static void validEdit(LspHarness h, Model m, Random random) {
        String[] lines = m.text.split("\n", -1);
        List<Integer> funcs = new ArrayList<>();
        List<Integer> inserted = new ArrayList<>();
        for (int l = 0; l < lines.length; l++) {
            if (lines[l].startsWith("func ")) funcs.add(l);
            if (lines[l].equals("\t_ = make([]int, 8)") || lines[l].equals("\t_ = new(int)")) inserted.add(l);
        }
        if (random.nextInt(3) == 0 && !inserted.isEmpty()) {
            int line = inserted.get(random.nextInt(inserted.size()));
            m.text = m.text.substring(0, StressChecks.offset(m.text, line)) + m.text.substring(StressChecks.offset(m.text, line + 1));
            h.change(m.path, ++m.version, LspHarness.range(line, 0, line + 1, 0), "");
            return;
        }
        int line = funcs.get(random.nextInt(funcs.size())) + 1;
        String s = random.nextBoolean() ? "\t_ = new(int)\n" : "\t_ = make([]int, 8)\n";
        m.text = m.text.substring(0, StressChecks.offset(m.text, line)) + s + m.text.substring(StressChecks.offset(m.text, line));
        h.change(m.path, ++m.version, LspHarness.range(line, 0, line, 0), s);
    }
}
