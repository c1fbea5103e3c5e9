package dev.optlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.GoReleases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate on the command line, on a copy of test-workspaces/gate: a baseline, then edits that add an
 * escape or break an inline (reported, exit 1) and edits that only move code (nothing reported);
 * assertions through check; SARIF validated by Microsoft's SARIF Multitool; GitHub workflow commands.
 */
class GateCommandTest {
    private static final Path WORKSPACES = Path.of(System.getProperty("optlens.repo", "..")).toAbsolutePath()
            .normalize().resolve("test-workspaces");

    @TempDir
    Path tmp;
    Path module;

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(env, args);
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @BeforeEach
    void copyWorkspace() throws IOException {
        module = dev.optlens.analysis.Workspaces.copy("gate", tmp);
    }

    private Path baseline(String pkg) throws IOException {
        CliRun b = run("baseline", module.resolve(pkg).toString());
        assertEquals(0, b.code(), b.err());
        Path file = tmp.resolve("optlens-baseline.json");
        Files.writeString(file, b.out());
        return file;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = module.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), "the edit's anchor is in " + file + ": " + from);
        Files.writeString(p, text.replace(from, to));
    }

    /** Fill's scratch array escapes: a slice of it is kept in a package variable. */
    private void makeScratchEscape() throws IOException {
        edit("regress/regress.go", "\treturn total + len(xs)\n", "\tkeep = scratch[:]\n\treturn total + len(xs)\n");
        edit("regress/regress.go", "// Last reads", "var keep []int\n\n// Last reads");
    }

    @Test
    void unchangedAndMovedCodeReportNothing() throws IOException {
        Path baseline = baseline("regress");
        CliRun same = run("check", "--baseline=" + baseline, module.resolve("regress").toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("since the baseline: 0 regressions, 0 fixed"), same.out());

        // Lines above, and the functions in another order: every decision keeps its identity.
        String text = Files.readString(module.resolve("regress/regress.go"));
        int last = text.indexOf("// Last reads");
        String moved = text.substring(0, text.indexOf("// Clamp is inlinable.")).replace("package regress",
                "package regress\n\n// Moved around.\n\nconst unrelated = 1\n") + text.substring(last)
                + "\n" + text.substring(text.indexOf("// Clamp is inlinable."), last);
        Files.writeString(module.resolve("regress/regress.go"), moved);
        CliRun after = run("check", "--baseline=" + baseline, "--fail-on=heap,inline,bounds,nil", module.resolve("regress").toString());
        assertEquals(0, after.code(), after.out() + after.err());
        assertTrue(after.out().contains("since the baseline: 0 regressions, 0 fixed"), after.out());
    }

    @Test
    void aNewEscapeIsReportedWithItsFlowAndFails() throws IOException {
        Path baseline = baseline("regress");
        makeScratchEscape();
        CliRun r = run("check", "--baseline=" + baseline, module.resolve("regress").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  Fill\n    ✗ regress.go:17  new: moved to heap: scratch\n"), r.out());
        assertTrue(r.out().contains("since the baseline: 1 regression (heap 1), 0 fixed"), r.out());
        assertTrue(r.err().contains("optlens: the gate fails: 1 finding"), r.err());
        // Not failing when heap is not asked for: still reported.
        CliRun lenient = run("check", "--baseline=" + baseline, "--fail-on=bounds", module.resolve("regress").toString());
        assertEquals(0, lenient.code(), lenient.out() + lenient.err());
        assertTrue(lenient.out().contains("! regress.go:17  new: moved to heap: scratch"), lenient.out());
    }

    @Test
    void aBrokenInlineIsReportedWithTheNewCostAndFails() throws IOException {
        Path baseline = baseline("regress");
        StringBuilder heavier = new StringBuilder("\tif x > hi {\n\t\treturn hi\n\t}\n");
        for (int i = 0; i < 12; i++) heavier.append("\tif x == ").append(i).append(" {\n\t\tx += ").append(i).append(" * lo\n\t}\n");
        edit("regress/regress.go", "\tif x > hi {\n\t\treturn hi\n\t}\n", heavier.toString());
        CliRun r = run("check", "--baseline=" + baseline, module.resolve("regress").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(Pattern.compile("✗ regress.go:5  no longer inlinable: cannot inline Clamp: function too complex: cost \\d+ exceeds budget 80")
                .matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("✗ regress.go:\\d+  call no longer inlined: Clamp \\(cannot inline Clamp: function too complex")
                .matcher(r.out()).find(), r.out());
        assertFalse(r.out().contains("refused inlining: cannot inline Clamp"), "the refusal is told once, as the reason: " + r.out());
    }

    static List<GoReleases.Release> releases() {
        return GoReleases.all();
    }

    @ParameterizedTest
    @MethodSource("releases")
    void assertionsThroughCheckOnEveryRelease(GoReleases.Release release) {
        CliRun holds = run(release.env(), "check", module.resolve("holds").toString());
        assertEquals(0, holds.code(), holds.out() + holds.err());
        assertTrue(holds.out().contains("  assertions: 10 of 10 hold\n"), holds.out());
        CliRun violated = run(release.env(), "check", "--format=json", module.resolve("violated").toString());
        assertEquals(1, violated.code(), violated.err());
        JsonObject pkg = JsonParser.parseString(violated.out()).getAsJsonObject().getAsJsonArray("packages").get(0).getAsJsonObject();
        TreeSet<String> verdicts = new TreeSet<>();
        for (JsonElement e : pkg.getAsJsonArray("assertions")) {
            JsonObject a = e.getAsJsonObject();
            verdicts.add(a.get("line").getAsInt() + " " + a.get("assertion").getAsString() + " " + a.get("verdict").getAsString());
        }
        // gcassert:noescape on line 60: go1.25+ prints "v escapes to heap in Heap:", which gcassert does not see; optlens does.
        assertTrue(verdicts.contains("60 gcassert:noescape violated"), release + ": " + verdicts);
        assertEquals(10, verdicts.stream().filter(v -> v.endsWith(" violated") || v.endsWith(" invalid")).count(), release + ": " + verdicts);
        assertTrue(JsonParser.parseString(violated.out()).getAsJsonObject().get("failed").getAsBoolean());
    }

    @Test
    void sarifIsValidAndItsFingerprintsSurviveAnUnrelatedEdit() throws Exception {
        Path baseline = baseline("regress");
        makeScratchEscape();
        CliRun first = run("check", "--format=sarif", "--baseline=" + baseline, module.resolve("regress").toString(), module.resolve("violated").toString());
        assertEquals(1, first.code(), first.err());
        Path sarif = tmp.resolve("first.sarif");
        Files.writeString(sarif, first.out());
        validate(sarif);

        JsonObject run = JsonParser.parseString(first.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray results = run.getAsJsonArray("results");
        assertEquals(11, results.size(), first.out()); // 10 assertions that do not hold, 1 new heap allocation
        JsonObject heap = null;
        for (JsonElement e : results) {
            if (e.getAsJsonObject().get("ruleId").getAsString().equals("moved-to-heap")) heap = e.getAsJsonObject();
        }
        assertTrue(heap != null, first.out());
        JsonObject region = heap.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("region");
        assertEquals(17, region.get("startLine").getAsInt());
        assertEquals(6, region.get("startColumn").getAsInt());
        assertEquals(13, region.get("endColumn").getAsInt()); // "scratch", exactly
        assertFalse(heap.getAsJsonArray("codeFlows").isEmpty(), "the compiler's flow travels with the result");

        // Unrelated lines above everything: same fingerprints, other lines.
        edit("regress/regress.go", "package regress\n", "package regress\n\n// One.\n// Two.\n// Three.\n");
        edit("violated/violated.go", "package violated\n", "package violated\n\n// Unrelated.\n");
        CliRun second = run("check", "--format=sarif", "--baseline=" + baseline, module.resolve("regress").toString(), module.resolve("violated").toString());
        assertEquals(fingerprints(first.out()), fingerprints(second.out()));
        assertEquals(11, new java.util.HashSet<>(fingerprints(first.out())).size(), "each result has a fingerprint of its own");
        assertTrue(second.out().contains("\"startLine\" : 20"), "the heap allocation moved down three lines");
    }

    private static List<String> fingerprints(String sarif) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
            out.add(e.getAsJsonObject().getAsJsonObject("partialFingerprints").get(SarifOutput.FINGERPRINT).getAsString());
        }
        out.sort(null);
        return out;
    }

    /**
     * Runs {@code Sarif.Multitool validate}: no error, and no warning but the one about a missing
     * informationUri (optlens has no public home page to name).
     */
    private void validate(Path sarif) throws Exception {
        SarifValidator.validate(sarif, tmp);
    }

    @Test
    void githubFormatIsWorkflowCommandsWithinGitHubsLimit() throws IOException {
        // Twelve violated assertions: more than GitHub shows for one type.
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 12; i++) more.append("\nfunc More").append(i).append("(xs []int, j int) int {\n\treturn xs[j] //optlens:nobce\n}\n");
        Files.writeString(module.resolve("violated/more.go"), "package violated\n" + more);
        CliRun r = run("check", "--format=github", module.resolve("violated").toString());
        assertEquals(1, r.code(), r.err());
        Pattern command = Pattern.compile("^::(error|warning) file=[^,:]+,line=\\d+,endLine=\\d+(,col=\\d+,endColumn=\\d+)?,title=[^:,]+::[^\\r\\n]+$");
        Pattern summary = Pattern.compile("^::error title=[^:,]+::\\d+ more optlens findings of this type are in the log .*$");
        int errors = 0;
        Matcher stop = Pattern.compile("(?m)^::stop-commands::(optlens-[0-9a-f]{32})$").matcher(r.out());
        assertTrue(stop.find(), "the plain lines are not in a stop-commands section: " + r.out());
        String resume = "::" + stop.group(1) + "::";
        assertTrue(r.out().endsWith("\n" + resume + "\n"), r.out());
        for (String line : r.out().split("\n")) {
            if (!line.startsWith("::") || line.equals(resume) || line.equals("::stop-commands::" + stop.group(1))) continue;
            errors++;
            Matcher m = command.matcher(line);
            assertTrue(m.matches() || summary.matcher(line).matches(), "not a workflow command: " + line);
        }
        assertEquals(GithubOutput.ANNOTATIONS_PER_TYPE, errors, r.out());
        assertTrue(r.out().contains("::error title=optlens%3A 13 more::13 more optlens findings"), r.out());
        assertTrue(r.out().contains("::error file=" + module.resolve("violated/violated.go").toString().substring(1).replace(":", "%3A")) || r.out().contains("::error file=/"), r.out());
        // Every finding is in the log as a plain line too.
        assertEquals(22, r.out().lines().filter(l -> l.matches(".*\\.go:\\d+:\\d+: error: .*")).count(), r.out());
    }

    /** A comment with a lone CR and a workflow command after it reaches no line of the log as a command. */
    @Test
    void repositoryTextCannotRunAWorkflowCommand() throws IOException {
        Files.writeString(module.resolve("violated/inject.go"), "package violated\n\nfunc Inject() *int {\n"
                + "\tx := 1 //optlens:stack x\r::error title=injected::hi\n\treturn &x\n}\n");
        CliRun r = run("check", "--format=github", module.resolve("violated").toString());
        assertEquals(1, r.code(), r.err());
        String resume = r.out().substring(r.out().lastIndexOf("\n::", r.out().length() - 2) + 1).strip();
        boolean stopped = false;
        for (String line : r.out().split("[\r\n]")) {
            if (line.startsWith("::stop-commands::")) stopped = true;
            else if (line.equals(resume)) stopped = false;
            else if (line.contains("injected") && !line.startsWith("::error file=")) {
                assertTrue(stopped, "the repository's text is printed where commands run: " + line);
            }
            assertTrue(!line.stripLeading().startsWith("::error title=injected"), "a line starts the injected command: " + line);
        }
        assertTrue(r.out().contains("%0D::error title=injected::hi"), r.out());
    }

    @Test
    void aBadBaselineOrFlagIsAClearMessage() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"hello\": 1}");
        CliRun r = run("check", "--baseline=" + bad, module.resolve("regress").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not an optlens baseline"), r.err());
        CliRun missing = run("check", "--baseline=" + tmp.resolve("nope.json"), module.resolve("regress").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no baseline file"), missing.err());
        CliRun flag = run("check", "--fail-on=speed", module.resolve("regress").toString());
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("--fail-on takes heap, inline, bounds and nil"), flag.err());
        // No Java class names, stack traces or third-party links in any of them.
        Files.writeString(bad, "\"just a string\"");
        Path binary = tmp.resolve("binary.json");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        for (String value : List.of(bad.toString(), tmp.toString(), "", binary.toString())) {
            CliRun r2 = run("check", "--baseline=" + value, module.resolve("regress").toString());
            assertEquals(2, r2.code(), value + ": " + r2.err());
            assertTrue(!r2.err().matches("(?s).*(java\\.|Exception|https?://|\\tat ).*"), value + ": " + r2.err());
            assertTrue(r2.err().contains(value.isEmpty() ? "--baseline needs a file" : value.equals(tmp.toString())
                    ? "names a folder" : "is not an optlens baseline"), value + ": " + r2.err());
        }
    }
}
