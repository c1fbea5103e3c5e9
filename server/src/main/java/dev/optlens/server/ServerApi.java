package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import java.util.List;

/**
 * Every name the server exposes: command ids, custom notifications and setting keys. They are API
 * (the VS Code extension and users' editor configurations depend on them): add, never rename.
 */
public final class ServerApi {
    /**
     * {@code [{"uri","package"?}]} → {@code {"uri","version","decisions":[…]}}, each decision as
     * {@code optlens check --json} prints it; with {@code "package": true}, every file of the package.
     */
    public static final String COMMAND_DECISIONS = "optlens.decisions";
    /** Recompiles every package with an open document now. */
    public static final String COMMAND_REFRESH = "optlens.refresh";
    /** {@code [{"uri","position"?,"goarch"?,"goos"?,"full"?}]} → the function's assembly listing. */
    public static final String COMMAND_SHOW_ASSEMBLY = "optlens.showAssembly";
    /**
     * {@code [{"uri"}]} → {@code {"label","toolchain","compiled","errors":[…],"differences":[{"uri","range","function",
     * "change","kind","a"?,"b"?,"hint"}]}}: where the package of the document decides differently with
     * {@link #SETTING_COMPARE_WITH}'s build; {@code label} empty when nothing is compared.
     */
    public static final String COMMAND_DIFFERENCES = "optlens.differences";
    /**
     * {@code []} → {@code {"current":{"go","goarch"},"releases":[{"release","version","go"}],"goarch":[…]}}:
     * what can be compared with (installed releases, architectures), for a picker.
     */
    public static final String COMMAND_COMPARE_CHOICES = "optlens.compareChoices";
    /**
     * Runs the benchmarks of a document's package with a memory profile of every allocation and a CPU
     * profile; answers {@code {memProfile, cpuProfile, output}} for {@link #SETTING_PROFILES}.
     */
    public static final String COMMAND_RUN_BENCHMARKS = "optlens.runBenchmarks";
    public static final List<String> COMMANDS = List.of(COMMAND_DECISIONS, COMMAND_REFRESH, COMMAND_SHOW_ASSEMBLY,
            COMMAND_DIFFERENCES, COMMAND_COMPARE_CHOICES, COMMAND_RUN_BENCHMARKS);

    /**
     * Notification {@code {"dir","state","versions","heapAllocs","message","toolchain"}}: {@code state} is
     * one of {@link Status}; {@code toolchain} says which Go compiled the package and why that one (empty
     * until one was found). Once the build {@link #SETTING_COMPARE_WITH} names was compared on the same
     * input, a second {@code ready} carries {@code "compared": {"label","toolchain","differences","error"?}}.
     */
    public static final String NOTIFICATION_STATUS = "optlens/status";

    /** The states of {@link #NOTIFICATION_STATUS}, as they appear on the wire ({@link #wire}). */
    public enum Status {
        /** A compile of the package started. */
        ANALYSING("analysing"),
        /** One function's decisions were published from a slice or the early part of a compile; message = what. */
        PARTIAL("partial"),
        /** The package compiled and every decision is placed. */
        READY("ready"),
        /** The package does not compile, or could not be analysed; message = the first error. */
        FAILED("failed"),
        /** No usable Go toolchain; message = what to do. */
        NO_GO("noGo");

        public final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    /**
     * Internal: a request the server could not read is answered through this method with a parse
     * error and the request's id (see {@link FramedMessageProducer}). Clients never send it.
     */
    public static final String INVALID_MESSAGE = "optlens/invalidMessage";

    /** The configuration section; {@code initializationOptions} is this section's object itself. */
    public static final String SECTION = "optlens";
    public static final String SETTING_GO_PATH = "goPath";
    public static final String SETTING_GCFLAGS = "gcflags";
    public static final String SETTING_GOOS = "goos";
    public static final String SETTING_GOARCH = "goarch";
    public static final String SETTING_BUILD_TAGS = "buildTags";
    public static final String SETTING_DEBOUNCE_MS = "debounceMs";
    /** On an edit in a large package, publish the edited function's decisions from a slice first. */
    public static final String SETTING_FAST_PATH = "fastPath";
    /**
     * Kilobytes of Go source from which a package is large: its compile runs without the -json log
     * (at -m where escape explanations explode), and full detail (inline chains, nil checks, copies,
     * explanations) comes from slices, for the edited function and on hover.
     */
    public static final String SETTING_LARGE_PACKAGE_KB = "largePackageKB";
    /**
     * Kilobytes of text above which an open document is not parsed and its package not analysed while it
     * is open (one message says so): a syntax tree costs about 70 bytes per byte of Go.
     */
    public static final String SETTING_MAX_FILE_KB = "maxFileKB";
    /** The lowest level of the server's log sent to the client (window/logMessage): error, warning, info, debug. */
    public static final String SETTING_LOG_LEVEL = "logLevel";
    /**
     * The baseline file ({@code optlens baseline}) in the module root, relative to it: decisions new since
     * it are shown as Warnings. Empty: no baseline.
     */
    public static final String SETTING_BASELINE = "baseline";
    /**
     * The build whose decisions are compared with the user's, shown as hints and lenses where they
     * differ: {@code "1.27"}, {@code "arm64"}, {@code "go=1.27 goarch=arm64"}, {@code "GOAMD64=v3"}. Empty: none.
     */
    public static final String SETTING_COMPARE_WITH = "compareWith";
    /**
     * pprof profiles (a list of file names; relative ones are the workspace folder's): a memory profile's
     * share of allocated bytes follows each heap hint and is in hovers; a CPU profile's share is in hovers.
     */
    public static final String SETTING_PROFILES = "profiles";
    /**
     * The profile builds are guided by, as {@code go build -pgo}: {@code "auto"} (the default: the
     * default.pgo of a main package of the module that imports the package), {@code "off"}, or a
     * CPU profile's file (relative: the module's). The profile's own decisions are marked {@code (PGO)}.
     */
    public static final String SETTING_PGO = "pgo";
    /** Object of booleans keyed by {@link HintKind#key()}. */
    public static final String SETTING_HINTS = "hints";
    /** Object keyed by decision kind id; values "off", "error", "warning", "information", "hint". */
    public static final String SETTING_DIAGNOSTICS = "diagnostics";

    private ServerApi() {
    }

    /**
     * optlens's version, as the build wrote it ({@code dev} for a development build). From the jar's
     * manifest when there is one: the answer to {@code initialize} needs it, and with a class-data
     * archive the jar is not opened before that unless a resource is read from it (10–15 ms).
     */
    public static String version() {
        String manifest = ServerApi.class.getPackage().getImplementationVersion();
        if (manifest != null) return manifest;
        try (java.io.InputStream in = ServerApi.class.getResourceAsStream("/dev/optlens/optlens.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
