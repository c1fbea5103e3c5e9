package dev.optlens.analysis.engine;

import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.build.ExcludedFile;
import dev.optlens.analysis.decision.Allocation;
import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.CompilerMessage;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.InlineSite;
import dev.optlens.analysis.syntax.TextPosition;
import dev.optlens.analysis.syntax.TextRange;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A package report as bytes and back, every field as it was (a decoded report equals the encoded
 * one). Each distinct text is written once and then named by its number: a package's decisions
 * repeat their files, functions and flow steps.
 */
final class ReportCodec {
    private static final int NULL = -1;
    private static final int NEW = -2;

    private ReportCodec() {
    }

    static byte[] encode(PackageReport r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        Writer w = new Writer(new DataOutputStream(bytes));
        w.text(r.dir().toString());
        w.text(r.importPath());
        w.text(r.goVersion());
        w.text(r.toolchain());
        w.errors(r.errors());
        w.out.writeInt(r.decisions().size());
        for (Decision d : r.decisions()) w.decision(d);
        w.out.writeInt(r.unattached().size());
        for (CompilerMessage m : r.unattached()) {
            w.path(m.file());
            w.out.writeInt(m.line());
            w.out.writeInt(m.column());
            w.text(m.kind().name());
            w.text(m.message());
            w.steps(m.explanation());
            w.sites(m.inlinedFrom());
        }
        w.texts(r.warnings());
        w.out.writeLong(r.compileMillis());
        w.out.writeBoolean(r.compiledDirectly());
        w.text(r.detail().name());
        w.out.writeInt(r.excluded().size());
        for (ExcludedFile x : r.excluded()) {
            w.text(x.file().toString());
            w.out.writeInt(x.line());
            w.text(x.message());
        }
        w.errors(r.testErrors());
        Map<String, List<String>> calls = new TreeMap<>(r.allocatingCalls());
        w.out.writeInt(calls.size());
        for (var e : calls.entrySet()) {
            w.text(e.getKey());
            w.texts(e.getValue());
        }
        w.out.flush();
        return bytes.toByteArray();
    }

