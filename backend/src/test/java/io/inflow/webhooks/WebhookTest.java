package io.inflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.inflow.crypto.Hashes;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A webhook per app against a real receiver: chosen types only, signed, retried, each event once. */
class WebhookTest {
    record Delivery(String signature, String body) {}

    @Test
    void chosenEventsArriveSignedOnceEachAfterAFailedAttempt() throws Exception {
        List<Delivery> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/inflow", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = requests.incrementAndGet() == 1 ? 500 : 204; // the first delivery fails on purpose
            if (status == 204) {
                received.add(new Delivery(exchange.getRequestHeaders().getFirst(WebhookPush.SIGNATURE), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try (Server server = Server.start(Databases.sqlite(), false)) {
            Http admin = server.admin();
            JsonNode app = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json();
            String appId = app.get("id").asText();
            String before = send(server, app, "tip_dismissed");
            Thread.sleep(5);
            String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/inflow";

            assertThat(admin.post("/api/v1/apps/" + appId + "/webhooks", Map.of("url", "ftp://x", "eventTypes", List.of("nope"))).status()).isEqualTo(422);
            assertThat(server.signedIn("author").post("/api/v1/apps/" + appId + "/webhooks", Map.of("url", hookUrl, "eventTypes", List.of("tip_dismissed")))
                    .status()).isEqualTo(403);
            Http.Response made = admin.post("/api/v1/apps/" + appId + "/webhooks", Map.of("url", hookUrl, "eventTypes", List.of("tip_dismissed", "helpful_vote")));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String secret = made.json().get("secret").asText();
            assertThat(secret).hasSizeGreaterThan(20);
            assertThat(admin.get("/api/v1/apps/" + appId + "/webhooks").body()).contains(hookUrl).doesNotContain(secret);

            List<String> wanted = new ArrayList<>();
            send(server, app, "tip_shown");
            wanted.add(send(server, app, "tip_dismissed"));
            wanted.add(send(server, app, "helpful_vote"));
            send(server, app, "tip_shown");
            wanted.add(send(server, app, "tip_dismissed"));

            long deadline = System.currentTimeMillis() + 30_000;
            List<String> ids = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                ids.clear();
                synchronized (received) {
                    for (Delivery d : received) {
                        Http.JSON.readTree(d.body()).get("events").forEach(e -> ids.add(e.get("id").asText()));
                    }
                }
                if (ids.size() >= wanted.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            Thread.sleep(2_500); // one more round: nothing further may arrive
            assertThat(requests.get()).isGreaterThanOrEqualTo(2);
            List<String> all = new ArrayList<>();
            for (Delivery d : received) {
                String[] parts = d.signature().split(",");
                String t = parts[0].substring(2);
                assertThat(parts[1]).isEqualTo("v1=" + Hashes.hmacSha256(secret, t + "." + d.body()));
                assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(120);
                JsonNode body = Http.JSON.readTree(d.body());
                assertThat(body.get("appId").asText()).isEqualTo(appId);
                body.get("events").forEach(e -> all.add(e.get("id").asText()));
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(wanted).doesNotContain(before);
        } finally {
            receiver.stop(0);
        }
    }

    private static String send(Server server, JsonNode app, String type) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> event = type.equals("helpful_vote")
                ? Map.of("id", id, "type", type, "tipId", "tip_a", "at", Instant.now().toString(), "data", Map.of("helpful", true))
                : Map.of("id", id, "type", type, "tipId", "tip_a", "at", Instant.now().toString());
        Http.Response r = server.http().post("/api/v1/events", Map.of("key", app.get("siteKey").asText(), "learnerId", "u-1", "events", List.of(event)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }
}
