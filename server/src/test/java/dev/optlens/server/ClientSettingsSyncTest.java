package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.optlens.analysis.decision.DecisionKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VS Code extension contributes exactly the server's settings, with the server's defaults. */
class ClientSettingsSyncTest {
    private static final Path PACKAGE_JSON = Path.of(System.getProperty("optlens.repo", "..")).toAbsolutePath().normalize()
            .resolve("vscode-client/package.json");

    private static JsonObject properties() throws Exception {
        return JsonParser.parseString(Files.readString(PACKAGE_JSON)).getAsJsonObject().getAsJsonObject("contributes")
                .getAsJsonObject("configuration").getAsJsonObject("properties");
    }

    @Test
    void everyServerSettingIsContributedAndNothingElse() throws Exception {
        Set<String> contributed = new TreeSet<>(properties().keySet());
        contributed.remove("optlens.javaPath"); // the extension's own: which java starts the server
        Set<String> server = new TreeSet<>();
        for (java.lang.reflect.Field f : ServerApi.class.getFields()) {
            if (f.getName().startsWith("SETTING_")) server.add(ServerApi.SECTION + "." + f.get(null));
        }
        assertEquals(server, contributed);
    }

    /** Every status state the server sends has its own case in the extension's status bar. */
    @Test
    void everyStatusStateIsHandledByTheExtension() throws Exception {
        String status = Files.readString(PACKAGE_JSON.resolveSibling("src/status.ts"));
        for (ServerApi.Status s : ServerApi.Status.values()) {
            assertTrue(status.contains("case '" + s.wire + "':"), "status.ts has no case for " + s.wire);
        }
    }

    @Test
    void defaultsAgree() throws Exception {
        JsonObject p = properties();
        Settings d = Settings.defaults();
        assertEquals(d.debounceMs(), p.getAsJsonObject("optlens.debounceMs").get("default").getAsInt());
        assertEquals(d.fastPath(), p.getAsJsonObject("optlens.fastPath").get("default").getAsBoolean());
        assertEquals(d.largePackageKB(), p.getAsJsonObject("optlens.largePackageKB").get("default").getAsInt());
        assertEquals("info", p.getAsJsonObject("optlens.logLevel").get("default").getAsString());
        assertEquals(java.util.logging.Level.INFO, d.logLevel());
        JsonObject hints = p.getAsJsonObject("optlens.hints").getAsJsonObject("properties");
        assertEquals(Arrays.stream(HintKind.values()).map(HintKind::key).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(hints.keySet()));
        for (HintKind h : HintKind.values()) {
            // VS Code shows code lenses: its defaults are the server's for a client that shows them.
            assertEquals(d.hint(h, true), hints.getAsJsonObject(h.key()).get("default").getAsBoolean(), h.key());
        }
        JsonObject diags = p.getAsJsonObject("optlens.diagnostics").getAsJsonObject("properties");
        assertEquals(Arrays.stream(DecisionKind.values()).map(DecisionKind::id).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(diags.keySet()));
        for (DecisionKind k : DecisionKind.values()) {
            DiagnosticSeverity s = d.severities().get(k);
            assertEquals(s == null ? "off" : s.name().toLowerCase(Locale.ROOT), diags.getAsJsonObject(k.id()).get("default").getAsString(), k.id());
        }
    }

    @Test
    void theExtensionCommandsAreDeclared() throws Exception {
        var commands = JsonParser.parseString(Files.readString(PACKAGE_JSON)).getAsJsonObject().getAsJsonObject("contributes")
                .getAsJsonArray("commands");
        Set<String> ids = new TreeSet<>();
        commands.forEach(c -> ids.add(c.getAsJsonObject().get("command").getAsString()));
        // Every command the extension registers is in the palette, but the status bar item's own.
        Set<String> registered = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("registerCommand\\('([\\w.]+)'")
                .matcher(Files.readString(PACKAGE_JSON.resolveSibling("src").resolve("extension.ts")));
        while (m.find()) registered.add(m.group(1));
        registered.remove("optlens.showOutput");
        assertEquals(registered, ids);
        assertTrue(ids.containsAll(Set.of("optlens.showAssemblyView", "optlens.compareWith", "optlens.showDifferences")), ids::toString);
    }
}
