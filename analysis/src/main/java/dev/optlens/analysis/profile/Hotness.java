package dev.optlens.analysis.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One quantity of one or more profiles (allocated bytes, CPU time) summed the ways decisions need it:
 * per source line where the sample was taken (what {@code go tool pprof -top -lines} calls flat), per
 * leaf location with its inlining (a copy of inlined code), per line anywhere on the stack (a call
 * site's cumulative cost), and per function, flat and cumulative.
 */
public final class Hotness {
    /** A source line of a function, as a profile names it. */
    public record Line(String function, String file, int line) {
    }

    /** A source line, whatever function it is in (a profile's file name as it spells it). */
    public record Place(String file, int line) {
    }

    private final Profile.SampleType type;
    private long total;
    private final Map<Line, Long> flat = new HashMap<>();
    private final Map<Place, Long> flatByPlace = new HashMap<>();
    private final Map<List<Place>, Long> flatByLocation = new HashMap<>();
    private final Map<Place, Long> cumByPlace = new HashMap<>();
    private final Map<String, Long> flatByFunction = new HashMap<>();
    private final Map<String, Long> cumByFunction = new HashMap<>();
    private final Map<String, String> fileOfFunction = new HashMap<>();

    private Hotness(Profile.SampleType type) {
        this.type = type;
    }

    /**
     * The quantity {@code type} (e.g. {@code alloc_space}) summed over every profile that has it;
     * profiles of other kinds are left out. Empty when none has it.
     */
    public static java.util.Optional<Hotness> of(List<Profile> profiles, String type) {
        Hotness h = null;
        for (Profile p : profiles) {
            var index = p.typeIndex(type);
            if (index.isEmpty()) continue;
            if (h == null) h = new Hotness(p.sampleTypes().get(index.get()));
            for (Profile.Sample s : p.samples()) h.add(s, s.values()[index.get()]);
        }
        return java.util.Optional.ofNullable(h);
    }

    private void add(Profile.Sample s, long v) {
        if (v == 0) return;
        total += v;
        if (s.stack().length > 0 && s.stack()[0].length > 0) {
            Profile.Frame leaf = s.stack()[0][0];
            flat.merge(new Line(leaf.function(), leaf.file(), leaf.line()), v, Long::sum);
            flatByPlace.merge(new Place(leaf.file(), leaf.line()), v, Long::sum);
            flatByLocation.merge(places(s.stack()[0]), v, Long::sum);
            flatByFunction.merge(leaf.function(), v, Long::sum);
        }
        // A recursive stack names a line or function more than once: it counts once per sample.
        Set<Place> places = new HashSet<>();
        Set<String> functions = new HashSet<>();
        for (Profile.Frame[] location : s.stack()) {
            for (Profile.Frame f : location) {
                Place p = new Place(f.file(), f.line());
                if (places.add(p)) cumByPlace.merge(p, v, Long::sum);
                if (functions.add(f.function())) {
                    cumByFunction.merge(f.function(), v, Long::sum);
                    fileOfFunction.putIfAbsent(f.function(), f.file());
                }
            }
        }
    }

    private static List<Place> places(Profile.Frame[] frames) {
        List<Place> out = new ArrayList<>(frames.length);
        for (Profile.Frame f : frames) out.add(new Place(f.file(), f.line()));
        return out;
    }

    public Profile.SampleType type() {
        return type;
    }

    /** Every sample's value summed: the whole of which a share is taken. */
    public long total() {
        return total;
    }

    /** Taken at this line itself (the innermost frame of where the sample was taken), as pprof's flat of the line. */
    public long flat(Place place) {
        return flatByPlace.getOrDefault(place, 0L);
    }

    /**
     * Taken at a location with exactly these lines (innermost first, the function it was inlined into
     * last): the code of one copy — a line not inlined is a list of one.
     */
    public long flatAt(List<Place> chain) {
        return flatByLocation.getOrDefault(chain, 0L);
    }

    /** Taken at or below this line, counted once per sample: for a call, what the call costs. */
    public long cum(Place place) {
        return cumByPlace.getOrDefault(place, 0L);
    }

    public long flatOfFunction(String function) {
        return flatByFunction.getOrDefault(function, 0L);
    }

    /** The symbols of the profile's functions ({@code example.com/p.(*T).M}) with the file each is in. */
    public Map<String, String> functionFiles() {
        return java.util.Collections.unmodifiableMap(fileOfFunction);
    }

    public long cumOfFunction(String function) {
        return cumByFunction.getOrDefault(function, 0L);
    }

    /** Every line with a flat value, costliest first (ties by function, file and line, so the order is stable). */
    public List<Map.Entry<Line, Long>> lines() {
        List<Map.Entry<Line, Long>> all = new ArrayList<>(flat.entrySet());
        all.sort(Map.Entry.<Line, Long>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().function()).thenComparing(e -> e.getKey().file())
                .thenComparing(e -> e.getKey().line()));
        return all;
    }

    /** Every file name the profile's stacks name. */
    public Set<String> files() {
        Set<String> out = new HashSet<>();
        for (Place p : cumByPlace.keySet()) out.add(p.file());
        return out;
    }
}
