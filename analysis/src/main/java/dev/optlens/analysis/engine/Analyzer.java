package dev.optlens.analysis.engine;

import dev.optlens.analysis.syntax.SourceCache;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.toolchain.ToolchainException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the server asks of the engine: a package's decisions, one function's at full detail, and the
 * environment and parsed sources it shares with the assembly view. {@link PackageAnalyzer} runs the
 * real compiler; tests of the server's orderings put a fake here.
 */
public interface Analyzer {
    /**
     * The package's decisions. When {@code early} is not null it may receive, on another thread and
     * possibly after this method returned, the decisions printed before the compile's backend began.
     */
    PackageReport analyze(AnalysisRequest req, CancellationToken cancel, Consumer<List<Decision>> early)
            throws ToolchainException, IOException;

    /**
     * Starts the analysis of {@code req} before it is asked for, for an {@link #analyze} of the same
     * request soon; an engine that cannot does nothing.
     */
    default void analyzeAhead(AnalysisRequest req) {
    }

    /**
     * One function's decisions at full detail from a compile of a slice of its package (empty when no
     * slice can be made); {@code compiled} is told once the slice's compile process has ended.
     *
     * @param line1 a 1-based line inside the function
     */
    Optional<FunctionSlice> analyzeFunction(AnalysisRequest req, Path file, int line1, CancellationToken cancel,
                                            Runnable compiled) throws ToolchainException, IOException;

    /**
     * The package's decisions after an edit inside one function, from a compile of the edit's closure,
     * when its facts are kept (see {@link EditClosure}); {@code base} is the package's last complete
     * result, in the current text. {@code widening} is told, on this thread, when the edited function's
     * facts changed and its callers are compiled with it (a second, longer compile, run at a lower
     * priority). An engine that makes no closures answers that the package compile must.
     */
    default EditClosure.Result analyzeClosure(AnalysisRequest req, Path file, int line1, List<Decision> base,
                                              CancellationToken cancel, Runnable widening) throws ToolchainException, IOException {
        return analyzeClosure(req, file, line1, base, false, cancel, widening);
    }

    /**
     * The same; with {@code callersAtOnce}, the edited function's callers are compiled with it in the
     * closure's one compile, as when its facts change (a user toggling an escape in one function edit
     * after edit): the answer of the second compile without the first. {@code widening} is not told.
     */
    default EditClosure.Result analyzeClosure(AnalysisRequest req, Path file, int line1, List<Decision> base, boolean callersAtOnce,
                                              CancellationToken cancel, Runnable widening) throws ToolchainException, IOException {
        return new EditClosure.Result(Optional.empty(), Optional.of("this engine makes no closures"));
    }

    /** The Go toolchain for a package directory (its module's go line decides, see {@code ToolchainLocator}). */
    dev.optlens.analysis.toolchain.GoToolchain toolchain(Optional<String> goPath, Path dir) throws ToolchainException;

    /** The environment go commands start from. */
    Map<String, String> environment();

    /** Parsed sources shared by placement and the assembly view. */
    SourceCache sources();
}
