package dev.optlens.analysis.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pprof profile as optlens uses it: what each sample measures, and each sample's stack as source
 * frames. Locations are kept once and shared by the samples that pass through them.
 *
 * @param file        where it was read from
 * @param sampleTypes what each value of a sample measures ({@code alloc_space/bytes}, {@code cpu/nanoseconds})
 * @param defaultType the sample type pprof shows first (its {@code default_sample_type}, else the last one)
 * @param samples     every sample, leaf location first
 */
public record Profile(Path file, List<SampleType> sampleTypes, int defaultType, List<Sample> samples) {
    public Profile {
        sampleTypes = List.copyOf(sampleTypes);
        samples = List.copyOf(samples);
    }

    /** One measured quantity: {@code alloc_space} in {@code bytes}, {@code cpu} in {@code nanoseconds}. */
    public record SampleType(String type, String unit) {
        /** Whether it measures time on the CPU ({@code cpu/nanoseconds}, {@code samples/count}). */
        public boolean cpu() {
            return type.equals("cpu") || type.equals("samples");
        }

        @Override
        public String toString() {
            return type + "/" + unit;
        }
    }

    /**
     * One source frame of a location. A location holds several when calls were inlined into each
     * other: innermost first, the function the code was inlined into last.
     */
    public record Frame(String function, String file, int line) {
    }

    /**
     * One sample: its values (one per sample type) and its stack, each entry a location's frames.
     * {@code stack[0]} is where the sample was taken; its first frame is the innermost source line.
     */
    public record Sample(long[] values, Frame[][] stack) {
    }

    /** The index of the sample type named {@code type} ({@code alloc_space}), if the profile has it. */
    public Optional<Integer> typeIndex(String type) {
        for (int i = 0; i < sampleTypes.size(); i++) if (sampleTypes.get(i).type().equals(type)) return Optional.of(i);
        return Optional.empty();
    }

    /** Whether this is a CPU profile. */
    public boolean cpu() {
        return sampleTypes.stream().anyMatch(SampleType::cpu);
    }
}
