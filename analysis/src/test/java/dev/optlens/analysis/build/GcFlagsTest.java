package dev.optlens.analysis.build;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.process.GoEnvironment;
import dev.optlens.analysis.process.GoProcess;
import dev.optlens.analysis.process.ProcessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class GcFlagsTest {
    /** The audit's setting: under optlens's old tokenizer it reached the compiler as a -cpuprofile. */
    static final String SMUGGLED = "-l -d=ssa/check_bce/debug=1'\" -cpuprofile=/ws/pwned.prof '\"'\"-l\"' \"'\"'-l";

    @Test
    void userFlagsComeFirstAndOurLoggingFlagsReplaceTheirs() {
        assertEquals("-l -N -m=2 -json=0,file:///t", GcFlags.merge("-l -m -N -S", List.of("-m=2", "-json=0,file:///t")));
    }

    @Test
    void packagePatternIsDroppedAndQuotesKept() {
        assertEquals(List.of("-l", "-d=ssa/check_bce/debug=1"), GcFlags.userFlags("all=-l -d=ssa/check_bce/debug=1"));
        assertEquals("-l '-d=a b' -m=2", GcFlags.merge("-l \"-d=a b\"", List.of("-m=2")));
        // A leading quote would make the go command read the value as pattern=flags.
        assertThrows(IllegalArgumentException.class, () -> GcFlags.merge("\"-d=a b\"", List.of("-m=2")));
    }

    @Test
    void quotesCountOnlyAtTheStartOfAField() {
        // As cmd/internal/quoted.Split: "a'b c'" is two fields; "'a b'c" is "a b" then "c".
        assertEquals(List.of("-d=x'y", "z'"), GcFlags.split("-d=x'y z'"));
        assertEquals(List.of("a b", "c"), GcFlags.split("'a b'c"));
        assertEquals(List.of("", "x"), GcFlags.split("\"\" x"));
        assertThrows(IllegalArgumentException.class, () -> GcFlags.split("'-l"));
    }

    @Test
    void theAuditsSmuggledProfileFlagIsRefused() {
        // The audit's value does not even split (an unterminated quote): the go command would refuse it.
        assertThrows(IllegalArgumentException.class, () -> GcFlags.checked(SMUGGLED));
        // A quote inside a field is an ordinary character: the flag after it is a flag of its own.
        String smuggled = "-l -d=a'b -cpuprofile=/ws/pwned.prof 'c";
        assertEquals(List.of("-l", "-d=a'b", "-cpuprofile=/ws/pwned.prof", "c"), GcFlags.split(smuggled.replace("'c", "c")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GcFlags.checked(smuggled.replace("'c", "")));
        assertTrue(e.getMessage().contains("-cpuprofile"), e.getMessage());
    }

    /** Tags and the target reach go command lines too: only values of their own syntax pass. */
    @Test
    void buildTagsAndTargetsAreCheckedLikeFlags() {
        new BuildOptions("-l", Optional.of("linux"), Optional.of("arm64"), List.of("integration", "go1.22", "my_tag.v2")).check();
        for (BuildOptions bad : List.of(
                new BuildOptions("", Optional.empty(), Optional.empty(), List.of("a,b")),
                new BuildOptions("", Optional.empty(), Optional.empty(), List.of("x -toolexec=/bin/sh")),
                new BuildOptions("", Optional.empty(), Optional.empty(), List.of("'")),
                new BuildOptions("", Optional.of("linux -o /tmp/x"), Optional.empty(), List.of()),
                new BuildOptions("", Optional.empty(), Optional.of("amd64\nGOFLAGS=-x"), List.of()),
                new BuildOptions(SMUGGLED, Optional.empty(), Optional.empty(), List.of()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::check, bad.toString());
            assertTrue(e.getMessage().startsWith("optlens."), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aQuoteInsideAFlagStaysAsItIs() {
        assertEquals("-d=x'y -m=2", GcFlags.merge("-d=x'y", List.of("-m=2")));
        assertEquals("-l \"-d=a'b c\"", GcFlags.merge("-l \"-d=a'b c\"", List.of()));
    }

    /**
     * Random strings of quotes, spaces and flags: whatever {@link GcFlags#merge} accepts splits back, by
     * a reference model of the go command's splitter written independently here, into exactly the
     * fields that were checked, all of them allowed.
     */
    @Test
    void mergedValuesSplitBackIntoTheCheckedFieldsOnly() {
        Random random = new Random(20261203);
        String[] atoms = {"-l", "-N", "-m", "-d=ssa/check_bce/debug=1", "-cpuprofile=/tmp/p", "-o", "/tmp/x", "'", "\"", " ",
                "\t", "\n", "\r", "-", "=", "all=", "x", "é", "\u000b", "-d=a"};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int k = 0; k < n; k++) s.append(atoms[random.nextInt(atoms.length)]);
            String value = s.toString();
            List<String> checked;
            String merged;
            try {
                checked = GcFlags.userFlags(value);
                merged = GcFlags.merge(value, List.of("-m=2", "-d=ssa/check_bce/debug=1"));
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().startsWith("optlens.gcflags: "), refused.getMessage());
                continue;
            }
            accepted++;
            List<String> expected = new ArrayList<>(checked);
            expected.addAll(List.of("-m=2", "-d=ssa/check_bce/debug=1"));
            assertEquals(expected, goSplit(merged), "value " + escaped(value) + " merged as " + escaped(merged));
            for (String f : goSplit(merged)) {
                assertTrue(Set.of("l", "N", "m", "d").contains(f.replaceFirst("^--?", "").replaceFirst("=.*$", "")),
                        "a refused flag got through: " + escaped(f) + " from " + escaped(value));
            }
        }
        assertTrue(accepted > 1000, "too few random values were accepted to prove anything: " + accepted);
    }

    /**
     * The go command itself, given our merged value, runs a compile whose flags are the allowed ones:
     * {@code go build -n} prints the compile command without running it.
     */
    @Test
    void theGoCommandPassesOnlyAllowedFlagsToTheCompiler(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("go.mod"), "module example.org/flags\n\ngo 1.21\n");
        Files.writeString(tmp.resolve("p.go"), "package p\n\nfunc F() int { return 1 }\n");
        GoReleases.Release go = GoReleases.newest();
        List<String> values = List.of("-l '-d=ssa/check_bce/debug=1'", "all=-N -l", "-d=x'y", "-l \"-d=a'b\"", "-l '-d=a b'");
        for (String value : values) {
            String merged = GcFlags.merge(value, List.of("-m=2"));
            Map<String, String> env = GoEnvironment.forGo(go.env());
            ProcessResult r = GoProcess.run(List.of(go.go().toString(), "build", "-a", "-n", "-gcflags=" + merged, "."), tmp, env,
                    dev.optlens.analysis.process.CancellationToken.NONE);
            assertTrue(r.succeeded(), r.stderr());
            String compile = r.stderr().lines().filter(l -> l.contains("/compile ") && l.contains("-p example.org/flags"))
                    .findFirst().orElseThrow(() -> new AssertionError("no compile line: " + r.stderr()));
            List<String> expected = new ArrayList<>(GcFlags.userFlags(value));
            expected.add("-m=2");
            String printed = String.join(" ", expected.stream().map(GcFlagsTest::asPrinted).toList());
            assertTrue(compile.contains(" " + printed + " "), "the go command gave the compiler other flags than "
                    + expected + ":\n" + compile);
        }
        // The audit's value never reaches the go command at all.
        assertThrows(IllegalArgumentException.class, () -> GcFlags.merge(SMUGGLED, List.of("-m=2")));
        assertFalse(Files.exists(Path.of("/ws/pwned.prof")));
    }

    /** How {@code go build -n} prints an argument (cmd/go's joinUnambiguously: strconv.Quote when it must). */
    private static String asPrinted(String arg) {
        boolean escapes = arg.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20);
        if (!arg.isEmpty() && !escapes && arg.chars().noneMatch(c -> " ()>;".indexOf(c) >= 0)) return arg;
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** cmd/internal/quoted.Split, written again from its definition, to check ours against. */
    private static List<String> goSplit(String s) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (!rest.isEmpty()) {
            rest = rest.replaceFirst("^[ \t\n\r]+", "");
            if (rest.isEmpty()) break;
            char q = rest.charAt(0);
            if (q == '\'' || q == '"') {
                int end = rest.indexOf(q, 1);
                if (end < 0) fail("unterminated quote in " + escaped(s));
                out.add(rest.substring(1, end));
                rest = rest.substring(end + 1);
            } else {
                String field = rest.split("[ \t\n\r]", 2)[0];
                out.add(field);
                rest = rest.substring(field.length());
            }
        }
        return out;
    }

    private static String escaped(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
