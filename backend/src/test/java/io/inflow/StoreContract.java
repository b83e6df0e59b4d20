package io.inflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A real server on the store a subclass names, with an admin, an author and one app; shared by the API contracts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
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
}
