package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.HostSite;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * The console's snippet as an admin pastes it (versioned URL, integrity hash) on a host page of another
 * origin with a strict CSP and a nonce: the overlay runs, and loads its extra bundle from that bundle's
 * versioned URL with its integrity hash and the page's nonce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionedOverlayTest {
    private static final String NONCE = "v3rs10nedN0nce";
    private static final String OVERLAY = "inflow-overlay-root";
    Server server;
    HostSite host;
    String hostOrigin;
    String siteKey;
    JsonNode overlay;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), false);
        Http admin = server.admin();
        overlay = admin.get("/api/v1/overlay").json();
        host = HostSite.start().serve("/app/", () -> page(overlay.get("integrity").asText()))
                .serve("/altered/", () -> page("sha384-" + "A".repeat(64)));
        hostOrigin = host.origin;
        JsonNode app = admin.post("/api/v1/apps", Map.of("name", "Strict CRM", "allowedOrigins", List.of(hostOrigin))).json();
        siteKey = app.get("siteKey").asText();
        for (String rule : List.of("/app/*", "/altered/*")) {
            JsonNode tip = admin.post("/api/v1/tips", Map.of("appId", app.get("id").asText(), "title", "Welcome to deals",
                    "body", "Modals come with the extra bundle.", "presentation", "modal", "pageRule", rule)).json();
            assertThat(admin.post("/api/v1/tips/" + tip.get("id").asText() + "/publish", null).status()).isEqualTo(200);
        }
    }

    @AfterAll
    void stop() {
        host.close();
        server.close();
    }

    /** A host page with a strict CSP whose head carries the console's snippet, given the page's nonce. */
    private HostSite.Page page(String integrity) {
        String snippet = "<script nonce=\"" + NONCE + "\" async src=\"" + server.base + overlay.get("path").asText() + "\" integrity=\""
                + integrity + "\" crossorigin=\"anonymous\" data-key=\"" + siteKey + "\"></script>";
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deals</title>
                <script nonce="%s">window.__violations = [];
                document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));</script>
                %s</head><body><h1>Deals</h1></body></html>""".formatted(NONCE, snippet);
        return new HostSite.Page(html, "default-src 'self'; script-src 'nonce-" + NONCE
                + "' 'strict-dynamic'; style-src 'self'; connect-src 'self' " + server.base + "; img-src 'self'; base-uri 'none'");
    }

    @Test
    void theSnippetLoadsBothBundlesFromTheirVersionedURLsUnderAStrictCsp() {
        try (Browser browser = Browser.start()) {
            browser.open(hostOrigin + "/app/deals");
            List<WebElement> modal = browser.inShadow(OVERLAY, "[data-inflow-tip]");
            assertThat(modal.get(0).getText()).contains("Welcome to deals");
            @SuppressWarnings("unchecked")
            List<String> scripts = (List<String>) browser.js("return performance.getEntriesByType('resource')"
                    + ".map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'))");
            assertThat(scripts).contains(overlay.get("path").asText());
            assertThat(scripts).anyMatch(p -> p.matches("/overlay/[0-9a-f]{12}/inflow-more\\.js"));
            assertThat(scripts).doesNotContain("/inflow.js", "/inflow-more.js");
            assertThat(browser.js("return window.__violations")).as("no CSP violation").isEqualTo(List.of());
        }
    }

    @Test
    void anAlteredOverlayDoesNotRun() {
        try (Browser browser = Browser.start()) {
            browser.open(hostOrigin + "/altered/deals");
            browser.waitFor(d -> d.getTitle().equals("Deals") ? true : null);
            Object ran = browser.waitFor(Duration.ofSeconds(3), d -> {
                return browser.js("return performance.getEntriesByType('resource').some((e) => e.name.includes('/overlay/'))")
                        .equals(true) ? true : null;
            });
            assertThat(ran).as("the browser fetched the script").isEqualTo(true);
            assertThat(browser.js("return document.getElementById('" + OVERLAY + "') === null"))
                    .as("and refused to run it: the integrity hash does not match").isEqualTo(true);
        }
    }
}
