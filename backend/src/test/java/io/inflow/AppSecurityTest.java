package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.crypto.Hashes;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppSecurityTest {
    Server server;
    Http admin;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), false);
        admin = server.admin();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode newApp() {
        return admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json();
    }

    private int deliveryStatus(String key) {
        return server.http().get("/api/v1/delivery?key=" + key + "&url=https%3A%2F%2Fcrm.example.com%2F").status();
    }

    @Test
    void aRotatedSiteKeyKeepsWorkingThroughItsGracePeriodOnly() {
        JsonNode app = newApp();
        String id = app.get("id").asText();
        String first = app.get("siteKey").asText();
        String second = admin.post("/api/v1/apps/" + id + "/site-key", Map.of("graceDays", 7)).json().get("siteKey").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(deliveryStatus(second)).isEqualTo(200);
        assertThat(deliveryStatus(first)).as("old key within its grace period").isEqualTo(200);

        String third = admin.post("/api/v1/apps/" + id + "/site-key", Map.of("graceDays", 0)).json().get("siteKey").asText();
        assertThat(deliveryStatus(third)).isEqualTo(200);
        assertThat(deliveryStatus(second)).as("retired at once").isEqualTo(404);
        assertThat(deliveryStatus(first)).as("still within the first grace period").isEqualTo(200);
        assertThat(admin.post("/api/v1/apps/" + id + "/site-key", Map.of("graceDays", 400)).status()).isEqualTo(422);
    }

    private Http.Response send(String key, String learnerId, String signature) {
        Map<String, Object> batch = new java.util.HashMap<>(Map.of("key", key, "events",
                List.of(Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "at", Instant.now().toString()))));
        if (learnerId != null) {
            batch.put("learnerId", learnerId);
        }
        if (signature != null) {
            batch.put("learnerSignature", signature);
        }
        return server.http().post("/api/v1/events", batch);
    }

    @Test
    void anAppThatVerifiesIdentitiesRefusesUnsignedAndWronglySignedLearnerIds() {
        JsonNode app = newApp();
        String key = app.get("siteKey").asText();
        String id = app.get("id").asText();
        assertThat(send(key, "u-42", null).status()).as("not required yet").isEqualTo(200);

        JsonNode setting = admin.put("/api/v1/apps/" + id + "/identity", Map.of("required", true)).json();
        assertThat(setting.get("required").asBoolean()).isTrue();
        String secret = setting.get("secret").asText();
        assertThat(secret).hasSizeGreaterThan(30);
        assertThat(admin.get("/api/v1/apps/" + id + "/identity").json().get("secret").asText()).isEqualTo(secret);

        assertThat(send(key, "u-42", null).status()).isEqualTo(403);
        assertThat(send(key, "u-42", Hashes.hmacSha256(secret, "u-43")).status()).isEqualTo(403);
        assertThat(send(key, "u-42", Hashes.hmacSha256("another secret", "u-42")).status()).isEqualTo(403);
        assertThat(send(key, "u-42", Hashes.hmacSha256(secret, "u-42")).status()).isEqualTo(200);
        assertThat(send(key, "u-42", Hashes.hmacSha256(secret, "u-42").toUpperCase()).status()).isEqualTo(200);
        assertThat(send(key, null, null).status()).as("anonymous events carry no learner").isEqualTo(200);

        // turning it off keeps the secret for later
        assertThat(admin.put("/api/v1/apps/" + id + "/identity", Map.of("required", false)).json().get("secret").asText()).isEqualTo(secret);
        assertThat(send(key, "u-42", null).status()).isEqualTo(200);
        assertThat(server.signedIn("author").get("/api/v1/apps/" + id + "/identity").status()).isEqualTo(403);
    }
}
