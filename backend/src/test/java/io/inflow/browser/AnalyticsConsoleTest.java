package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The console's analytics view in a real Chromium: charts drawn by uPlot, tables with the rollup numbers. */
class AnalyticsConsoleTest {
    @Test
    void anAnalystSeesChartsAndTablesOfWhatLearnersDid() {
        try (Server server = Server.start(Databases.sqlite(), false); Browser browser = Browser.start()) {
            Http admin = server.admin();
            JsonNode app = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
            String appId = app.get("id").asText();
            String siteKey = app.get("siteKey").asText();
            String tipId = admin.post("/api/v1/tips", Map.of("appId", appId, "title", "Amount is net", "body", "Net of VAT.",
                    "presentation", "modal", "pageRule", "/opportunities/:id")).json().get("id").asText();
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add(event("tip_shown", tipId, now, null));
            }
            events.add(event("anchor_missing", tipId, now, Map.of("reason", "not_found")));
            events.add(event("anchor_missing", tipId, now, Map.of("reason", "not_found")));
            events.add(event("helpful_vote", tipId, now, Map.of("helpful", true)));
            events.add(event("search", null, now, Map.of("query", "Refund policy", "results", 0)));
            events.add(event("step_viewed", null, now, Map.of("walkthroughId", "wt_onboarding", "step", 0)));
            events.add(event("step_viewed", null, now, Map.of("walkthroughId", "wt_onboarding", "step", 1)));
            Http.Response sent = server.http().post("/api/v1/events", Map.of("key", siteKey, "learnerId", "u-1", "events", events));
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            server.inflow.accounts().create("ana@example.com", "Ana", "analyst", Server.ADMIN_PASSWORD);

            browser.open(server.base + "/console/#/analytics");
            browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys("ana@example.com");
            browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
            browser.driver.findElement(By.id("signin-submit")).click();

            browser.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.cssSelector("#analytics-totals [data-total=shown] strong")).getText().equals("6") ? true : null);
            // uPlot drew on canvases: trend, funnel, helpful, gaps, anchors
            browser.waitFor(d -> d.findElements(By.cssSelector("#analytics-output .uplot canvas")).size() >= 5 ? true : null);
            assertThat(browser.js("const c = document.querySelector('#analytics-trend .uplot canvas');"
                    + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true; return false;")).isEqualTo(true);
            assertThat(browser.driver.findElement(By.id("analytics-anchors-table")).getText()).contains("Amount is net", "75 %");
            assertThat(browser.driver.findElement(By.id("analytics-gaps-table")).getText()).contains("refund policy");
            WebElement funnel = browser.driver.findElement(By.id("analytics-funnel-wt_onboarding"));
            assertThat(funnel.findElements(By.cssSelector("tbody tr"))).hasSize(2);
            String csvHref = browser.driver.findElement(By.cssSelector("a[data-csv=tips]")).getAttribute("href");
            String csv = server.admin().get(csvHref.substring(server.base.length())).body();
            assertThat(csv).startsWith("tipId,title,pageRule,shown,learners").contains(tipId + ",Amount is net,/opportunities/:id,6,1,");
        }
    }

    private static Map<String, Object> event(String type, String tipId, String at, Map<String, Object> data) {
        Map<String, Object> e = new java.util.HashMap<>(Map.of("id", UUID.randomUUID().toString(), "type", type, "at", at,
                "url", "https://crm.example.com/opportunities/1"));
        if (tipId != null) {
            e.put("tipId", tipId);
        }
        if (data != null) {
            e.put("data", data);
        }
        return e;
    }
}
