package io.inflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.crypto.Hashes;
import io.inflow.testing.Databases;
import io.inflow.testing.Eventually;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Delivery is served from memory (apps by site key, answers as bytes): what that must never
 * cost. A change through one server reaches the other within a second, a change through the
 * same server at once, ETags follow the bytes, and no learner gets another learner's answer.
 */
class DeliveryCacheTest {
    private static final String ORIGIN = "https://crm.example.com";
    private static final Duration A_SECOND = Duration.ofSeconds(1);

    @Test
    void changesThroughOneServerAreServedByTheOtherWithinASecond() {
        String db = Databases.postgresql();
        try (Server a = Server.start(db, false); Server b = Server.start(db, false)) {
            Http adminOnA = a.admin();
            JsonNode app = adminOnA.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of(ORIGIN))).json();
            String appId = app.get("id").asText();
            String key = app.get("siteKey").asText();
            String tipId = adminOnA.post("/api/v1/tips", tip(appId, "First words")).json().get("id").asText();
            adminOnA.post("/api/v1/tips/" + tipId + "/publish", null);
            Http.Response before = Eventually.within(A_SECOND, () -> b.http().get(delivery(key, "/accounts/1")),
                    r -> r.json().get("tips").size() == 1);
            assertThat(before.json().get("tips").findValuesAsText("title")).containsExactly("First words");
            // b now holds the app and this answer in memory
            assertThat(b.http().get(delivery(key, "/accounts/1"), "If-None-Match", before.header("ETag")).status()).isEqualTo(304);

            assertThat(adminOnA.put("/api/v1/tips/" + tipId, tip(appId, "Second words")).status()).isEqualTo(200);
            Http.Response edited = Eventually.within(A_SECOND, () -> b.http().get(delivery(key, "/accounts/1"), "If-None-Match", before.header("ETag")),
                    r -> r.status() == 200);
            assertThat(edited.status()).as("the edit reaches b within a second").isEqualTo(200);
            assertThat(edited.json().get("tips").findValuesAsText("title")).containsExactly("Second words");
            assertThat(edited.header("ETag")).isNotEqualTo(before.header("ETag"));
            assertThat(a.http().get(delivery(key, "/accounts/1")).header("ETag")).as("the same bytes, the same ETag on every server")
                    .isEqualTo(edited.header("ETag"));

            assertThat(adminOnA.patch("/api/v1/apps/" + appId, Map.of("name", "CRM renamed")).status()).isEqualTo(200);
            JsonNode renamed = Eventually.within(A_SECOND, () -> b.http().get(delivery(key, "/accounts/1")).json(),
                    d -> d.get("app").get("name").asText().equals("CRM renamed"));
            assertThat(renamed.get("app").get("name").asText()).isEqualTo("CRM renamed");

            String newKey = adminOnA.post("/api/v1/apps/" + appId + "/site-key", Map.of()).json().get("siteKey").asText();
            assertThat(b.http().get(delivery(newKey, "/accounts/1")).status()).as("a new key works everywhere at once").isEqualTo(200);
            assertThat(b.http().get(delivery(key, "/accounts/1")).status()).as("the old key within its grace period").isEqualTo(200);

