package io.inflow;

import java.nio.file.Path;
import java.util.Set;

/**
 * How a server runs: port, data directory, database URL, the first admin's credentials,
 * the reverse proxies whose X-Forwarded-For is believed.
 * Each comes from a command-line option or else an INFLOW_* environment variable.
 */
public record Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo,
                       Set<String> trustedProxies) {
    public static final int DEFAULT_PORT = 7070;

    public Settings {
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** Settings with no trusted proxy: X-Forwarded-For is ignored. */
    public Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo) {
        this(port, dataDir, databaseUrl, adminEmail, adminPassword, demo, Set.of());
    }
}
