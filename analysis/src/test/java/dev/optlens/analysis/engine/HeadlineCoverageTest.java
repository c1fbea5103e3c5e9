package dev.optlens.analysis.engine;

import dev.optlens.analysis.Workspaces;
import dev.optlens.analysis.build.CancellationToken;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing the compiler says is dropped: every headline that a plain {@code go build -gcflags=-m=2}
 * prints for a file of the package is a decision (or, for an explanation header, a step of one).
 */
class HeadlineCoverageTest {
    private static final Pattern LINE = Pattern.compile("^(\\./[^:/]+\\.go):(\\d+):(\\d+): (\\S.*)$");

    @ParameterizedTest
    @ValueSource(strings = {"basics", "generics", "methods-and-interfaces", "tests-included", "multi-package/store",
            "multi-package/cmd/app", "go-work/beta", "unicode", "same-basename"})
    void everyHeadlineIsADecision(String pkg) throws Exception {
        Path dir = Workspaces.workspace(pkg);
        String go = new ToolchainLocator(System.getenv()).locate(Optional.empty()).go().toString();
        ProcessBuilder pb = new ProcessBuilder(go, "build", "-o", "/dev/null", "-gcflags=-m=2", ".").directory(dir.toFile());
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOPROXY", "off");
        Process p = pb.start();
        p.getInputStream().close();
        String raw = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), raw);

        List<Decision> decisions = PackageAnalyzer.fromSystem().analyze(AnalysisRequest.of(dir), CancellationToken.NONE).decisions();
        List<String> missing = new ArrayList<>();
        int headlines = 0;
        for (String line : raw.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            headlines++;
            Path file = dir.resolve(m.group(1)).normalize();
            int l = Integer.parseInt(m.group(2));
            int c = Integer.parseInt(m.group(3));
            String message = m.group(4);
            String header = message.endsWith(":") ? message.substring(0, message.length() - 1) : null;
            boolean found = decisions.stream().anyMatch(d -> d.file().equals(file) && d.line() == l && d.column() == c
                    && (d.message().equals(message) || (header != null && (d.message().equals(header)
                    || d.explanation().stream().map(ExplanationStep::message).anyMatch(header::equals)))));
            if (!found) missing.add(line);
        }
        assertTrue(headlines > 0, "the compiler printed no headlines for " + pkg + ":\n" + raw);
        assertEquals(List.of(), missing, "headlines without a decision");
    }
}
