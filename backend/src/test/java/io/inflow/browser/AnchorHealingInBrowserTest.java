package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Self-healing in a real Chromium: a tip pinned to a button, the host app's next release changes the button's text and
 * classes (same test id), the overlay finds it confidently, refreshes the anchor, and the server keeps the old one.
 */
class AnchorHealingInBrowserTest extends DemoBrowserTest {
    private static final String PAGE = "/test/heal.html";

    @Test
    void aDriftedButtonIsFoundAndItsAnchorHealedWithTheOldVersionKept() {
        browser.open(server.base + PAGE);
        browser.waitFor(d -> browser.js("return !!(window.Inflow && window.Inflow.anchor)").equals(true) ? true : null);
        Object anchor = browser.js("return Inflow.anchor.record(document.getElementById('save'));");
        Http.Response created = admin.post("/api/v1/tips", Map.of("appId", demoAppId(), "title", "Saving an opportunity",
                "body", "Saves the **amount**.", "presentation", "tooltip", "pageRule", PAGE, "anchor", anchor));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/tips/" + id + "/anchor-versions").json().get("anchor").get("props").get("text").asText()).isEqualTo("Save");

        browser.open(server.base + PAGE + "?release=2");
        // found beside the changed button: the tip shows
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]").stream()
                .filter(b -> b.getText().contains("Saving an opportunity")).findFirst().orElse(null));
        assertThat(browser.js("return document.getElementById('save').textContent")).isEqualTo("Save changes");

        JsonNode healed = browser.waitFor(Duration.ofSeconds(15), d -> {
            JsonNode h = admin.get("/api/v1/tips/" + id + "/anchor-versions").json();
            return h.get("previous").size() > 0 ? h : null;
        });
        JsonNode now = healed.get("anchor");
        assertThat(now.get("props").get("text").asText()).isEqualTo("Save changes");
        assertThat(now.get("props").get("testId").asText()).isEqualTo("save-opp");
        assertThat(now.get("props").get("classes").toString()).contains("button-primary");
        assertThat(healed.get("previous")).hasSize(1);
        assertThat(healed.get("previous").get(0).get("anchor").get("props").get("text").asText()).isEqualTo("Save");

        // the next delivery uses the refreshed anchor, and it still finds the button
        JsonNode delivered = Http.to(server.base).get("/api/v1/delivery?key=demo-crm&url=" + java.net.URLEncoder.encode(server.base + PAGE, java.nio.charset.StandardCharsets.UTF_8))
                .json().get("tips").findParents("title").stream().filter(t -> t.get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(delivered.get("anchor").get("props").get("text").asText()).isEqualTo("Save changes");
        browser.open(server.base + PAGE + "?release=2");
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]").stream()
                .filter(b -> b.getText().contains("Saving an opportunity")).findFirst().orElse(null));
    }
}
