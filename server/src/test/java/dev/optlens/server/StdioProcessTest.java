package dev.optlens.server;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `optlens lsp` as a real process on stdin/stdout: only protocol on stdout, a clean exit. */
class StdioProcessTest {
    @Test
    void theServerProcessSpeaksOnlyProtocolOnStdout() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.optlens.cli.Main", "lsp")
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "optlens-stdio-test.log")))
                .start();
        try {
            RecordingClient client = new RecordingClient();
            Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>().setLocalService(client)
                    .setRemoteInterface(LanguageServer.class).setInput(p.getInputStream()).setOutput(p.getOutputStream()).create();
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            init.setInitializationOptions(ServerWireTest.options("{\"debounceMs\": 0}"));
            assertEquals("optlens", server.initialize(init).get(60, TimeUnit.SECONDS).getServerInfo().getName());
            server.initialized(new InitializedParams());
            Path basics = ServerWireTest.BASICS;
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(basics.toUri().toString(), "go", 1, ServerWireTest.read(basics))));
            var diags = client.awaitDiagnostics(basics.toUri().toString(), 1);
            assertTrue(ServerWireTest.find(diags, "moved to heap: p").isPresent(), diags.toString());
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends after exit");
            assertEquals(0, p.exitValue());
            assertEquals(List.of(), client.messages);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void debugPortListensOnLoopbackOnly() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.optlens.cli.Main", "lsp", "--port=0")
                .start();
        try {
            var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()));
            String first = err.readLine();
            assertTrue(first != null && first.startsWith("optlens lsp: listening on 127.0.0.1:"), String.valueOf(first));
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                RecordingClient client = new RecordingClient();
                Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>().setLocalService(client)
                        .setRemoteInterface(LanguageServer.class).setInput(socket.getInputStream())
                        .setOutput(socket.getOutputStream()).create();
                launcher.startListening();
                LanguageServer server = launcher.getRemoteProxy();
                InitializeParams init = new InitializeParams();
                init.setCapabilities(new ClientCapabilities());
                assertEquals("optlens", server.initialize(init).get(60, TimeUnit.SECONDS).getServerInfo().getName());
                server.shutdown().get(30, TimeUnit.SECONDS);
                server.exit();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
