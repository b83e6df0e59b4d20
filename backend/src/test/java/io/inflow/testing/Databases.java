package io.inflow.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real databases for tests: a fresh SQLite file, or a fresh database on a real PostgreSQL
 * server. The server is INFLOW_TEST_PG_URL when set (an admin URL such as
 * jdbc:postgresql://127.0.0.1:5433/postgres?user=postgres); otherwise a throwaway cluster
 * is started once per test run from the machine's PostgreSQL binaries and removed at exit.
 */
public final class Databases {
    private static String adminUrl;

    private Databases() {}

    public static String sqlite() {
        try {
            Path dir = Files.createTempDirectory("inflow-test");
            return "jdbc:sqlite:" + dir.resolve("inflow.db");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sqliteIn(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("inflow.db");
    }

    /** A new, empty PostgreSQL database; answers its JDBC URL. */
    public static synchronized String postgresql() {
        if (adminUrl == null) {
            String given = System.getenv("INFLOW_TEST_PG_URL");
            adminUrl = given != null && !given.isBlank() ? given : startCluster();
        }
        String name = "inflow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + adminUrl, e);
        }
        return adminUrl.replaceFirst("/[A-Za-z0-9_]+(\\?|$)", "/" + name + "$1");
    }

    private static String startCluster() {
        Path bin = postgresBin();
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "inflow-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            run(asUser(root, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")));
            List<String> ctl = asUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-l", dir.resolve("log").toString(), "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off -c max_connections=200", "-w", "start"));
            run(ctl);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(asUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop")));
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                } catch (Exception ignored) {
                    // the run is over; a left-over temp directory is harmless
                }
            }));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a throwaway PostgreSQL", e);
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path postgresBin() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + base));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql), "
                    + "or set INFLOW_TEST_PG_URL to an existing server", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + new String(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
