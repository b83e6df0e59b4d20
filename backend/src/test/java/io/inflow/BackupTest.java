package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.store.Database;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Set<String> storedIds(String url) {
        try (Database db = Database.open(url)) {
            List<String> ids = db.read(h -> h.createQuery("SELECT id FROM events").mapTo(String.class).list());
            return Set.copyOf(ids);
        }
    }

    @Test
    void aBackupTakenWhileEventsArriveRestoresEverythingAcknowledgedBeforeIt(@TempDir Path live, @TempDir Path restored) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Path backup = live.resolveSibling(live.getFileName() + "-backup.db");
        try (Server server = Server.start(Databases.sqliteIn(live), false)) {
            String key = server.admin().post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                Http http = server.http();
                while (writing.get()) {
                    String id = UUID.randomUUID().toString();
                    Http.Response r = http.post("/api/v1/events", Map.of("key", key, "events",
                            List.of(Map.of("id", id, "type", "tip_shown", "at", Instant.now().toString()))));
                    if (r.status() == 200) {
                        acknowledged.add(id);
                    }
                }
            });
            writer.start();
            while (acknowledged.size() < 50) {
                Thread.sleep(10);
            }
            Set<String> beforeBackup = Set.copyOf(acknowledged);
            assertThat(run("backup", "--out", backup.toString(), "--data", live.toString())).as(err.toString()).isEqualTo(0);
            while (acknowledged.size() < beforeBackup.size() + 20) {
                Thread.sleep(10);
            }
            writing.set(false);
            writer.join();

            assertThat(run("restore", "--from", backup.toString(), "--data", restored.toString())).as(err.toString()).isEqualTo(0);
            Set<String> inBackup = storedIds(Databases.sqliteIn(restored));
            assertThat(inBackup).containsAll(beforeBackup);
            assertThat(acknowledged).containsAll(inBackup);
            assertThat(inBackup.size()).isLessThan(acknowledged.size());
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("integrity_check ok");
        }
    }

    @Test
    void aDamagedBackupIsRefusedAndTheDatabaseIsLeftAsItWas(@TempDir Path dir) throws Exception {
        String url = Databases.sqliteIn(dir);
        try (Server server = Server.start(url, false)) {
            server.admin().post("/api/v1/apps", Map.of("name", "Kept", "allowedOrigins", List.of()));
        }
        Path damaged = dir.resolve("damaged.db");
        Files.write(damaged, "this is not a database".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThat(run("restore", "--from", damaged.toString(), "--data", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a readable SQLite database");
        try (Database db = Database.open(url)) {
            List<String> names = db.read(h -> h.createQuery("SELECT name FROM apps").mapTo(String.class).list());
            assertThat(names).containsExactly("Kept");
        }
        assertThat(run("backup", "--out", dir.resolve("x.db").toString(), "--db", "jdbc:postgresql://nowhere/db")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump");
    }
}
