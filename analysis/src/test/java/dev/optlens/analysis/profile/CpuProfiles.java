package dev.optlens.analysis.profile;

import dev.optlens.analysis.profile.proto.ProfileProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * CPU profiles written for tests with the protobuf runtime, as runtime/pprof writes them: sample types
 * samples/count and cpu/nanoseconds, 10 ms a sample. One call edge made hot is what the compiler's
 * profile-guided inlining needs, without running anything for seconds.
 */
public final class CpuProfiles {
    /** A function of the profile: its symbol ({@code example.com/p.F}), file and the line of its {@code func}. */
    public record Function(String symbol, Path file, int startLine) {
    }

    /** One stack, leaf first: each frame a function and the line it is at. */
    public record Frame(Function function, int line) {
    }

    private final List<String> strings = new ArrayList<>(List.of(""));
    private final ProfileProto.Profile.Builder profile = ProfileProto.Profile.newBuilder();
    private final List<Function> functions = new ArrayList<>();

    public CpuProfiles() {
        profile.addSampleType(type("samples", "count")).addSampleType(type("cpu", "nanoseconds"))
                .setPeriodType(type("cpu", "nanoseconds")).setPeriod(10_000_000).setDurationNanos(10_000_000_000L)
                .addMapping(ProfileProto.Mapping.newBuilder().setId(1).setHasFunctions(true).setHasFilenames(true)
                        .setHasLineNumbers(true).setHasInlineFrames(true).setFilename(string("app")));
    }

    /**
     * test-workspaces/profiles/pgo's hot edge: 1000 samples in Mix called from Sum's loop (pgo.go:40).
     * PGO matches functions by name and calls by their line's offset from the function's start, so the
     * profile guides any copy of the workspace.
     */
    public static Path pgoHotEdge(Path file) throws IOException {
        Path src = dev.optlens.analysis.Workspaces.workspace("profiles").resolve("pgo/pgo.go");
        Function sum = new Function("example.com/profiles/pgo.Sum", src, 37);
        Function mix = new Function("example.com/profiles/pgo.Mix", src, 6);
        return new CpuProfiles().sample(1000, new Frame(mix, 7), new Frame(sum, 40)).write(file);
    }

    /** Adds {@code samples} samples of this stack (leaf first). */
    public CpuProfiles sample(long samples, Frame... stack) {
        ProfileProto.Sample.Builder s = ProfileProto.Sample.newBuilder().addValue(samples).addValue(samples * 10_000_000);
        for (Frame f : stack) {
            long id = profile.getLocationCount() + 1;
            profile.addLocation(ProfileProto.Location.newBuilder().setId(id).setMappingId(1).setAddress(0x1000 + id * 16)
                    .addLine(ProfileProto.Line.newBuilder().setFunctionId(function(f.function())).setLine(f.line())));
            s.addLocationId(id);
        }
        profile.addSample(s);
        return this;
    }

    /** Writes it gzip'd, as go test -cpuprofile does. */
    public Path write(Path file) throws IOException {
        profile.clearStringTable().addAllStringTable(strings);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            profile.build().writeTo(gz);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private long function(Function f) {
        int at = functions.indexOf(f);
        if (at >= 0) return at + 1;
        functions.add(f);
        profile.addFunction(ProfileProto.Function.newBuilder().setId(functions.size()).setName(string(f.symbol()))
                .setSystemName(string(f.symbol())).setFilename(string(f.file().toString())).setStartLine(f.startLine()));
        return functions.size();
    }

    private ProfileProto.ValueType type(String type, String unit) {
        return ProfileProto.ValueType.newBuilder().setType(string(type)).setUnit(string(unit)).build();
    }

    private long string(String s) {
        int at = strings.indexOf(s);
        if (at >= 0) return at;
        strings.add(s);
        return strings.size() - 1;
    }
}
