package dev.optlens.server;

import dev.optlens.analysis.build.ModuleRoot;
import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.profile.HotReport;
import dev.optlens.analysis.profile.Profile;
import dev.optlens.analysis.profile.ProfileException;
import dev.optlens.analysis.profile.ProfileReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The profiles {@code optlens.profiles} names, read once per version of each file (its size and
 * modification time) and joined to a package's decisions once per applied result. A file that cannot
 * be read is told once in the log and left out; it never stops hints or hovers.
 */
final class ProfileStore {
    private static final Logger LOG = Logger.getLogger(ProfileStore.class.getName());

    private record Read(long size, long modified, Profile profile) {
    }

    private record Joined(PackageView view, List<Profile> profiles, HotReport hot) {
    }

    /** The samples of the profiles named last, summed once for every package and result. */
    private record Summed(List<Profile> profiles, HotReport.Sums sums) {
    }

    private volatile Summed summed = new Summed(List.of(), HotReport.Sums.of(List.of()));

    private final Map<Path, Read> read = new ConcurrentHashMap<>();
    private final Map<String, Boolean> told = new ConcurrentHashMap<>();
    private final Map<Path, Joined> joined = new ConcurrentHashMap<>();

    /** The package's decisions joined to the profiles the settings name; {@link HotReport#none()} without any. */
    HotReport hot(WorkspaceState view, Path dir) {
        List<String> names = view.settings().profiles();
        if (names.isEmpty()) return HotReport.none();
        var pkg = view.pkg(dir);
        if (pkg.isEmpty()) return HotReport.none();
        List<Profile> profiles = profiles(names, dir);
        Joined last = joined.get(dir);
        if (last != null && last.view() == pkg.get() && same(last.profiles(), profiles)) return last.hot();
        List<Decision> decisions = pkg.get().decisions().values().stream().flatMap(List::stream).map(TrackedDecision::decision).toList();
        Summed sum = summed;
        if (!same(sum.profiles(), profiles)) {
            sum = new Summed(profiles, HotReport.Sums.of(profiles));
            summed = sum;
        }
        HotReport hot = HotReport.of(dir, "", decisions, sum.sums());
        joined.put(dir, new Joined(pkg.get(), profiles, hot));
        return hot;
    }

    private static boolean same(List<Profile> a, List<Profile> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    /** The named profiles that can be read; relative names are the module's (the folder with go.mod). */
    List<Profile> profiles(List<String> names, Path dir) {
        List<Profile> out = new ArrayList<>();
        Path base = ModuleRoot.of(dir).orElse(dir);
        for (String name : names) {
            Path file = base.resolve(name).toAbsolutePath().normalize();
            try {
                long size = Files.size(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                Read r = read.get(file);
                if (r == null || r.size() != size || r.modified() != modified) {
                    r = new Read(size, modified, ProfileReader.read(file));
                    read.put(file, r);
                }
                out.add(r.profile());
            } catch (ProfileException e) {
                tellOnce(file + "@" + fileStamp(file), "optlens.profiles: " + e.getMessage() + "; left out");
            } catch (IOException e) {
                tellOnce(file + "@missing", "optlens.profiles: " + file + " cannot be read (" + e.getMessage() + "); left out");
            }
        }
        return out;
    }

    private static String fileStamp(Path file) {
        try {
            return Files.size(file) + "/" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "?";
        }
    }

    private void tellOnce(String key, String message) {
        if (told.putIfAbsent(key, true) == null) LOG.warning(message);
    }
}
