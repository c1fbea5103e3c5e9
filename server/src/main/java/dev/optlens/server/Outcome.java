package dev.optlens.server;

import dev.optlens.analysis.decision.CompileError;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.slice.FunctionSlice;

import java.util.List;
import java.util.Optional;

/** A result of analysing one {@link CompileInput}, to be applied by {@link Workspace#apply}. */
sealed interface Outcome {
    /**
     * A whole compile of the package.
     *
     * @param detailed slices of the same input whose full detail is kept for their functions
     */
    record Whole(PackageReport report, List<FunctionSlice> detailed, Optional<String> closureFallback) implements Outcome {
        Whole(PackageReport report, List<FunctionSlice> detailed) {
            this(report, detailed, Optional.empty());
        }
    }

    /**
     * The package's complete result after an edit inside one function: the result applied at
     * {@code baseSeq} with the closure's members' decisions replaced by the slice's (see
     * {@code EditClosure}); applied only over that base.
     *
     * @param tests whether test files are compiled (without, the base's test decisions go: see {@code ClosureRoute#base})
     */
    record Closure(FunctionSlice slice, long baseSeq, boolean tests) implements Outcome {
    }

    /**
     * The decisions a compile printed before its backend began. Only compiles without a slice deliver
     * them (see {@link PackageCompile}), so none has a slice's function to spare.
     */
    record Early(List<Decision> decisions) implements Outcome {
    }

    /** One function's decisions at full detail (the fast path after an edit, or detail for a hover). */
    record Slice(FunctionSlice slice) implements Outcome {
    }

    /**
     * The same input built as {@code optlens.compareWith} says, compared with the user's build.
     *
     * @param errors why the compared build did not compile (then there are no differences)
     */
    record Compared(String label, String toolchain, List<dev.optlens.analysis.compare.Difference> differences,
                    List<CompileError> errors) implements Outcome {
    }

    /** What the profile guiding the build decided on its own (the same input compiled without it, compared). */
    record Pgo(PgoMarks marks) implements Outcome {
    }

    /** The package could not be analysed: the last good decisions stay, marked as such. */
    record Failure(List<CompileError> errors) implements Outcome {
    }
}