            String secret = adminOnA.put("/api/v1/apps/" + appId + "/identity", Map.of("required", true)).json().get("secret").asText();
            String asLearner = delivery(newKey, "/accounts/1") + "&learner=u-1";
            Http.Response unsigned = Eventually.within(A_SECOND, () -> b.http().get(asLearner), r -> r.status() == 403);
            assertThat(unsigned.status()).as("b refuses unsigned learner ids within a second of a turning verification on").isEqualTo(403);
            assertThat(b.http().get(asLearner + "&learnerSignature=" + Hashes.hmacSha256(secret, "u-1")).status()).isEqualTo(200);
        }
    }

    @Test
    void eachLanguageAndEachPageHasItsOwnAnswerAndETag() {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            String key = appWithPublished(server, "Save", Map.of("locales", Map.of("de", Map.of("title", "Speichern", "body", "Klicken"))))[0];

            Http.Response english = server.http().get(delivery(key, "/accounts/1") + "&lang=en");
            Http.Response german = server.http().get(delivery(key, "/accounts/1") + "&lang=de");
            Http.Response elsewhere = server.http().get(delivery(key, "/reports"));
            assertThat(english.json().get("tips").findValuesAsText("title")).containsExactly("Save");
            assertThat(german.json().get("tips").findValuesAsText("title")).containsExactly("Speichern");
            assertThat(elsewhere.json().get("tips")).isEmpty();
            assertThat(List.of(english.header("ETag"), german.header("ETag"), elsewhere.header("ETag"))).doesNotHaveDuplicates();
            assertThat(server.http().get(delivery(key, "/accounts/1") + "&lang=de", "If-None-Match", english.header("ETag")).status())
                    .isEqualTo(200);
            assertThat(server.http().get(delivery(key, "/accounts/2") + "&lang=de", "If-None-Match", german.header("ETag")).status())
                    .as("another page with the same tips is the same answer").isEqualTo(304);
        }
    }

    @Test
    void aLearnersPersonalAnswerIsNeverServedToAnyoneElse() {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            String[] keyAndTip = appWithPublished(server, "Reinforced", Map.of("reinforce", true));
            String key = keyAndTip[0];
            String tipId = keyAndTip[1];
            String page = delivery(key, "/accounts/1");

            Http.Response anonymous = server.http().get(page);
            assertThat(ids(anonymous)).containsExactly(tipId);
            // seeing it once makes it a review for "seen", due days from now: hidden from "seen" until then
            Map<String, Object> shown = Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "tipId", tipId,
                    "at", java.time.Instant.now().toString());
            assertThat(server.http().post("/api/v1/events", Map.of("key", key, "learnerId", "seen", "events", List.of(shown))).status())
                    .isEqualTo(200);

            Http.Response seen = server.http().get(page + "&learner=seen");
            Http.Response other = server.http().get(page + "&learner=other");
            Http.Response anonymousAgain = server.http().get(page);
            Http.Response seenAgain = server.http().get(page + "&learner=seen");
            assertThat(ids(seen)).isEmpty();
            assertThat(ids(other)).containsExactly(tipId);
            assertThat(ids(anonymousAgain)).containsExactly(tipId);
            assertThat(ids(seenAgain)).isEmpty();
            assertThat(seen.header("ETag")).isNotEqualTo(other.header("ETag")).isNotEqualTo(anonymous.header("ETag"));
            assertThat(server.http().get(page + "&learner=other", "If-None-Match", seen.header("ETag")).status()).isEqualTo(200);
            assertThat(server.http().get(page, "If-None-Match", seen.header("ETag")).status()).isEqualTo(200);
            assertThat(server.http().get(page + "&learner=seen", "If-None-Match", seen.header("ETag")).status()).isEqualTo(304);
        }
    }

    /** A new app with one published tip on /accounts/:id: its site key and the tip's id. */
    private static String[] appWithPublished(Server server, String title, Map<String, Object> fields) {
        Http admin = server.admin();
        JsonNode app = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of(ORIGIN))).json();
        Map<String, Object> tip = new HashMap<>(tip(app.get("id").asText(), title));
        tip.putAll(fields);
        String tipId = admin.post("/api/v1/tips", tip).json().get("id").asText();
        assertThat(admin.post("/api/v1/tips/" + tipId + "/publish", null).status()).isEqualTo(200);
        return new String[] {app.get("siteKey").asText(), tipId};
    }

    private static Map<String, Object> tip(String appId, String title) {
        return Map.of("appId", appId, "title", title, "body", "Body of " + title, "presentation", "tooltip", "pageRule", "/accounts/:id",
                "anchor", Map.of("v", 1, "tag", "input", "selectors", List.of(Map.of("css", "[name=\"amount\"]", "count", 1))));
    }

    private static String delivery(String key, String path) {
        return "/api/v1/delivery?key=" + key + "&url=" + URLEncoder.encode(ORIGIN + path, StandardCharsets.UTF_8);
    }

    private static List<String> ids(Http.Response delivery) {
        assertThat(delivery.status()).as(delivery.body()).isEqualTo(200);
        return delivery.json().get("tips").findValuesAsText("id");
    }
}
