package dev.optlens.cli;

import dev.optlens.analysis.engine.PackageAnalyzer;
import dev.optlens.analysis.toolchain.ToolchainLocator;
import dev.optlens.server.OptlensClient;
import dev.optlens.server.OptlensLanguageServer;
import dev.optlens.server.QuickStart;
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
import java.util.concurrent.CompletableFuture;
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
        try {
            if (port == null) {
                OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
                System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
                return serve(env, System.in, protocolOut);
            }
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                err.println("optlens lsp: listening on 127.0.0.1:" + server.getLocalPort());
                try (Socket s = server.accept()) {
                    return serve(env, s.getInputStream(), s.getOutputStream());
                }
            }
        } catch (IOException e) {
            err.println("optlens lsp: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Builds the server beside the answer to the first message: {@link QuickStart} answers an
     * {@code initialize} as soon as it arrives, and the server, once built, reads on from that message.
     */
    private static int serve(Map<String, String> env, InputStream in, OutputStream out) {
        QuickStart quick = new QuickStart(in, out);
        Build build = new Build(env, quick);
        new Thread(build, "optlens-start").start();
        new Thread(new Sweep(), "optlens-sweep").start();
        if (quick.answerFirst()) {
            Thread ahead = new Thread(new ReadAhead(quick, build.server), "optlens-read-ahead");
            ahead.setDaemon(true);
            ahead.start();
        }
        try {
            build.launcher.join().startListening().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("optlens lsp: connection ended: " + e.getCause());
        }
        return build.exitCode;
    }

    /**
     * Makes this process's temporary folder now, beside the server's building, not at the first compile:
     * what a server killed earlier left running ends at once (a sweep of the temporary folder: 20–60 ms).
     */
    private static final class Sweep implements Runnable {
        @Override
        public void run() {
            try {
                dev.optlens.analysis.process.ProcessRoot.dir();
            } catch (RuntimeException e) {
                // the first compile meets the same problem and says it
            }
        }
    }

    /**
     * Finds the go command on the PATH and reads its {@code go env} now (20–70 ms), beside the server's
     * building: the first compile, which needs it, does not wait for it then. Kept per binary; a
     * package whose module or settings ask for another go finds that one at its compile.
     */
    private static final class FindGo implements Runnable {
        private final PackageAnalyzer analyzer;

        FindGo(PackageAnalyzer analyzer) {
            this.analyzer = analyzer;
        }

        @Override
        public void run() {
            try {
                analyzer.toolchain(java.util.Optional.empty());
            } catch (dev.optlens.analysis.toolchain.ToolchainException | RuntimeException e) {
                // no go, or a broken one: the first compile says so, naming it
            }
        }
    }

    /**
     * Reads the messages that follow initialize while the server is being built: the first document
     * opened then has its package's compile started at once, not once the server is ready (the server
     * built beside the answer to initialize takes 150–250 ms on a cold start). Only the first: a second
     * document of the package changes what its compile sees, and of another package it would compete
     * for the same cores.
     */
    private static final class ReadAhead implements Runnable {
        private final QuickStart quick;
        private final CompletableFuture<OptlensLanguageServer> server;
        private boolean opened;

        ReadAhead(QuickStart quick, CompletableFuture<OptlensLanguageServer> server) {
            this.quick = quick;
            this.server = server;
        }

        @Override
        public void run() {
            quick.readAhead(message -> {
                if (!opened && message.get("method") instanceof com.google.gson.JsonPrimitive m && m.isString()
                        && m.getAsString().equals("textDocument/didOpen") && message.get("params") instanceof com.google.gson.JsonObject params) {
                    opened = true;
                    server.join().openedAhead(quick.initializationOptions(), params);
                }
            });
        }
    }

    /** Builds the server and its launcher on the connection (a class, not a lambda: the first lambda costs the answer milliseconds). */
    private static final class Build implements Runnable {
        private final Map<String, String> env;
        private final QuickStart quick;
        final CompletableFuture<OptlensLanguageServer> server = new CompletableFuture<>();
        final CompletableFuture<Launcher<OptlensClient>> launcher = new CompletableFuture<>();
        volatile int exitCode = 1;

        Build(Map<String, String> env, QuickStart quick) {
            this.env = env;
            this.quick = quick;
        }

        @Override
        public void run() {
            try {
                PackageAnalyzer analyzer = new PackageAnalyzer(new ToolchainLocator(env), env);
                Thread toolchain = new Thread(new FindGo(analyzer), "optlens-find-go");
                toolchain.setDaemon(true);
                toolchain.start();
                OptlensLanguageServer built = new OptlensLanguageServer(analyzer, c -> {
                    exitCode = c;
                    System.exit(c);
                });
                server.complete(built);
                launcher.complete(built.launcher(quick));
            } catch (Throwable t) {
                server.completeExceptionally(t);
                launcher.completeExceptionally(t);
            }
        }
    }
}
