package dev.optlens.cli;

import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import dev.optlens.server.OptlensClient;
import dev.optlens.server.OptlensLanguageServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code optlens lsp}: the language server on stdin/stdout, or with {@code --port=N} on
 * 127.0.0.1:N (one connection, for debugging). On stdio, System.out is redirected to stderr first:
 * stdout is the protocol channel and nothing else may write to it.
 */
final class LspCommand {
    private LspCommand() {
    }

    static int run(String[] args, PrintStream err, Map<String, String> env) {
        Integer port = null;
        try {
            Flags flags = Flags.parse(args, java.util.Set.of("port"), java.util.Set.of("stdio"));
            if (!flags.positional.isEmpty()) throw new IllegalArgumentException("unknown argument " + flags.positional.get(0));
            if (flags.value("port").isPresent()) port = Integer.parseInt(flags.value("port").get());
        } catch (NumberFormatException e) {
            err.println("optlens lsp: --port takes a number");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("optlens lsp: " + e.getMessage());
            return 2;
        }
        PackageAnalyzer analyzer = new PackageAnalyzer(new ToolchainLocator(env), env);
        // Now, not at the first compile: what a server killed earlier left running ends at once.
        dev.optlens.analysis.process.ProcessRoot.dir();
        try {
            if (port == null) {
                OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
                System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
                return serve(analyzer, System.in, protocolOut);
            }
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                err.println("optlens lsp: listening on 127.0.0.1:" + server.getLocalPort());
                try (Socket s = server.accept()) {
                    return serve(analyzer, s.getInputStream(), s.getOutputStream());
                }
            }
        } catch (IOException e) {
            err.println("optlens lsp: " + e.getMessage());
            return 2;
        }
    }

    private static int serve(PackageAnalyzer analyzer, InputStream in, OutputStream out) {
        int[] code = {1};
        OptlensLanguageServer server = new OptlensLanguageServer(analyzer, c -> {
            code[0] = c;
            System.exit(c);
        });
        Launcher<OptlensClient> launcher = server.launcher(in, out);
        try {
            launcher.startListening().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("optlens lsp: connection ended: " + e.getCause());
        }
        return code[0];
    }
}
