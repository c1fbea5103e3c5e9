package dev.optlens.server;

import dev.optlens.analysis.build.Detail;
import dev.optlens.analysis.engine.PackageReport;
import dev.optlens.analysis.engine.PackageResolver;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a large package (see {@link Settings#DEFAULT_LARGE_PACKAGE_KB}) is compiled: without the
 * -json log, at -m where escape explanations explode, its tests only while one is open, and with a
 * slice of the edited function first.
 */
final class LargePackagePolicy {
    /**
     * Explanation steps per decision above which a large package compiles at -m: most packages have
     * 1–3 (encoding/json 2, net/http 3), go/types 268, where -m=2 takes 4× the time of -m.
     */
    static final double COSTLY_EXPLANATION_STEPS = 20;

    private LargePackagePolicy() {
    }

    /** What the last compiles of one package taught: written by compile threads, read by the next compile. */
    static final class Profile {
        private volatile boolean costlyExplanations;
        private volatile long lastCompileMillis;
        /** The package's last complete result that was applied: a closure's base (see {@link ClosureRoute}). */
        final ClosureRoute.Complete complete = new ClosureRoute.Complete();
        /** Whether the last closure tried stood for the package (at first: presumed). */
        volatile boolean closureStands = true;
        /**
         * The function ({@code file#name}) whose last closure did not stand, and how many of its edits
         * since skipped the closure: the package compile alone answers them (see {@link #skipsClosure}).
         */
        private String skipsFor = "";
        private int skipped;
        /**
         * The function whose last closure found its facts changed, and stood or was not let finish: its
         * next closure compiles its callers with it at once (see {@link #callersAtOnce}).
         */
        private String callersAtOnce = "";

        /** A closure of {@code function} found its facts changed and compiles its callers (its verdict may follow). */
        synchronized void widening(java.util.Optional<String> function) {
            callersAtOnce = function.orElse("");
            skipsFor = "";
            skipped = 0;
        }

        /** What a closure of {@code function} found: whether it {@code stood} for the package, whether the function's facts changed. */
        synchronized void closureVerdict(java.util.Optional<String> function, boolean stood, boolean factsChanged) {
            String f = function.orElse("");
            callersAtOnce = stood && factsChanged ? f : "";
            skipsFor = stood ? "" : f;
            skipped = 0;
        }

        /**
         * Whether an edit of this function compiles its callers in the closure's first compile: its last
         * closure found its facts changed, as a user toggling an escape in one function does edit after
         * edit. Two compiles one after the other (the function, then it and its callers) lost to the
         * package compile every time; one compile of them is shorter (json's isValidTag, whose caller is
         * in the encoders' cycle of 11 functions: 590–690 ms against 720 for the package compile in the
         * engine, which still finishes first beside it in the server).
         */
        synchronized boolean callersAtOnce(java.util.Optional<String> function) {
            return function.isPresent() && function.get().equals(callersAtOnce);
        }

        /**
         * Whether an edit of this function goes to the package compile alone: its last closure did not
         * stand, even with its callers at once; beside the package compile even a closure that yields
         * costs it a share of the processor (json, a parameter made to escape: 1,093 ms against 911
         * alone, go1.26). Every fourth such edit tries the closure again (facts kept once more: a
         * comment, a rename inside).
         */
        synchronized boolean skipsClosure(java.util.Optional<String> function) {
            if (closureStands || function.isEmpty() || !function.get().equals(skipsFor)) return false;
            if (++skipped < 4) return true;
            skipped = 0;
            return false;
        }

        void learn(boolean large, PackageReport report) {
            lastCompileMillis = report.compileMillis();
            if (large && report.explanationSteps() > COSTLY_EXPLANATION_STEPS) costlyExplanations = true;
        }

        /**
         * How long the package compile waits for the slice's compile before starting beside it: a thirtieth
         * of the last package compile, 10–300 ms. Measured on encoding/json (2 cores, scripts/benchmark.sh
         * json-fast, no early decisions beside a slice): waiting 200 ms put the package's result at 1.40×
         * the bare -m=2 compile (slice 0.29×), 30 ms at 1.31× (0.32×), 10 ms at 1.25× (0.30×), none at
         * 1.25× (0.35–0.37×): a few milliseconds let the slice's compile start first.
         */
        long sliceBudgetMs() {
            return Math.max(10, Math.min(300, lastCompileMillis / 30));
        }
    }

    static boolean isLarge(Path dir, Settings s) {
        try {
            return PackageResolver.goSourceBytes(dir) >= s.largePackageKB() * 1024L;
        } catch (IOException e) {
            return false;
        }
    }

    static Detail detail(boolean large, Profile profile) {
        return !large ? Detail.FULL : profile.costlyExplanations ? Detail.SUMMARY : Detail.EXPLAINED;
    }

    /**
     * Whether test files compile: always for a small package; for a large one only while one of them is
     * open (they can double the compile — net/http: 28 files, 33 test files — and nobody looks at them).
     */
    static boolean withTests(boolean large, CompileInput in) {
        return !large || in.openFiles().stream().anyMatch(p -> p.getFileName().toString().endsWith("_test.go"));
    }
}
