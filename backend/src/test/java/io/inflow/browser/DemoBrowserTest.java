package io.inflow.browser;

import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A demo server (SQLite) for the class, an admin client, and a fresh Chromium for every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoBrowserTest {
    Server server;
    Http admin;
    Browser browser;

    @BeforeAll
    void startServer() {
        server = Server.start(Databases.sqlite(), true);
        admin = server.admin();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** The id of the demo app (site key demo-crm). */
    String demoAppId() {
        return admin.get("/api/v1/apps").json().get("items").findParents("siteKey").stream()
                .filter(a -> a.get("siteKey").asText().equals("demo-crm")).findFirst().orElseThrow().get("id").asText();
    }
}
