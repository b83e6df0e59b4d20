package io.inflow;

import java.nio.file.Path;

/**
 * How a server runs: port, data directory, database URL, the first admin's credentials.
 * Each comes from a command-line option or else an INFLOW_* environment variable.
 */
public record Settings(int port, Path dataDir, String databaseUrl, String adminEmail, String adminPassword, boolean demo) {
    public static final int DEFAULT_PORT = 7070;

    public Settings withPort(int newPort) {
        return new Settings(newPort, dataDir, databaseUrl, adminEmail, adminPassword, demo);
    }
}
