package dev.optlens.server;

import com.google.gson.JsonObject;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.gate.AssertionResult;
import dev.optlens.analysis.gate.GateFinding;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes decisions as diagnostics: {@code source "optlens"}, {@code code} = the kind, the document
 * version set, sorted, with the explanation as related information and, as data, where the compiler
 * put the decision ({@code line}, {@code column}, {@code function}: what identifies it for a code action). An
 * empty list clears a file. When the package does not compile, one extra diagnostic says so and why.
 * An assertion that does not hold is an Error on its directive ({@code code} = the directive, e.g.
 * {@code optlens:noescape}); a decision new since the module's baseline is a Warning.
 * Each publish runs on the loop with the state it publishes (see {@link ServerLoop}), so what is sent
 * for a file never goes back to an older version, and nothing is sent for a file that is closed.
 */
final class DiagnosticsPublisher {
    static final String SOURCE = "optlens";
    static final String COMPILE_ERROR_CODE = "compile-error";
    static final String EXCLUDED_CODE = "excluded";
    static final String TOO_LARGE_CODE = "too-large";
    /** An error of the package's tests, which do not compile while the package does. */
    static final String TEST_ERROR_CODE = "test-compile-error";
    /** Inlining lost since the baseline (the decision that is gone has no diagnostic of its own). */
    static final String BASELINE_CODE = "baseline";
    static final String NEW_SUFFIX = " (new since the baseline)";
    /** In a finding's {@code data}: the fingerprint {@code optlens check --format=sarif} gives the same finding. */
    static final String FINGERPRINT = "fingerprint";

    private final ServerContext ctx;
    /**
     * What was last sent per URI, as a fingerprint: holding the sent lists themselves would keep every
     * diagnostic of a huge file twice.
     */
    private final Map<String, Integer> last = new HashMap<>();

    DiagnosticsPublisher(ServerContext ctx) {
        this.ctx = ctx;
    }

    /** Publishes for every open document of the package, as the current state has them. */
    void publishPackage(WorkspaceState view, Path dir) {
        ctx.loop.confined("publish");
        OptlensClient client = ctx.client();
        if (client == null) return;
        for (DocumentSnapshot doc : view.documentsIn(dir)) {
            PublishDiagnosticsParams params = new PublishDiagnosticsParams(doc.uri(), diagnostics(view, doc), doc.version());
            Integer fingerprint = params.hashCode();
            if (fingerprint.equals(last.get(doc.uri()))) continue;
            last.put(doc.uri(), fingerprint);
            client.publishDiagnostics(params);
        }
    }

