package dev.optlens.cli;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.syntax.TextRange;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code check --format=sarif}: SARIF 2.1.0 for GitHub code scanning, built with the java-sarif
 * object model (written by the Jackson mapper its annotations are made for). Rules are the decision
 * kinds and assertion kinds; regions are our exact ranges (UTF-16 columns, as the editor's); the
 * compiler's explanation is a code flow and related locations; partialFingerprints carry the
 * line-independent identity, so an alert survives code moving.
 */
final class SarifOutput {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "optlensIdentity/v1";
    private static final String ROOT = "SRCROOT";

    /** Every rule a result can name, with what it means. */
    static final Map<String, String> RULES = rules();

    private static Map<String, String> rules() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("heap-escape", "A value escapes to the heap: the compiler allocates it there");
        r.put("moved-to-heap", "A variable is moved to the heap");
        r.put("loopvar-heap", "A loop variable is allocated on the heap per iteration");
        r.put("inline-refused", "A function is no longer inlinable");
        r.put("call-not-inlined", "A call the compiler would not inline into its caller");
        r.put("inlined-call", "A call is no longer inlined");
        r.put("bounds-check", "A bounds check remains");
        r.put("nil-check", "A nil check remains");
        r.put("assert-noescape", "//optlens:noescape or //gcassert:noescape does not hold: something on the line escapes");
        r.put("assert-stack", "//optlens:stack does not hold: the variable is moved to the heap");
        r.put("assert-inline", "//optlens:inline or //gcassert:inline does not hold: a call is not inlined");
        r.put("assert-nobce", "//optlens:nobce or //gcassert:bce does not hold: a bounds check remains");
        r.put("assert-invalid", "An optlens or gcassert directive that cannot be checked");
        return r;
    }

    private final Path root;

    /** @param root the folder paths are made relative to (the repository root: where the command runs) */
    SarifOutput(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    String render(List<Finding> findings, String version) {
        List<String> ruleIds = new ArrayList<>(RULES.keySet());
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        for (String id : ruleIds) {
            rules.add(new ReportingDescriptor().withId(id).withName(pascal(id))
                    .withShortDescription(new MultiformatMessageString().withText(RULES.get(id)))
                    .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.ERROR)));
        }
        List<Result> results = new ArrayList<>();
        for (Finding f : findings) {
            Result r = new Result()
                    .withRuleId(f.ruleId())
                    .withRuleIndex(ruleIds.indexOf(f.ruleId()))
                    .withLevel(f.failing() ? Result.Level.ERROR : Result.Level.WARNING)
                    .withMessage(new Message().withText(f.message()))
                    .withLocations(List.of(location(f.file(), f.range(), null)))
                    .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(FINGERPRINT, f.fingerprint()));
            List<ThreadFlowLocation> flow = new ArrayList<>();
            Set<Location> related = new LinkedHashSet<>();
            int id = 1;
            for (ExplanationStep s : f.explanation()) {
                if (s.file().isEmpty() || s.line() < 1) continue; // <autogenerated>: nowhere to point
                Location step = location(s.file().get(), point(s), s.message().strip());
                flow.add(new ThreadFlowLocation().withLocation(step));
                related.add(location(s.file().get(), point(s), s.message().strip()).withId(id++));
            }
            if (!flow.isEmpty()) {
                r.withCodeFlows(List.of(new CodeFlow().withThreadFlows(List.of(new ThreadFlow().withLocations(flow)))))
                        .withRelatedLocations(related);
            }
            results.add(r);
        }
        Run run = new Run()
                .withTool(new Tool().withDriver(new ToolComponent().withName("optlens").withSemanticVersion(semantic(version))
                        .withRules(rules)))
                .withOriginalUriBaseIds(baseIds())
                .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
                .withResults(results);
        SarifSchema210 log = new SarifSchema210().with$schema(URI.create(SCHEMA))
                .withVersion(SarifSchema210.Version._2_1_0).withRuns(List.of(run));
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return mapper.writeValueAsString(log);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SARIF model could not be written: " + e.getMessage(), e);
        }
    }

    private OriginalUriBaseIds baseIds() {
        OriginalUriBaseIds ids = new OriginalUriBaseIds();
        ids.setAdditionalProperty(ROOT, new ArtifactLocation().withUri(root.toUri().toString()));
        return ids;
    }

    /** A point of the explanation: the compiler's line and column (bytes; close enough for a step). */
    private static TextRange point(ExplanationStep s) {
        int col = Math.max(0, s.column() - 1);
        return TextRange.of(s.line() - 1, col, s.line() - 1, col);
    }

    private Location location(Path file, TextRange range, String message) {
        ArtifactLocation artifact = file.toAbsolutePath().startsWith(root)
                ? new ArtifactLocation().withUri(relativeUri(root.relativize(file.toAbsolutePath()))).withUriBaseId(ROOT)
                : new ArtifactLocation().withUri(file.toUri().toString());
        Region region = new Region().withStartLine(range.start().line() + 1).withStartColumn(range.start().character() + 1);
        if (!range.end().equals(range.start())) {
            region.withEndLine(range.end().line() + 1).withEndColumn(range.end().character() + 1);
        }
        Location l = new Location().withPhysicalLocation(new PhysicalLocation().withArtifactLocation(artifact).withRegion(region));
        if (message != null) l.withMessage(new Message().withText(message));
        return l;
    }

    /**
     * A relative path as a relative URI reference (RFC 3986): each segment's UTF-8 bytes percent-encoded
     * but for the unreserved characters, so {@code pct%41.go}, {@code hash#q.go}, spaces, brackets and
     * non-ASCII names read back as the same file (a colon is encoded too: in a first segment it would
     * read as a scheme).
     */
    static String relativeUri(Path relative) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < relative.getNameCount(); i++) {
            if (i > 0) b.append('/');
            for (byte c : relative.getName(i).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                int u = c & 0xff;
                if (u < 0x80 && (Character.isLetterOrDigit(u) || "-._~".indexOf(u) >= 0)) b.append((char) u);
                else b.append('%').append(String.format("%02X", u));
            }
        }
        return b.toString();
    }

    /** A rule's name for people, distinct from its id as SARIF asks: heap-escape → HeapEscape. */
    private static String pascal(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.toString();
    }

    /** SARIF wants a semantic version; a development build says 0.0.0-dev. */
    private static String semantic(String version) {
        return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0-dev";
    }
}
