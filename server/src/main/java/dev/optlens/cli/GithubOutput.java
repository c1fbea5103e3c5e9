package dev.optlens.cli;

import dev.optlens.analysis.gate.GateFinding;

import dev.optlens.analysis.syntax.TextRange;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code check --format=github}: GitHub Actions workflow commands ({@code ::error file=…,line=…,
 * endLine=…,col=…,endColumn=…,title=…::message}), one per finding. GitHub shows at most 10
 * annotations of each type per step, so the tenth of a type says how many more there are; every
 * finding is also printed as a plain line, so the log has them all, inside a stop-commands section
 * (with % and control characters escaped), so no text of the repository's can run as a command.
 */
final class GithubOutput {
    /** GitHub's limit of annotations per type (error, warning) in one step. */
    static final int ANNOTATIONS_PER_TYPE = 10;

    private final Path root;

    GithubOutput(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    String render(List<GateFinding> findings) {
        return render(findings, "warning");
    }

    /** The findings as annotations: failing ones as errors, the others as {@code other} (warning or notice). */
    String render(List<GateFinding> findings, String other) {
        StringBuilder out = new StringBuilder();
        for (String type : List.of("error", other)) {
            List<GateFinding> ofType = findings.stream().filter(f -> f.failing() == type.equals("error")).toList();
            for (int i = 0; i < ofType.size(); i++) {
                GateFinding f = ofType.get(i);
                if (i == ANNOTATIONS_PER_TYPE - 1 && ofType.size() > ANNOTATIONS_PER_TYPE) {
                    out.append("::").append(type).append(" title=").append(property("optlens: " + (ofType.size() - i) + " more"))
                            .append("::").append(data((ofType.size() - i) + " more optlens findings of this type are in the log"
                                    + " (GitHub shows " + ANNOTATIONS_PER_TYPE + " annotations per type)")).append('\n');
                    break;
                }
                out.append(annotation(type, f)).append('\n');
            }
        }
        // The plain lines hold text from the repository (file names, comments): the runner must not read
        // any of it as a command, even where a lone CR makes it split a line (GitHub's stop-commands).
        String resume = stopToken();
        out.append("::stop-commands::").append(resume).append('\n');
        for (GateFinding f : findings) {
            String line = shown(f.file()) + ':' + (f.range().start().line() + 1) + ':' + (f.range().start().character() + 1) + ": "
                    + (f.failing() ? "error" : other) + ": " + f.title() + ": " + f.message();
            String[] parts = line.split("\n", -1);
            for (int i = 0; i < parts.length; i++) out.append(i == 0 ? "" : "    ").append(plain(parts[i])).append('\n');
        }
        out.append("::").append(resume).append("::\n");
        return out.toString();
    }

    /** A token no repository text can guess, which ends the stop-commands section. */
    static String stopToken() {
        return "optlens-" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** A plain log line: % and control characters escaped, so a lone CR cannot start a line of its own. */
    static String plain(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '%') b.append("%25");
            else if (c < 0x20 || c == 0x7f) b.append(String.format("%%%02X", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    private String annotation(String type, GateFinding f) {
        TextRange r = f.range();
        StringBuilder a = new StringBuilder("::").append(type)
                .append(" file=").append(property(shown(f.file())))
                .append(",line=").append(r.start().line() + 1)
                .append(",endLine=").append(r.end().line() + 1);
        // col/endColumn only on one line: GitHub ignores them across lines.
        if (r.start().line() == r.end().line()) {
            a.append(",col=").append(r.start().character() + 1).append(",endColumn=").append(Math.max(r.start().character(), r.end().character()) + 1);
        }
        a.append(",title=").append(property("optlens: " + f.title())).append("::").append(data(f.message()));
        return a.toString();
    }

    private String shown(Path file) {
        Path abs = file.toAbsolutePath();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /** A message: %, CR and LF are escaped, as the runner's command parser expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also ':' and ','. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
