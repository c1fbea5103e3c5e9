package dev.optlens.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SARIF Multitool's verdict on a SARIF file (scripts/install-sarif-tool.sh installs it). */
final class SarifValidator {
    private SarifValidator() {
    }

    /**
     * Runs {@code Sarif.Multitool validate}: no error, and no warning but the one about a missing
     * informationUri (optlens has no public home page to name); its report is written into {@code tmp}.
     */
    static void validate(Path sarif, Path tmp) throws Exception {
        String configured = System.getenv("OPTLENS_SARIF_MULTITOOL");
        Path tool = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/optlens-tools/sarif-multitool-5.7.0/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        if (configured == null) Assumptions.assumeTrue(Files.isExecutable(tool), "scripts/install-sarif-tool.sh installs the SARIF Multitool");
        assertTrue(Files.isExecutable(tool), "OPTLENS_SARIF_MULTITOOL names no program: " + tool);
        Path report = tmp.resolve("validation.sarif");
        Process p = new ProcessBuilder(tool.toString(), "validate", sarif.toString(), "-o", report.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        List<String> problems = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonArray("results")) {
            String rule = e.getAsJsonObject().get("ruleId").getAsString();
            if (!rule.equals("SARIF2005")) problems.add(rule + ": " + e.getAsJsonObject().getAsJsonObject("message"));
        }
        assertEquals(List.of(), problems, log);
    }
}
