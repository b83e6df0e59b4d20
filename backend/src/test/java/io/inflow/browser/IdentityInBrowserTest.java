package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.crypto.Hashes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** An app that verifies identities, in Chromium: the overlay shows nothing to an unsigned learner id, everything to a signed one. */
class IdentityInBrowserTest extends DemoBrowserTest {
    @Test
    void onlyAHostSignedLearnerIdGetsTipsAndRecordsEvents() {
        String secret = admin.put("/api/v1/apps/" + demoAppId() + "/identity", Map.of("required", true)).json().get("secret").asText();
        browser.open(server.base + "/demo/reports");
        browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid=export-report]")));
        // the demo page identifies demo-user-1 without a signature: refused, so no tip shows
        browser.waitFor(Duration.ofSeconds(10), d -> browser.js("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/api/v1/delivery') && e.responseEnd > 0)").equals(true) ? true : null);
        assertThat(browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]")).isEmpty();

        browser.js("Inflow.identify('demo-user-1', {role: 'sales'}, {signature: arguments[0]}); return Inflow.refresh();",
                Hashes.hmacSha256(secret, "demo-user-1"));
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]").isEmpty() ? null : true);
        browser.open("about:blank");
        String csv = browser.waitFor(Duration.ofSeconds(15), d -> {
            String body = admin.get("/api/v1/exports/events?format=csv&type=tip_shown&app=" + demoAppId()).body();
            return body.lines().count() > 1 ? body : null;
        });
        assertThat(csv).doesNotContain("demo-user-1");
        admin.put("/api/v1/apps/" + demoAppId() + "/identity", Map.of("required", false));
    }
}
