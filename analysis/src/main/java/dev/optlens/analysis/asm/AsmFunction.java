package dev.optlens.analysis.asm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One function of the {@code -S} listing: its symbol ({@code example.com/p.(*T).M},
 * {@code example.com/p.Sum[go.shape.int]}), the header the compiler printed, and its instructions.
 * {@code file}/{@code line} are where its TEXT instruction points: the declaration.
 */
public record AsmFunction(String symbol, String header, Optional<Path> file, int line, List<AsmInstruction> instructions) {
}
