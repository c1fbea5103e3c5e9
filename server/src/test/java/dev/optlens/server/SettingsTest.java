package dev.optlens.server;

import dev.optlens.analysis.decision.HintKind;
import com.google.gson.JsonParser;
import dev.optlens.analysis.decision.DecisionKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    private static Settings.Read read(String json) {
        return Settings.read(JsonParser.parseString(json));
    }

    @Test
    void valuesAreRead() {
        Settings.Read r = read("{\"goPath\":\"/opt/go/bin/go\",\"gcflags\":\"-l\",\"goarch\":\"arm64\",\"buildTags\":[\"a\",\"b\"],"
                + "\"debounceMs\":0,\"hints\":{\"stack\":true,\"heap\":false},"
                + "\"diagnostics\":{\"leaking-param\":\"warning\",\"heap-escape\":\"off\"}}");
        assertEquals(List.of(), r.warnings());
        Settings s = r.settings();
        assertEquals(Optional.of("/opt/go/bin/go"), s.goPath());
        assertEquals(List.of("a", "b"), s.buildTags());
        assertEquals(0, s.debounceMs());
        assertTrue(s.hint(HintKind.STACK));
        assertFalse(s.hint(HintKind.HEAP));
        assertEquals(DiagnosticSeverity.Warning, s.severities().get(DecisionKind.LEAKING_PARAM));
        assertFalse(s.severities().containsKey(DecisionKind.HEAP_ESCAPE));
        assertEquals(DiagnosticSeverity.Information, s.severities().get(DecisionKind.MOVED_TO_HEAP));
        assertTrue(s.changesBuild(Settings.defaults()));
    }

    @Test
    void badValuesFallBackWithOneWarningEach() {
        Settings.Read r = read("{\"gcflags\":3,\"debounceMs\":-5,\"hints\":{\"heap\":\"yes\",\"nope\":true},"
                + "\"diagnostics\":{\"heap-escape\":\"loud\",\"made-up\":\"error\"},\"buildTags\":{}}");
        assertEquals(7, r.warnings().size(), r.warnings().toString());
        Settings s = r.settings();
        assertEquals("", s.gcflags());
        assertEquals(Settings.DEFAULT_DEBOUNCE_MS, s.debounceMs());
        assertTrue(s.hint(HintKind.HEAP));
        assertEquals(DiagnosticSeverity.Information, s.severities().get(DecisionKind.HEAP_ESCAPE));
        assertEquals(1, read("[1,2]").warnings().size());
        assertEquals(Settings.defaults(), read("null").settings());
    }

    /** Neovim's Lua sends an empty table as []: the defaults, and no warning about it. */
    @Test
    void emptyTablesFromLuaAreEmptyObjects() {
        assertEquals(new Settings.Read(Settings.defaults(), List.of()), read("[]"));
        Settings.Read r = read("{\"hints\":[],\"diagnostics\":[],\"gcflags\":\"-l\"}");
        assertEquals(List.of(), r.warnings());
        assertEquals("-l", r.settings().gcflags());
        assertEquals(Settings.defaults().severities(), r.settings().severities());
    }

    /** A repository's settings must not make the compiler write files: such flags are dropped, with the reason. */
    @Test
    void gcflagsThatWriteFilesFallBackToNone() {
        Settings.Read r = read("{\"gcflags\":\"-l -cpuprofile=/home/me/.bashrc\"}");
        assertEquals("", r.settings().gcflags());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("optlens.gcflags: -cpuprofile is refused"), r.warnings().get(0));
        assertEquals("-N -l", read("{\"gcflags\":\"-N -l\"}").settings().gcflags());
    }
}