    static PackageReport decode(java.nio.ByteBuffer b) throws IOException {
        Reader in = new Reader(b);
        Path dir = Path.of(in.text());
        String importPath = in.text();
        String goVersion = in.text();
        String toolchain = in.text();
        List<CompileError> errors = in.errors();
        int n = in.in.readInt();
        List<Decision> decisions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) decisions.add(in.decision());
        n = in.in.readInt();
        List<CompilerMessage> unattached = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            unattached.add(new CompilerMessage(in.path(), in.in.readInt(), in.in.readInt(), DecisionKind.valueOf(in.text()), in.text(),
                    in.steps(), in.sites()));
        }
        List<String> warnings = in.texts();
        long millis = in.in.readLong();
        boolean direct = in.in.readBoolean();
        Detail detail = Detail.valueOf(in.text());
        n = in.in.readInt();
        List<ExcludedFile> excluded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) excluded.add(new ExcludedFile(Path.of(in.text()), in.in.readInt(), in.text()));
        List<CompileError> testErrors = in.errors();
        n = in.in.readInt();
        Map<String, List<String>> calls = new HashMap<>();
        for (int i = 0; i < n; i++) calls.put(in.text(), in.texts());
        return new PackageReport(dir, importPath, goVersion, toolchain, errors, decisions, unattached, warnings, millis, direct, detail,
                excluded, testErrors, calls);
    }

    /** The reads the report needs; a truncated or foreign file ends in an exception, never in a wrong report. */
    private record Input(java.nio.ByteBuffer bytes) {
        int readInt() throws IOException {
            try {
                return bytes.getInt();
            } catch (java.nio.BufferUnderflowException e) {
                throw new IOException("a kept report ends early", e);
            }
        }

        long readLong() throws IOException {
            try {
                return bytes.getLong();
            } catch (java.nio.BufferUnderflowException e) {
                throw new IOException("a kept report ends early", e);
            }
        }

        boolean readBoolean() throws IOException {
            try {
                return bytes.get() != 0;
            } catch (java.nio.BufferUnderflowException e) {
                throw new IOException("a kept report ends early", e);
            }
        }
    }

    private static final class Writer {
        final DataOutputStream out;
        private final Map<String, Integer> seen = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void text(String s) throws IOException {
            if (s == null) {
                out.writeInt(NULL);
                return;
            }
            Integer known = seen.get(s);
            if (known != null) {
                out.writeInt(known);
                return;
            }
            seen.put(s, seen.size());
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(NEW);
            out.writeInt(b.length);
            out.write(b);
        }

        void texts(List<String> all) throws IOException {
            out.writeInt(all.size());
            for (String s : all) text(s);
        }

        void path(Optional<Path> p) throws IOException {
            text(p.map(Path::toString).orElse(null));
        }

        void errors(List<CompileError> errors) throws IOException {
            out.writeInt(errors.size());
            for (CompileError e : errors) {
                path(e.file());
                out.writeInt(e.line());
                out.writeInt(e.column());
                text(e.message());
            }
        }

        void steps(List<ExplanationStep> steps) throws IOException {
            out.writeInt(steps.size());
            for (ExplanationStep s : steps) {
                text(s.message());
                path(s.file());
                out.writeInt(s.line());
                out.writeInt(s.column());
            }
        }

        void sites(List<InlineSite> sites) throws IOException {
            out.writeInt(sites.size());
            for (InlineSite s : sites) {
                text(s.file().toString());
                out.writeInt(s.line());
                out.writeInt(s.column());
            }
        }

        void decision(Decision d) throws IOException {
            text(d.file().toString());
            out.writeInt(d.line());
            out.writeInt(d.column());
            out.writeBoolean(d.range() != null);
            if (d.range() != null) {
                out.writeInt(d.range().start().line());
                out.writeInt(d.range().start().character());
                out.writeInt(d.range().end().line());
                out.writeInt(d.range().end().character());
            }
            text(d.kind().name());
            text(d.message());
            text(d.function());
            text(d.subject());
            steps(d.explanation());
            sites(d.inlinedFrom());
            text(d.allocation() == null ? null : d.allocation().name());
        }
    }

    /** Reads what {@link Writer} wrote (big-endian, as DataOutputStream writes), straight from the bytes. */
    private static final class Reader {
        final Input in;
        private final List<String> seen = new ArrayList<>();

        Reader(java.nio.ByteBuffer bytes) {
            this.in = new Input(bytes);
        }

        String text() throws IOException {
            int tag = in.readInt();
            if (tag == NULL) return null;
            if (tag != NEW) return seen.get(tag);
            int n = in.readInt();
            if (n < 0 || n > in.bytes.remaining()) throw new IOException("a kept report ends early");
            byte[] utf8 = new byte[n]; // the bytes may be a mapped file's, not an array's
            in.bytes.get(utf8);
            String s = new String(utf8, StandardCharsets.UTF_8);
            seen.add(s);
            return s;
        }

        List<String> texts() throws IOException {
            int n = in.readInt();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(text());
            return out;
        }

        /** Paths repeat (every flow step names its file): each is made once. */
        private final Map<String, Path> paths = new HashMap<>();

        Path pathOf(String s) {
            return paths.computeIfAbsent(s, Path::of);
        }

        Optional<Path> path() throws IOException {
            String s = text();
            return s == null ? Optional.empty() : Optional.of(pathOf(s));
        }

        List<CompileError> errors() throws IOException {
            int n = in.readInt();
            List<CompileError> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new CompileError(path(), in.readInt(), in.readInt(), text()));
            return out;
        }

        List<ExplanationStep> steps() throws IOException {
            int n = in.readInt();
            List<ExplanationStep> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new ExplanationStep(text(), path(), in.readInt(), in.readInt()));
            return out;
        }

        List<InlineSite> sites() throws IOException {
            int n = in.readInt();
            List<InlineSite> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(new InlineSite(pathOf(text()), in.readInt(), in.readInt()));
            return out;
        }

        Decision decision() throws IOException {
            Path file = pathOf(text());
            int line = in.readInt();
            int column = in.readInt();
            TextRange range = in.readBoolean()
                    ? new TextRange(new TextPosition(in.readInt(), in.readInt()), new TextPosition(in.readInt(), in.readInt())) : null;
            DecisionKind kind = DecisionKind.valueOf(text());
            String message = text();
            String function = text();
            String subject = text();
            List<ExplanationStep> explanation = steps();
            List<InlineSite> inlinedFrom = sites();
            String allocation = text();
            return new Decision(file, line, column, range, kind, message, function, subject, explanation, inlinedFrom,
                    allocation == null ? null : Allocation.valueOf(allocation));
        }
    }
}
