package dev.optlens.analysis.build;

import dev.optlens.analysis.decision.CompilerTextLog;
import dev.optlens.analysis.decision.SourceNames;

import java.util.ArrayList;
import java.util.List;

/**
 * A compile's output, kept line by line as it arrives (never as one text: a generated 5 MB file
 * prints 44 MB of -m text), with the paths of the files the compiler saw (copies, overlay
 * replacements) renamed to the user's files. Lines may be added from a thread reading a process.
 */
final class OutputLines {
    /** How many lines a failure message quotes. */
    private static final int QUOTED = 200;

    private final List<String> lines = new ArrayList<>();
    private final List<String[]> renames = new ArrayList<>();

    /** Every later line naming {@code from} names {@code to} instead. */
    OutputLines rename(String from, String to) {
        renames.add(new String[]{from, to});
        return this;
    }

    private boolean unmark;

    /** Every later line has the marks of renamed copies ({@link SourceNames}) taken out. */
    OutputLines unmarking() {
        unmark = true;
        return this;
    }

    String renamed(String line) {
        String mapped = line;
        for (String[] r : renames) if (mapped.contains(r[0])) mapped = mapped.replace(r[0], r[1]);
        return unmark ? SourceNames.unmarked(mapped) : mapped;
    }

    private final dev.optlens.analysis.decision.AllocationSites sites = new dev.optlens.analysis.decision.AllocationSites();
    /**
     * Every renamed line when recorded (for {@link CompileCache}), of the assembly only what
     * {@link #sites()} learnt from: json's test compile prints 127k lines of it, read again on every replay.
     */
    private List<String> recorded;

    /** Every later line is also recorded as it was kept or read, in order ({@link #recorded()}). */
    OutputLines recording() {
        recorded = new ArrayList<>();
        return this;
    }

    List<String> recorded() {
        return recorded == null ? List.of() : recorded;
    }

    /** Keeps a line; assembly ({@code -S}) is read into {@link #sites()} instead of kept. */
    synchronized void add(String line) {
        // Most of a listing (json: 60k of its 63k lines) is relocations, machine code, and instructions that neither
        // call nor use the zero-size address: they tell the sites nothing once one instruction was read, and are
        // dropped before they are renamed and matched (on json 34 ms of a core, taken from the compile beside it).
        if (line.startsWith("\trel ") || line.startsWith("\t0x") && sites.isRead() && !line.contains("\tCALL\t")
                && !line.contains("runtime.zerobase")) {
            return;
        }
        String r = renamed(line);
        boolean assembly = dev.optlens.analysis.decision.AllocationSites.isAssembly(r);
        boolean told = assembly ? sites.line(r) : lines.add(r);
        if (!assembly && reader != null) reader.line(r);
        if (recorded != null && told) recorded.add(r);
    }

    /** Reads the -m text as it arrives, when {@link #parsing} was asked for (null once lines were put first). */
    private CompilerTextLog.Reader reader;

    /**
     * Every later line is also read as -m text while it arrives ({@link #parsed}): the compile's reader thread
     * does that work while the compile runs, not after it.
     */
    OutputLines parsing(java.nio.file.Path workDir, java.util.Optional<java.nio.file.Path> goroot) {
        if (lines.isEmpty()) reader = new CompilerTextLog.Reader(workDir, goroot);
        this.workDir = workDir;
        this.goroot = goroot;
        return this;
    }

    private java.nio.file.Path workDir;
    private java.util.Optional<java.nio.file.Path> goroot = java.util.Optional.empty();

    /** The -m text parsed, once the processes have ended: read as it arrived, else now. */
    synchronized CompilerTextLog.Parsed parsed(boolean succeeded) {
        if (reader != null) return reader.done(succeeded);
        return CompilerTextLog.parse(lines, workDir, succeeded, goroot);
    }

    /** What the assembly printed so far says per line. */
    dev.optlens.analysis.decision.AllocationSites sites() {
        return sites;
    }

    /** Each line of a text (a process's other stream, usually short). */
    void addAll(String text) {
        if (!text.isEmpty()) text.lines().forEach(this::add);
    }

    /** Lines that go before everything kept so far (renamed like the others). */
    synchronized void addFirst(List<String> first) {
        reader = null; // read again in order, at the end
        lines.addAll(0, first.stream().map(this::renamed).toList());
    }

    /** The lines kept so far. */
    synchronized List<String> copy() {
        return List.copyOf(lines);
    }

    /** All lines, once the processes have ended. */
    List<String> lines() {
        return lines;
    }

    /** The start of the output: what a failure message may quote, not all of it. */
    synchronized String quoted() {
        return String.join("\n", lines.subList(0, Math.min(lines.size(), QUOTED)));
    }
}
