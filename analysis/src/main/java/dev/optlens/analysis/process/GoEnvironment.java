package dev.optlens.analysis.process;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment every go command runs with. {@code GOTOOLCHAIN=local}: an opened repository must
 * never make us download a toolchain. {@code GOPROXY=off} unless the user set a proxy: analysis
 * must never fetch modules behind the user's back. Any {@code -mod=} in {@code GOFLAGS} is dropped,
 * so the go command's default holds ({@code -mod=readonly}, or {@code -mod=vendor} where the module
 * vendors): {@code -mod=mod} would let it rewrite the user's go.mod and go.sum. {@code GOTMPDIR} is
 * this process's {@link ProcessRoot}.
 */
public final class GoEnvironment {
    private GoEnvironment() {
    }

    /** The environment for a go command: the user's ({@code userEnv}) with our overrides. */
    public static Map<String, String> forGo(Map<String, String> userEnv) {
        Map<String, String> env = new HashMap<>(userEnv);
        env.put("GOTOOLCHAIN", "local");
        String proxy = userEnv.get("GOPROXY");
        env.put("GOPROXY", proxy == null || proxy.isBlank() ? "off" : proxy);
        // The go command's own work folders ($WORK, go-build*) go with ours: a killed build leaves none behind.
        env.put("GOTMPDIR", ProcessRoot.dir().toString());
        String goflags = userEnv.getOrDefault("GOFLAGS", "");
        if (goflags.contains("-mod")) {
            // Set, never removed: the process starts from optlens's own environment, where the user's
            // GOFLAGS is still there when it was not given through userEnv alone.
            env.put("GOFLAGS", String.join(" ", java.util.Arrays.stream(goflags.trim().split("\\s+"))
                    .filter(f -> !f.matches("--?mod(=.*)?")).toList()));
        }
        return env;
    }
}
