package io.inflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A server on a real store (one per test class, on a test clock) with one app whose overlay may run on
 * {@link #ORIGIN}: the set-up of the API contracts that run once per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneAppServer {
    public static final String ORIGIN = "https://crm.example.com";

    protected final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:00:00Z"));
    protected Server server;
    protected String appId;
    protected String siteKey;

    protected abstract String databaseUrl();

    @BeforeAll
    void startServerWithApp() {
        server = Server.start(databaseUrl(), false, clock);
        JsonNode app = server.admin().post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of(ORIGIN))).json();
        appId = app.get("id").asText();
        siteKey = app.get("siteKey").asText();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
