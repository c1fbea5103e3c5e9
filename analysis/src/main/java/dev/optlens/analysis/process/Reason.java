package dev.optlens.analysis.process;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why something failed, in words for the person reading a message: no Java class names, no stack,
 * no library's troubleshooting links. The log keeps the exception itself.
 */
public final class Reason {
    private Reason() {
    }

    public static String of(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof NoSuchFileException f) return "no such file or folder: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "permission denied: " + f.getFile();
        if (e instanceof NotDirectoryException f) return "not a folder: " + f.getFile();
        if (e instanceof FileSystemException f) {
            String why = f.getReason();
            return (f.getFile() == null ? "" : f.getFile() + ": ") + (why == null ? "cannot be used" : why.toLowerCase(java.util.Locale.ROOT));
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof OutOfMemoryError ? "out of memory" : "an internal error (" + words(e.getClass().getSimpleName()) + ")";
        }
        // Gson and others prefix a cause's class and append a link: keep the sentence.
        m = m.replaceAll("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
        m = m.replaceAll("\\s*See https?://\\S+", "");
        return m.strip();
    }

    /** Text for a message: control characters shown as escapes ({@code \x0a}), so a message is one readable line. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** {@code IllegalStateException} → "illegal state exception". */
    private static String words(String className) {
        return className.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
