package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.store.Database;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers killed with SIGKILL at random moments during sustained ingestion: every event
 * a server acknowledged is stored exactly once afterwards, and SQLite's file stays sound.
 */
class DurabilityTest {
    private static final int KILLS = 3;

    /** Sends batches until stopped, to whichever server the supplier names; logs acknowledged ids. */
    private static Thread loadGenerator(Supplier<String> target, String siteKey, Set<String> acknowledged, AtomicBoolean running) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    events.add(Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "at", Instant.now().toString()));
                }
                try {
                    Http.Response r = Http.to(target.get()).post("/api/v1/events", Map.of("key", siteKey, "events", events));
                    if (r.status() == 200 && r.json().get("accepted").asInt() == events.size()) {
                        events.forEach(e -> acknowledged.add((String) e.get("id")));
                    }
                } catch (AssertionError refusedOrCut) {
                    // the server is down or died mid-request: nothing was acknowledged
                }
            }
        }, "load-generator");
        t.start();
        return t;
    }

    private static void verify(String url, Set<String> acknowledged) {
        try (Database db = Database.open(url)) {
            List<String> stored = db.read(h -> h.createQuery("SELECT id FROM events").mapTo(String.class).list());
            // a loaded machine acknowledges fewer; the point is that every acknowledged one survives
            assertThat(acknowledged).as("acknowledged events").hasSizeGreaterThan(20);
            assertThat(Set.copyOf(stored)).containsAll(acknowledged);
            assertThat(stored).doesNotHaveDuplicates();
            if (db.dialect() == Database.Dialect.SQLITE) {
                String check = db.read(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
                assertThat(check).isEqualTo("ok");
            }
        }
    }

    private static String createApp(String base) {
        Http admin = Http.to(base);
        admin.signIn(io.inflow.testing.Server.ADMIN_EMAIL, io.inflow.testing.Server.ADMIN_PASSWORD);
        return admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
    }

    @Test
    void sqliteKeepsEveryAcknowledgedEventThroughHardKills(@TempDir Path dir) throws Exception {
        String url = Databases.sqliteIn(dir);
        Random random = new Random();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = new ServerProcess(url, dir, dir.resolve("server.log"))) {
            server.start();
            String key = createApp(server.base());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread load = loadGenerator(server::base, key, acknowledged, running);
            for (int i = 0; i < KILLS; i++) {
                Thread.sleep(400 + random.nextInt(800));
                server.kill();
                server.start();
            }
            Thread.sleep(500);
            running.set(false);
            load.join();
        }
        verify(url, acknowledged);
    }

    @Test
    void twoServersOnPostgresqlKeepEveryAcknowledgedEventWhenOneIsKilled(@TempDir Path dir) throws Exception {
        String url = Databases.postgresql();
        Random random = new Random();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        try (ServerProcess a = new ServerProcess(url, dir.resolve("a"), dir.resolve("a.log"));
             ServerProcess b = new ServerProcess(url, dir.resolve("b"), dir.resolve("b.log"))) {
            a.start();
            b.start();
            String key = createApp(a.base());
            AtomicBoolean running = new AtomicBoolean(true);
            // no sticky routing: every batch goes to either server
            Thread load = loadGenerator(() -> random.nextBoolean() ? a.base() : b.base(), key, acknowledged, running);
            for (int i = 0; i < KILLS; i++) {
                Thread.sleep(400 + random.nextInt(800));
                b.kill();
                Thread.sleep(200);
                b.start();
            }
            Thread.sleep(500);
            running.set(false);
            load.join();
        }
        verify(url, acknowledged);
    }

}
