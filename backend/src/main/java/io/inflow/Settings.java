package io.inflow;

import java.nio.file.Path;
import io.inflow.limits.RateLimits;
import java.util.Set;

/**
 * How a server runs: port, data directory, database URL, the first admin's credentials,
 * the reverse proxies whose X-Forwarded-For is believed.
 * Each comes from a command-line option or else an INFLOW_* environment variable.
 */
public record Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo,
                       Set<String> trustedProxies, Limits limits) {
    public static final int DEFAULT_PORT = 7070;

    /**
     * Rate limits of the public endpoints, per client address and per site key. Generous by
     * default: a whole office may share one address, and one site key serves all its workers.
     */
    public record Limits(RateLimits.Rule perAddress, RateLimits.Rule perSiteKey) {
        public static final Limits DEFAULT = new Limits(new RateLimits.Rule("address", 600, 100), new RateLimits.Rule("site-key", 3000, 500));
    }

    public Settings {
        trustedProxies = Set.copyOf(trustedProxies);
    }

    public Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo,
                    Set<String> trustedProxies) {
        this(port, dataDir, databaseUrl, adminEmail, adminPassword, demo, trustedProxies, Limits.DEFAULT);
    }

    /** Settings with no trusted proxy (X-Forwarded-For is ignored) and the default limits. */
    public Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo) {
        this(port, dataDir, databaseUrl, adminEmail, adminPassword, demo, Set.of(), Limits.DEFAULT);
    }

    public Settings withLimits(Limits newLimits) {
        return new Settings(port, dataDir, databaseUrl, adminEmail, adminPassword, demo, trustedProxies, newLimits);
    }
}
