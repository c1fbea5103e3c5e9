package dev.optlens.analysis.engine;

import dev.optlens.analysis.GoReleases;
import dev.optlens.analysis.StdPackages;
import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.process.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.syntax.LineIndex;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release matrix ({@link GoReleases}): on every installed Go, for the test workspaces and for
 * standard-library packages of that same release, what optlens reports equals what a plain
 * {@code go build -gcflags=-m=2} prints, read here independently of the product's parser:
 * <ul>
 * <li>the set of headlines equals the set of decisions that come from the text;</li>
 * <li>every heap allocation whose flow the compiler prints carries that flow;</li>
 * <li>no flow header ({@code x escapes to heap[ in F]:}, {@code parameter p leaks to ...:}) is a
 *     decision of its own unless no headline at its position is about its subject;</li>
 * <li>every range lies inside its file.</li>
 * </ul>
 */
class ReleaseConformanceTest {
    private static final List<String> WORKSPACES = List.of("basics", "generics", "methods-and-interfaces", "tests-included",
            "multi-package/store", "multi-package/cmd/app", "go-work/beta", "unicode", "same-basename", "vendored");
    private static final List<String> STD = List.of("encoding/json", "net/url", "text/template/parse");
    private static final Pattern POSITIONED = Pattern.compile("^(\\S+?\\.go):(\\d+):(\\d+): (.*)$");
    /** Logopt codes of the records only the -json log has; the text never prints them. */
    private static final Pattern JSON_ONLY = Pattern.compile("^(nilcheck|copy|iteration-variable-to-(heap|stack)|cannotInlineCall|loop-modified-\\w+)(: .*)?$");

    static Stream<Arguments> subjects() {
        List<Arguments> out = new ArrayList<>();
        for (GoReleases.Release r : GoReleases.all()) {
            for (String w : WORKSPACES) out.add(Arguments.of(r, "workspace", w));
            for (String p : STD) out.add(Arguments.of(r, "std", p));
        }
        return out.stream();
    }

