package dev.optlens.analysis.asm;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One instruction line of the compiler's {@code -S} listing.
 *
 * @param pc   the offset in the function (decimal, as jump targets name it)
 * @param file the source position the compiler attributes it to (innermost, so inside inlined code
 *             it names the inlined function's source); empty for compiler-generated code
 * @param line 1-based source line
 * @param op   the mnemonic (or pseudo-op such as TEXT, PCDATA, FUNCDATA)
 * @param args the operands as printed
 */
public record AsmInstruction(int pc, Optional<Path> file, int line, String op, String args) {
    /** Bookkeeping for the runtime, not machine code a reader cares about. */
    public boolean isNoise() {
        return op.equals("PCDATA") || op.equals("FUNCDATA");
    }

    /**
     * The decimal offset this branch goes to, when its last operand is a plain offset
     * ({@code JLS 171}, arm64 {@code CBZ R0, 16}, riscv64 {@code BEQ X5, X6, 24}).
     */
    public Optional<Integer> jumpTarget() {
        boolean branch = op.startsWith("J") || op.startsWith("B") || op.startsWith("CB") || op.startsWith("TB");
        if (!branch || op.equals("BL")) return Optional.empty();
        String last = args.substring(args.lastIndexOf(',') + 1).trim();
        return last.matches("\\d+") ? Optional.of(Integer.parseInt(last)) : Optional.empty();
    }

    /** The operands with the branch target written as a label ({@code L171}). */
    public String argsWithLabel() {
        Optional<Integer> t = jumpTarget();
        if (t.isEmpty()) return args;
        int comma = args.lastIndexOf(',');
        return (comma < 0 ? "" : args.substring(0, comma + 1) + " ") + "L" + t.get();
    }

    /** The called symbol of a CALL/BL/JAL instruction ({@code runtime.makeslice}), when it names one. */
    public Optional<String> callee() {
        if (!(op.equals("CALL") || op.equals("BL") || op.equals("JAL") || op.equals("CALLR"))) return Optional.empty();
        String a = args.trim();
        int sb = a.indexOf("(SB)");
        return sb > 0 ? Optional.of(a.substring(a.lastIndexOf(' ', sb) + 1, sb).replace(",", "")) : Optional.empty();
    }
}
