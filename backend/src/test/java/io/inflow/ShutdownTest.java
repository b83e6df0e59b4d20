package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.store.Database;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {
    @Test
    void stoppingLetsARequestInFlightFinishAndCommitBeforeTheDatabaseCloses(@TempDir Path dir) throws Exception {
        String url = Databases.sqliteIn(dir);
        Server server = Server.start(url, false);
        String key = server.admin().post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
        String id = UUID.randomUUID().toString();

        // hold the single SQLite writer so the ingest request is still in flight when the stop begins
        CountDownLatch holding = new CountDownLatch(1);
        Thread writer = new Thread(() -> server.inflow.database().write(h -> {
            holding.countDown();
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        writer.start();
        holding.await();
        CompletableFuture<Http.Response> ingest = CompletableFuture.supplyAsync(() -> server.http().post("/api/v1/events",
                Map.of("key", key, "events", List.of(Map.of("id", id, "type", "tip_shown", "at", Instant.now().toString())))));
        Thread.sleep(250);
        server.close();

        Http.Response answer = ingest.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
        try (Database reopened = Database.open(url)) {
            int stored = reopened.read(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE id = :id").bind("id", id).mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(1);
        }
    }
}
