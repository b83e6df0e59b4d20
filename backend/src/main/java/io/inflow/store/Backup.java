package io.inflow.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Backs up and restores the embedded SQLite database. A backup is taken online with
 * VACUUM INTO on its own connection (a consistent snapshot while writes go on) and then
 * checked with integrity_check; a restore checks the file first and swaps it in atomically.
 */
public final class Backup {
    private Backup() {}

    /** Writes a consistent copy of the database at sqliteUrl to target; answers the copy's size in bytes. */
    public static long backup(String sqliteUrl, Path target) throws IOException {
        Path source = file(sqliteUrl);
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no database at " + source);
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists already; choose a new file");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (Connection c = DriverManager.getConnection(sqliteUrl); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("VACUUM INTO '" + partial.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            Files.deleteIfExists(partial);
            throw new IOException("backup failed: " + e.getMessage(), e);
        }
        check(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(target);
    }

    /** Replaces the database at sqliteUrl with a checked backup. The server must be stopped. */
    public static void restore(Path backupFile, String sqliteUrl) throws IOException {
        if (!Files.isRegularFile(backupFile)) {
            throw new IllegalArgumentException("no backup file at " + backupFile);
        }
        check(backupFile);
        Path target = file(sqliteUrl);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path incoming = target.resolveSibling(target.getFileName() + ".restoring");
        Files.copy(backupFile, incoming, StandardCopyOption.REPLACE_EXISTING);
        // the old write-ahead log belongs to the old file: left beside the new one it would be replayed into it
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-wal"));
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-shm"));
        Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fails unless the file is an SQLite database that passes integrity_check. */
    public static void check(Path file) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new IOException(file + " fails integrity_check: " + result);
            }
        } catch (SQLException e) {
            throw new IOException(file + " is not a readable SQLite database: " + e.getMessage(), e);
        }
    }

    public static Path file(String sqliteUrl) {
        if (!sqliteUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("backup and restore work on the embedded SQLite database; back up PostgreSQL with pg_dump");
        }
        String path = sqliteUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        return Path.of(query >= 0 ? path.substring(0, query) : path);
    }
}
