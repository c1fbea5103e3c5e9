package dev.optlens.analysis.decision;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the compiler's assembly ({@code -S}) shows per source line: whether a call into the runtime
 * that may allocate is made there, and whether the zero-size allocation's address
 * ({@code runtime.zerobase}) is used there. Read line by line as the compile prints it, and kept per
 * line only (the listing itself is not kept: a package prints megabytes of it).
 */
public final class AllocationSites {
    /** No assembly was read: nothing can be said. */
    public static final AllocationSites NONE = new AllocationSites();

    private static final Pattern INSTRUCTION = Pattern.compile("^\\t0x[0-9a-f]+ \\d+ \\((.+):(\\d+)\\)\\t(\\S+)(?:\\t(.*))?$");
    /** {@code NAME STEXT size=54 args=…}, {@code NAME SRODATA static dupok size=7}: a name may hold spaces (a struct shape). */
    private static final Pattern SYMBOL_HEADER = Pattern.compile(" S[A-Z0-9]{3,}(?: [a-z]+)* size=\\d+");
    private static final Pattern RUNTIME_CALL = Pattern.compile("runtime\\.(\\w+)\\(SB\\)");
    private static final int CALLS = 1;
    private static final int ZEROBASE = 2;

    /**
     * Runtime functions that never allocate: panics, checks, memory moves, write barriers, comparisons,
     * map and channel reads. Any other runtime call counts as one that may allocate, so that a line
     * is said not to allocate only when nothing there could.
     */
    private static final Set<String> NOT_ALLOCATING = Set.of("gopanic", "panicIndex", "panicIndexU", "panicSliceAlen",
            "panicSliceAlenU", "panicSliceAcap", "panicSliceAcapU", "panicSliceB", "panicSliceBU", "panicSlice3Alen",
            "panicSlice3AlenU", "panicSlice3Acap", "panicSlice3AcapU", "panicSlice3B", "panicSlice3BU", "panicSlice3C",
            "panicSlice3CU", "panicSliceConvert", "panicdivide", "panicshift", "panicdottypeE", "panicdottypeI",
            "panicnildottype", "panicwrap", "panicmem", "panicmemAddr", "panicunsafeslicelen", "panicunsafeslicenilptr",
            "panicunsafestringlen", "panicunsafestringnilptr", "panicrangestate", "panicrangeexit", "racefuncenter",
            "racefuncexit", "raceread", "racewrite", "racereadrange", "racewriterange", "morestack", "morestack_noctxt",
            "memequal", "memequal8", "memequal16", "memequal32", "memequal64", "memequal128", "memequal_varlen", "memmove",
            "memclrNoHeapPointers", "memclrHasPointers", "typedmemmove", "typedmemclr", "typedslicecopy", "wbZero", "wbMove",
            "gcWriteBarrier", "gcWriteBarrier1", "gcWriteBarrier2", "gcWriteBarrier3", "gcWriteBarrier4", "gcWriteBarrier5",
            "gcWriteBarrier6", "gcWriteBarrier7", "gcWriteBarrier8", "duffzero", "duffcopy", "cmpstring", "efaceeq", "ifaceeq",
            "strequal", "interequal", "nilinterequal", "mapaccess1", "mapaccess2", "mapaccess1_fast32", "mapaccess2_fast32",
            "mapaccess1_fast64", "mapaccess2_fast64", "mapaccess1_faststr", "mapaccess2_faststr", "mapaccess1_fat",
            "mapaccess2_fat", "mapiterinit", "mapiternext", "chanrecv1", "chanrecv2", "chansend1", "selectnbsend",
            "selectnbrecv", "closechan", "deferreturn", "deferprocStack", "assertE2I", "assertE2I2", "typeAssert",
            "interfaceSwitch", "getcallerpc", "getcallersp", "checkptrAlignment", "checkptrArithmetic", "countrunes",
            "decoderune", "memhash", "strhash", "nilinterhash", "interhash", "f32hash", "f64hash", "c64hash", "c128hash");

    private final Map<String, Integer> byLine = new HashMap<>();
    /** The runtime functions that may allocate, called per line ({@code file:line}), by name. */
    private final Map<String, java.util.SortedSet<String>> calls = new HashMap<>();

    /** Whether a line of compiler output is assembly (an instruction, a relocation, a symbol header): none is -m text. */
    public static boolean isAssembly(String line) {
        return line.startsWith("\t0x") || line.startsWith("\trel ")
                || line.contains(" size=") && !line.startsWith("#") && SYMBOL_HEADER.matcher(line).find();
    }

    /**
     * Reads one line of assembly; other lines are ignored. Whether the line told something: read
     * again alone, in order, the lines that did tell all that the listing does (a kept compile keeps
     * only those).
     */
    public synchronized boolean line(String asm) {
        if (!asm.startsWith("\t0x")) return false;
        Matcher m = INSTRUCTION.matcher(asm);
        if (!m.matches()) return false;
        String args = m.group(4) == null ? "" : m.group(4);
        int flags = 0;
        if (args.contains("runtime.zerobase(SB)")) flags |= ZEROBASE;
        if (m.group(3).equals("CALL")) {
            Matcher call = RUNTIME_CALL.matcher(args);
            if (call.find() && !NOT_ALLOCATING.contains(call.group(1))) {
                flags |= CALLS;
                calls.computeIfAbsent(m.group(1) + ":" + m.group(2), k -> new java.util.TreeSet<>()).add("runtime." + call.group(1));
            }
        }
        if (flags != 0) byLine.merge(m.group(1) + ":" + m.group(2), flags, (a, b) -> a | b);
        boolean first = !seen;
        seen = true;
        return flags != 0 || first;
    }

    private boolean seen;

    /** Whether any instruction was read: only then is a line's silence evidence. */
    public synchronized boolean isRead() {
        return seen;
    }

    /**
     * Per line ({@code file:line}), the runtime functions that may allocate called there
     * ({@code runtime.growslice}): what a profile's allocation on a line the compiler did not mark is.
     */
    public synchronized Map<String, java.util.List<String>> allocatingCalls() {
        Map<String, java.util.List<String>> out = new HashMap<>();
        calls.forEach((k, v) -> out.put(k, java.util.List.copyOf(v)));
        return out;
    }

    /** Whether a call that may allocate is made at the line. */
    public synchronized boolean mayAllocateAt(Path file, int line) {
        return (byLine.getOrDefault(file + ":" + line, 0) & CALLS) != 0;
    }

    /** Whether the zero-size allocation's address is used at the line. */
    public synchronized boolean zeroSizeAt(Path file, int line) {
        return (byLine.getOrDefault(file + ":" + line, 0) & ZEROBASE) != 0;
    }
}
