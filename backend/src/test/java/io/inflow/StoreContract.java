package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server on the store a subclass names, with an admin, an author and one app, and the tips the API
 * contracts write; one server per store serves them all (see {@link AuthoringApiContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    static final Map<String, Object> ANCHOR = Map.of("v", 1, "tag", "input",
            "selectors", List.of(Map.of("css", "[data-testid=\"opp-amount\"]", "count", 1)), "props", Map.of("name", "amount"));

    Server server;
    Http admin;
    Http author;
    String appId;
    String siteKey;

    abstract String databaseUrl();

    @BeforeAll
    void startServer() {
        server = Server.start(databaseUrl(), false);
        admin = server.admin();
        author = server.signedIn("author");
        JsonNode app = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
        appId = app.get("id").asText();
        siteKey = app.get("siteKey").asText();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** A tooltip on the app, anchored to the amount field; a map the test may change before sending. */
    Map<String, Object> tip(String title, String rule, String body) {
        return new HashMap<>(Map.of("appId", appId, "title", title, "body", body, "presentation", "tooltip",
                "placement", "right", "pageRule", rule, "anchor", ANCHOR));
    }

    /** Creates the tip as the author; its id. */
    String create(Map<String, Object> tip) {
        Http.Response r = author.post("/api/v1/tips", tip);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