    /** One line of the raw text: where and what. */
    private record Said(Path file, int line, int col, String text) {
        String position() {
            return file + ":" + line + ":" + col;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("subjects")
    void optlensReportsExactlyWhatTheCompilerPrinted(GoReleases.Release release, String kind, String name, @TempDir Path tmp)
            throws Exception {
        Path dir = kind.equals("std") ? StdPackages.open(release, name, tmp) : Workspaces.workspace(name);
        PackageReport report = release.analyzer().analyze(AnalysisRequest.of(dir), CancellationToken.NONE);
        assertReportsWhatTheCompilerPrinted(release, kind, name, dir, report);
    }

    /** The checks above, for a report of the package in {@code dir} made by any route. */
    static void assertReportsWhatTheCompilerPrinted(GoReleases.Release release, String kind, String name, Path dir,
                                                    PackageReport report) throws Exception {
        List<Said> headlines = new ArrayList<>();
        List<Said> headers = new ArrayList<>();
        readRawText(release, dir, headlines, headers);
        assertTrue(!headlines.isEmpty(), release + " printed nothing for " + dir);
        assertTrue(report.compiled(), report.errors().toString());
        assertTrue(report.toolchain().startsWith(release.version().text()), report.toolchain());
        // In place in GOROOT, optlens compiles the test variant too: compare the package's own files.
        List<Decision> decisions = report.decisions().stream().filter(d -> !d.file().toString().endsWith("_test.go")).toList();

        Set<String> expected = new TreeSet<>();
        headlines.forEach(h -> expected.add(h.position() + " " + h.text()));
        Set<String> orphanHeaders = new TreeSet<>();
        for (Said h : headers) {
            if (headlines.stream().noneMatch(l -> l.position().equals(h.position()) && about(h.text(), l.text()))) {
                orphanHeaders.add(h.position() + " " + h.text());
            }
        }
        Set<String> actual = new TreeSet<>();
        for (Decision d : decisions) {
            if (d.kind() == DecisionKind.BOUNDS_CHECK || JSON_ONLY.matcher(d.message()).matches()) continue;
            String key = d.file() + ":" + d.line() + ":" + d.column() + " " + d.message();
            if (d.kind() == DecisionKind.OTHER && orphanHeaders.contains(key)) continue;
            actual.add(key);
        }
        assertEquals(diff(expected, actual), diff(actual, expected), release + " " + name + ": headlines (left: only in the"
                + " compiler's text; right: only in optlens)");

        Map<String, List<String>> headersAt = new HashMap<>();
        headers.forEach(h -> headersAt.computeIfAbsent(h.position(), k -> new ArrayList<>()).add(h.text()));
        List<String> unexplained = new ArrayList<>();
        int explained = 0;
        for (Decision d : decisions) {
            if (!d.kind().isHeapAllocation()) continue;
            List<String> flows = headersAt.getOrDefault(d.file() + ":" + d.line() + ":" + d.column(), List.of()).stream()
                    .filter(h -> about(h, d.message())).toList();
            List<String> steps = d.explanation().stream().map(ExplanationStep::message).toList();
            if (flows.isEmpty()) continue;
            explained++;
            if (!steps.containsAll(flows)) unexplained.add(d.line() + ":" + d.column() + " " + d.message() + " lacks " + flows);
        }
        assertEquals(List.of(), unexplained, release + " " + name + ": heap allocations without the flow the compiler printed");
        if (kind.equals("std")) assertTrue(explained > 20, release + " " + name + ": only " + explained + " explained allocations");

        for (Decision d : decisions) {
            assertTrue(!(d.kind() != DecisionKind.OTHER && headersAt.getOrDefault(d.file() + ":" + d.line() + ":" + d.column(),
                    List.of()).contains(d.message()) && !headlines.contains(new Said(d.file(), d.line(), d.column(), d.message()))),
                    release + ": a flow header became a " + d.kind() + " decision: " + d);
            assertInside(d);
        }
    }

    /** Whether a header (without its colon) is about the subject of a headline at its position. */
    private static boolean about(String header, String headline) {
        String subject;
        if (headline.startsWith("moved to heap: ")) subject = headline.substring("moved to heap: ".length());
        else if (headline.endsWith(" escapes to heap")) subject = headline.substring(0, headline.length() - " escapes to heap".length());
        else if (headline.startsWith("leaking param")) subject = headline.replaceFirst("^leaking param(?: content)?: (\\S+).*$", "$1");
        else if (headline.startsWith("loop variable ")) subject = headline.split(" ")[2];
        else return false;
        if (headline.startsWith("leaking param")) return header.startsWith("parameter " + subject + " leaks to ");
        return header.startsWith(subject + " escapes to heap") || header.startsWith(subject + "(");
    }

    /** A plain build's -m=2 text, split into headlines and flow headers, for the files of {@code dir}. */
    private static void readRawText(GoReleases.Release release, Path dir, List<Said> headlines, List<Said> headers) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(release.go().toString(), "build", "-o", "/dev/null", "-gcflags=-m=2", ".")
                .directory(dir.toFile());
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOPROXY", "off");
        pb.environment().remove("GOFLAGS");
        Process p = pb.start();
        p.getInputStream().close();
        String raw = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), raw);
        String[] lines = raw.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = POSITIONED.matcher(lines[i]);
            if (!m.matches() || m.group(4).startsWith(" ")) continue;
            Path file = dir.resolve(m.group(1)).normalize();
            if (!dir.equals(file.getParent())) continue;
            Said said = new Said(file, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
            String prefix = m.group(1) + ":" + m.group(2) + ":" + m.group(3) + ":   ";
            boolean block = said.text().endsWith(":") && i + 1 < lines.length && lines[i + 1].startsWith(prefix);
            if (block) headers.add(new Said(file, said.line(), said.col(), said.text().substring(0, said.text().length() - 1)));
            else headlines.add(said);
        }
    }

    private static void assertInside(Decision d) throws java.io.IOException {
        LineIndex lines = new LineIndex(Files.readAllBytes(d.file()));
        TextRange r = d.range();
        assertTrue(r.start().line() >= 0 && r.end().line() < lines.lineCount() && r.end().compareTo(r.start()) >= 0,
                "range outside " + d.file() + ": " + d);
        int lineEnd = lines.positionOf(lines.lineContentEnd(r.end().line())).character();
        assertTrue(r.end().character() <= lineEnd, "range past the end of its line: " + d);
    }

    private static List<String> diff(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out.size() > 30 ? out.subList(0, 30) : out;
    }
}
