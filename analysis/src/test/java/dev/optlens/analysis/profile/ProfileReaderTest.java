package dev.optlens.analysis.profile;

import dev.optlens.analysis.profile.proto.ProfileProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not profiles optlens can read are refused with what they are, never a crash. */
class ProfileReaderTest {
    private static String refused(Path file) {
        return assertThrows(ProfileException.class, () -> ProfileReader.read(file)).getMessage();
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path tmp) throws Exception {
        Path huge = tmp.resolve("huge.pprof");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(ProfileReader.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertEquals(huge + " is larger than 512 MB, the most optlens reads of a profile", refused(huge));
    }

    @Test
    void foreignAndDamagedFilesSayWhatTheyAre(@TempDir Path tmp) throws Exception {
        Path pre = Files.writeString(tmp.resolve("merged.pgo"), "GO PREPROFILE V1\ncaller\ncallee\n1 2\n");
        assertTrue(refused(pre).contains("is a preprocessed PGO profile (go tool preprofile)"), refused(pre));
        Path empty = Files.write(tmp.resolve("empty.pprof"), new byte[0]);
        assertEquals(empty + " is not a pprof profile (no string table or no sample types)", refused(empty));
        assertEquals(tmp.resolve("none.pprof") + ": no such file", refused(tmp.resolve("none.pprof")));

        // A location naming a function the profile does not hold.
        ProfileProto.Profile damaged = ProfileProto.Profile.newBuilder().addAllStringTable(List.of("", "cpu", "nanoseconds"))
                .addSampleType(ProfileProto.ValueType.newBuilder().setType(1).setUnit(2))
                .addLocation(ProfileProto.Location.newBuilder().setId(1).addLine(ProfileProto.Line.newBuilder().setFunctionId(9).setLine(3)))
                .build();
        Path d = Files.write(tmp.resolve("damaged.pprof"), damaged.toByteArray());
        assertEquals(d + " is damaged: location 1 names function 9, which it does not hold", refused(d));
        // A string index past the table.
        ProfileProto.Profile past = ProfileProto.Profile.newBuilder().addAllStringTable(List.of("", "cpu"))
                .addSampleType(ProfileProto.ValueType.newBuilder().setType(1).setUnit(7)).build();
        Path p = Files.write(tmp.resolve("past.pprof"), past.toByteArray());
        assertEquals(p + " is damaged: string 7 is past the end of its string table (2 strings)", refused(p));
        Path text = Files.write(tmp.resolve("notes.txt"), "just some notes\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(refused(text).startsWith(text + " is not a pprof profile ("), refused(text));
    }
}
