package dev.optlens.analysis.build;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment every go command runs with. {@code GOTOOLCHAIN=local}: an opened repository must
 * never make us download a toolchain. {@code GOPROXY=off} unless the user set a proxy: analysis
 * must never fetch modules behind the user's back.
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
        return env;
    }
}
