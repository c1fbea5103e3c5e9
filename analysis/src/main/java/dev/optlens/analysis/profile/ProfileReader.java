package dev.optlens.analysis.profile;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.optlens.analysis.profile.proto.ProfileProto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a pprof profile (gzip'd or plain protobuf, as {@code go test -memprofile/-cpuprofile},
 * {@code runtime/pprof} and {@code go tool pprof -proto} write it) with the protobuf runtime.
 * Anything else — a text profile, a preprocessed PGO file, a truncated or foreign file, one too big
 * to hold — is refused with a message naming the file and what it is.
 */
public final class ProfileReader {
    /** The most a profile may hold once decompressed: a day of CPU samples of a big service is far less. */
    static final long MAX_BYTES = 512L << 20;

    private ProfileReader() {
    }

    public static Profile read(Path file) throws ProfileException {
        byte[] raw;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) throw new ProfileException(file + " is larger than " + (MAX_BYTES >> 20)
                    + " MB, the most optlens reads of a profile");
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file + ": no such file");
        } catch (IOException e) {
            throw new ProfileException(file + ": " + e.getMessage());
        }
        return parse(file, raw);
    }

    static Profile parse(Path file, byte[] raw) throws ProfileException {
        byte[] bytes = gzipped(raw) ? gunzip(file, raw) : raw;
        String head = new String(bytes, 0, Math.min(bytes.length, 32), StandardCharsets.ISO_8859_1);
        if (head.startsWith("GO PREPROFILE")) throw new ProfileException(file + " is a preprocessed PGO profile (go tool preprofile): "
                + "it holds call edges, not source lines; give the pprof file it was made from");
        if (head.startsWith("heap profile:") || head.startsWith("--- ")) throw new ProfileException(file
                + " is a text profile (written with debug=1): write it with debug=0, as go test -memprofile does");
        ProfileProto.Profile p;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            p = ProfileProto.Profile.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ProfileException(file + " is not a pprof profile (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ProfileException(file + ": " + e.getMessage());
        }
        return convert(file, p);
    }

    private static boolean gzipped(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(Path file, byte[] raw) throws ProfileException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + (long) n > MAX_BYTES) throw new ProfileException(file + " holds more than "
                        + (MAX_BYTES >> 20) + " MB once decompressed: optlens reads profiles up to that size");
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new ProfileException(file + " is a truncated or damaged gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ProfileException(file + ": " + e.getMessage());
        }
    }

    private static Profile convert(Path file, ProfileProto.Profile p) throws ProfileException {
        List<String> strings = p.getStringTableList();
        if (strings.isEmpty() || !strings.get(0).isEmpty() || p.getSampleTypeCount() == 0)
            throw new ProfileException(file + " is not a pprof profile (no string table or no sample types)");
        Strings s = new Strings(file, strings);
        List<Profile.SampleType> types = new ArrayList<>();
        for (ProfileProto.ValueType t : p.getSampleTypeList()) types.add(new Profile.SampleType(s.at(t.getType()), s.at(t.getUnit())));
        int defaultType = types.size() - 1;
        if (p.getDefaultSampleType() != 0) {
            String name = s.at(p.getDefaultSampleType());
            for (int i = 0; i < types.size(); i++) if (types.get(i).type().equals(name)) defaultType = i;
        }
        Map<Long, ProfileProto.Function> functions = new HashMap<>();
        for (ProfileProto.Function f : p.getFunctionList()) functions.put(f.getId(), f);
        Map<Long, Profile.Frame[]> locations = new HashMap<>();
        for (ProfileProto.Location l : p.getLocationList()) {
            Profile.Frame[] frames = new Profile.Frame[l.getLineCount()];
            for (int i = 0; i < frames.length; i++) {
                ProfileProto.Line line = l.getLine(i);
                ProfileProto.Function f = functions.get(line.getFunctionId());
                if (f == null) throw new ProfileException(file + " is damaged: location " + l.getId() + " names function "
                        + line.getFunctionId() + ", which it does not hold");
                frames[i] = new Profile.Frame(s.at(f.getName()), s.at(f.getFilename()), (int) line.getLine());
            }
            locations.put(l.getId(), frames);
        }
        List<Profile.Sample> samples = new ArrayList<>(p.getSampleCount());
        for (ProfileProto.Sample sample : p.getSampleList()) {
            if (sample.getValueCount() != types.size()) throw new ProfileException(file + " is damaged: a sample has "
                    + sample.getValueCount() + " values for " + types.size() + " sample types");
            Profile.Frame[][] stack = new Profile.Frame[sample.getLocationIdCount()][];
            for (int i = 0; i < stack.length; i++) {
                stack[i] = locations.get(sample.getLocationId(i));
                if (stack[i] == null) throw new ProfileException(file + " is damaged: a sample names location "
                        + sample.getLocationId(i) + ", which it does not hold");
            }
            long[] values = new long[sample.getValueCount()];
            for (int i = 0; i < values.length; i++) values[i] = sample.getValue(i);
            samples.add(new Profile.Sample(values, stack));
        }
        return new Profile(file, types, defaultType, samples);
    }

    /** The profile's string table, checked: a damaged file names an index past its end. */
    private record Strings(Path file, List<String> table) {
        String at(long index) throws ProfileException {
            if (index < 0 || index >= table.size()) throw new ProfileException(file + " is damaged: string " + index
                    + " is past the end of its string table (" + table.size() + " strings)");
            return table.get((int) index);
        }
    }
}
