package dev.optlens.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.syntax.TextRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SARIF locations are URI references (RFC 3986): a file named with %, #, spaces, brackets, a colon or
 * non-ASCII letters reads back, resolved against the run's base URI, as that very file; the
 * SARIF Multitool accepts the log.
 */
class SarifUriTest {
    @Test
    void oddFileNamesReadBackAsTheSameFiles(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("repo root"));
        List<Path> files = new ArrayList<>();
        for (String name : List.of("pct%41.go", "hash#q.go", "a b.go", "br[x].go", "é ü.go", "q?x.go", "c:d.go", "sub dir/x%20y.go")) {
            Path f = root.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "package p\n");
            files.add(f);
        }
        List<dev.optlens.analysis.gate.GateFinding> findings = new ArrayList<>();
        for (Path f : files) {
            findings.add(new dev.optlens.analysis.gate.GateFinding("moved-to-heap", true, f, TextRange.of(0, 0, 0, 7), "moved to heap: x", "moved to heap: x",
                    List.of(), "fp-" + findings.size(), "F"));
        }
        String sarif = new SarifOutput(root).render(findings, "1.0.0");
        JsonObject run = JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        URI base = URI.create(run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("SRCROOT").get("uri").getAsString());
        List<Path> readBack = new ArrayList<>();
        for (JsonElement e : run.getAsJsonArray("results")) {
            JsonObject artifact = e.getAsJsonObject().getAsJsonArray("locations").get(0).getAsJsonObject()
                    .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
            assertEquals("SRCROOT", artifact.get("uriBaseId").getAsString());
            URI relative = new URI(artifact.get("uri").getAsString()); // a syntax error would throw
            readBack.add(Path.of(base.resolve(relative)));
        }
        assertEquals(files, readBack);
        Path log = tmp.resolve("odd.sarif");
        Files.writeString(log, sarif);
        SarifValidator.validate(log, tmp);
    }
}