    /** Clears a closed document's diagnostics (unless it was opened again meanwhile). */
    void clear(String uri) {
        ctx.loop.confined("publish");
        if (ctx.workspace.view().documents().containsKey(uri)) return;
        last.remove(uri);
        OptlensClient client = ctx.client();
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    List<Diagnostic> diagnostics(WorkspaceState view, DocumentSnapshot doc) {
        Settings settings = view.settings();
        LineIndex lines = doc.source().lines();
        PositionCodec codec = view.codec();
        List<Diagnostic> out = new ArrayList<>();
        GateView.DocumentGate gate = ctx.gate.of(view, doc);
        java.util.Set<String> said = new java.util.HashSet<>();
        for (TrackedDecision t : view.decisions(doc.path())) {
            DiagnosticSeverity severity = settings.severities().get(t.decision().kind());
            boolean isNew = gate.isNew(t);
            if (isNew) severity = DiagnosticSeverity.Warning;
            if (severity == null) continue;
            // One entry per thing the compiler decided: a generic function's instantiations say it again.
            if (!isNew && !said.add(t.range() + "\u001f" + t.decision().message())) continue;
            // What allocates nothing at run time (or only when panicking) stays visible, dimmed out of the Problems panel.
            String note = t.decision().allocation().note();
            if (!note.isEmpty() && !isNew) severity = DiagnosticSeverity.Hint;
            Diagnostic d = new Diagnostic(codec.toProtocol(lines, t.range()), t.decision().message() + (isNew ? NEW_SUFFIX : "")
                    + (note.isEmpty() ? "" : " (" + note + ")"), severity, SOURCE, t.decision().kind().id());
            // The compiler's explanation is the hover's, step by step with links: as related information it
            // would only repeat it as rows under every entry of the Problems panel.
            JsonObject data = new JsonObject();
            data.addProperty("line", t.decision().line());
            data.addProperty("column", t.decision().column());
            data.addProperty("function", t.decision().function());
            // A regression carries the fingerprint optlens check gives it (SARIF's partialFingerprints).
            if (isNew) data.addProperty(FINGERPRINT, gate.fresh().get(t).fingerprint());
            d.setData(data);
            out.add(d);
        }
        for (AssertionResult a : gate.assertions()) {
            if (a.holds()) continue;
            Diagnostic d = new Diagnostic(codec.toProtocol(lines, a.assertion().range()), a.explained(), DiagnosticSeverity.Error,
                    SOURCE, a.assertion().written());
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (Decision e : a.evidence()) {
                related.add(new DiagnosticRelatedInformation(new Location(e.file().toUri().toString(), range(view, e.file(), e.range())),
                        e.message()));
            }
            for (AssertionResult.CallSite s : a.sites()) {
                related.add(new DiagnosticRelatedInformation(new Location(s.file().toUri().toString(), range(view, s.file(), s.range())),
                        "call to " + s.callee() + " not inlined"));
            }
            d.setRelatedInformation(related);
            d.setData(fingerprint(gate.failed().get(a).fingerprint()));
            out.add(d);
        }
        for (GateFinding c : gate.lost()) {
            Diagnostic d = new Diagnostic(codec.toProtocol(lines, c.range()), c.message() + NEW_SUFFIX,
                    DiagnosticSeverity.Warning, SOURCE, BASELINE_CODE);
            d.setData(fingerprint(c.fingerprint()));
            out.add(d);
        }
        compileError(view, doc).ifPresent(out::add);
        testErrors(view, doc).forEach(out::add);
        if (doc.tooLarge()) {
            out.add(new Diagnostic(new Range(new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(0, 0)),
                    "optlens: " + CompileInput.tooLargeMessage(doc.path(), doc.source().bytes().length),
                    DiagnosticSeverity.Information, SOURCE, TOO_LARGE_CODE));
        }
        excluded(view, doc).ifPresent(out::add);
        out.sort(Comparator.comparing((Diagnostic d) -> d.getRange().getStart().getLine())
                .thenComparing(d -> d.getRange().getStart().getCharacter())
                .thenComparing(d -> d.getCode().getLeft())
                .thenComparing(Diagnostic::getMessage));
        return out;
    }

    private static JsonObject fingerprint(String fingerprint) {
        JsonObject data = new JsonObject();
        data.addProperty(FINGERPRINT, fingerprint);
        return data;
    }

    /** A range in any file of the package, in the negotiated encoding. */
    private Range range(WorkspaceState view, Path file, TextRange r) {
        return view.lines(file).map(li -> view.codec().toProtocol(li, r))
                .orElse(new Range(new org.eclipse.lsp4j.Position(r.start().line(), r.start().character()),
                        new org.eclipse.lsp4j.Position(r.end().line(), r.end().character())));
    }

    private Optional<Diagnostic> compileError(WorkspaceState view, DocumentSnapshot doc) {
        List<CompileError> errors = view.pkg(doc.dir()).map(PackageView::errors).orElse(List.of());
        if (errors.isEmpty()) return Optional.empty();
        // The error in this file, else the first that names a place (go.mod's line, another file), else the first.
        CompileError first = errors.stream().filter(e -> e.file().map(doc.path()::equals).orElse(false)).findFirst()
                .or(() -> errors.stream().filter(e -> e.file().isPresent()).findFirst())
                .orElse(errors.get(0));
        LineIndex lines = doc.source().lines();
        TextRange at;
        if (first.file().map(doc.path()::equals).orElse(false) && first.line() > 0) {
            at = errorRange(doc, first); // the token the compiler names (an import path, an identifier)
        } else {
            at = new TextRange(new TextPosition(0, 0), new TextPosition(0, 0));
        }
        boolean haveLastGood = !view.decisions(doc.path()).isEmpty();
        String where = first.file().map(f -> f.getFileName() + ":" + first.line() + (first.column() > 0 ? ":" + first.column() : "")
                + ": ").orElse("");
        String message = "optlens: the package does not compile"
                + (haveLastGood ? "; showing decisions from the last version that compiled" : "")
                + ": " + where + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        Diagnostic d = new Diagnostic(view.codec().toProtocol(lines, at), message, DiagnosticSeverity.Warning, SOURCE,
                COMPILE_ERROR_CODE);
        return Optional.of(d);
    }

    /**
     * Each error of tests that do not compile, on the test file and line it names (never on a package
     * file): the package's decisions are shown without its tests meanwhile.
     */
    private List<Diagnostic> testErrors(WorkspaceState view, DocumentSnapshot doc) {
        List<Diagnostic> out = new ArrayList<>();
        for (CompileError e : view.pkg(doc.dir()).map(PackageView::testErrors).orElse(List.of())) {
            if (!e.file().map(doc.path()::equals).orElse(false) || e.line() < 1) continue;
            out.add(new Diagnostic(view.codec().toProtocol(doc.source().lines(), errorRange(doc, e)), "optlens: this test file does not"
                    + " compile, so the package's decisions are shown without its tests: " + e.message(),
                    DiagnosticSeverity.Warning, SOURCE, TEST_ERROR_CODE));
        }
        return out;
    }

    /**
     * The syntax at an error's position, as placement widens a bare point (a string's quote to the
     * string, an identifier whole); one character where the text has no syntax tree.
     */
    private static TextRange errorRange(DocumentSnapshot doc, CompileError e) {
        dev.optlens.analysis.syntax.GoSource src = doc.source();
        int column = Math.max(1, e.column());
        if (src.isParsed()) {
            synchronized (src) { // the tree is read by request threads too
                return dev.optlens.analysis.syntax.Placement.place(src, e.line(), column,
                        dev.optlens.analysis.syntax.Placement.Subject.POINT, "");
            }
        }
        LineIndex lines = src.lines();
        int offset = lines.offsetOfCompilerPosition(e.line(), column);
        TextPosition p = lines.positionOf(offset);
        return new TextRange(p, lines.positionOf(Math.min(lines.lineContentEnd(p.line()), offset + 1)));
    }

    /** A file the build leaves out has no decisions: one note says why, on its constraint line. */
    private Optional<Diagnostic> excluded(WorkspaceState view, DocumentSnapshot doc) {
        return view.excluded(doc.path()).map(x -> {
            LineIndex lines = doc.source().lines();
            int line = Math.max(0, Math.min(x.line() - 1, lines.lineCount() - 1));
            TextRange at = new TextRange(new TextPosition(line, 0), lines.positionOf(lines.lineContentEnd(line)));
            return new Diagnostic(view.codec().toProtocol(lines, at), "optlens: " + x.message(), DiagnosticSeverity.Information,
                    SOURCE, EXCLUDED_CODE);
        });
    }
}
