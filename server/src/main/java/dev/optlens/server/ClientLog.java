package dev.optlens.server;

import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the server's log to the client as {@code window/logMessage} (VS Code shows it in the
 * optlens output channel), from the level of the {@code optlens.logLevel} setting.
 */
final class ClientLog extends Handler {
    private static final Logger ROOT = Logger.getLogger("dev.optlens");
    private final ServerContext ctx;

    ClientLog(ServerContext ctx) {
        this.ctx = ctx;
        setLevel(Level.INFO);
    }

    /**
     * Starts sending records of {@code level} and above. They then go to the client only: the console
     * handler's copy on stderr showed each line twice in VS Code's output (which shows stderr too).
     * LSP4J's "Unmatched cancel notification" (a cancel that arrives after its answer, a race every
     * client has) is not told at all.
     */
    void install(Level level) {
        setLevel(level);
        if (ROOT.getLevel() == null || ROOT.getLevel().intValue() > level.intValue()) ROOT.setLevel(level);
        LSP4J_ENDPOINT.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unmatched cancel notification"));
        for (Handler h : ROOT.getHandlers()) if (h == this) return;
        ROOT.addHandler(this);
        ROOT.setUseParentHandlers(false);
    }

    void uninstall() {
        ROOT.removeHandler(this);
        ROOT.setUseParentHandlers(true);
    }

    private static final Logger LSP4J_ENDPOINT = Logger.getLogger("org.eclipse.lsp4j.jsonrpc.RemoteEndpoint");

    @Override
    public void publish(LogRecord r) {
        OptlensClient client = ctx.client();
        if (client == null || !isLoggable(r)) return;
        StringBuilder text = new StringBuilder(r.getLevel().getName().toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1))
                .append(": ").append(r.getMessage());
        if (r.getThrown() != null) text.append(" (").append(r.getThrown()).append(')');
        try {
            client.logMessage(new MessageParams(type(r.getLevel()), text.toString()));
        } catch (RuntimeException e) {
            // the connection is gone: nowhere to send it
        }
    }

    private static MessageType type(Level l) {
        if (l.intValue() >= Level.SEVERE.intValue()) return MessageType.Error;
        if (l.intValue() >= Level.WARNING.intValue()) return MessageType.Warning;
        if (l.intValue() >= Level.INFO.intValue()) return MessageType.Info;
        return MessageType.Log;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        uninstall();
    }
}
