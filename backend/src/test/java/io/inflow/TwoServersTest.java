package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Databases;
import io.inflow.testing.Eventually;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two stateless servers on one PostgreSQL database, with no sticky routing between them. */
class TwoServersTest {
    @Test
    void whatOneServerWritesTheOtherServesAtOnce() {
        String db = Databases.postgresql();
        try (Server a = Server.start(db, false); Server b = Server.start(db, false)) {
            Http adminOnA = a.admin();
            JsonNode app = adminOnA.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
            String deliveryPath = "/api/v1/delivery?key=" + app.get("siteKey").asText() + "&url="
                    + URLEncoder.encode("https://crm.example.com/accounts/1", StandardCharsets.UTF_8);
            // b has cached the app's empty page before anything is published
            assertThat(b.http().get(deliveryPath).json().get("tips")).isEmpty();

            JsonNode tip = adminOnA.post("/api/v1/tips", Map.of("appId", app.get("id").asText(), "title", "Shared", "body", "x",
                    "presentation", "modal", "pageRule", "/accounts/:id")).json();
            adminOnA.post("/api/v1/tips/" + tip.get("id").asText() + "/publish", null);
            // b keeps apps in memory between reads of their content versions, so "at once" is within a second
            JsonNode onB = Eventually.within(Duration.ofSeconds(1), () -> b.http().get(deliveryPath).json(), d -> !d.get("tips").isEmpty());
            assertThat(onB.get("tips").findValuesAsText("title")).containsExactly("Shared");

            // a session made on one server is good on the other, and signing out on b ends it on a
            Http.Response sessionOnB = b.http().get("/api/v1/session", "Cookie", sessionCookie(adminOnA, a));
            assertThat(sessionOnB.status()).isEqualTo(200);
            assertThat(b.http().delete("/api/v1/session", "Cookie", sessionCookie(adminOnA, a)).status()).isEqualTo(204);
            assertThat(adminOnA.get("/api/v1/session").status()).isEqualTo(401);
        }
    }

    /** The session cookie the client got from server a, as a Cookie header for server b (another port). */
    private static String sessionCookie(Http client, Server a) {
        return client.cookie(a.base, "inflow_session");
    }
}
