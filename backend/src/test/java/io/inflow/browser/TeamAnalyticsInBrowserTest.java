package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Server;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A worker identified with a team, in Chromium, end to end: the overlay sends the team with its event
 * batches and reports page views; the console then shows the worker under that team in mastery, in a
 * dashboard filtered by the team, and the page visited that has no tip among the content gaps.
 */
class TeamAnalyticsInBrowserTest extends DemoBrowserTest {
    @Test
    void aWorkerIdentifiedWithATeamShowsUpUnderThatTeamInTheConsole() {
        String appId = demoAppId();
        // the host page identifies its worker before inflow.js loads (the stub queue); the demo's own identify is ignored
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.Inflow = { q: [['identify', ['worker-7', { team: 'support', locale: 'en' }]]], identify: function () {} };"));
        browser.open(server.base + "/demo/accounts");
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]").isEmpty() ? null : true);
        // an SPA navigation to a page no tip is pinned to
        browser.js("document.querySelector('a[data-route][href=\"/demo/opportunities\"]').click();");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/demo/opportunities") ? true : null);
        browser.open("about:blank"); // the page hides: the overlay sends what it holds

        JsonNode support = browser.waitFor(Duration.ofSeconds(20), d -> {
            for (JsonNode group : admin.get("/api/v1/apps/" + appId + "/mastery?by=trait&trait=team").json().get("items")) {
                if (group.get("key").asText().equals("support")) {
                    return group;
                }
            }
            return null;
        });
        assertThat(support.get("learners").asInt()).isEqualTo(1);
        long shown = browser.waitFor(Duration.ofSeconds(20), d -> {
            long sum = 0;
            for (JsonNode tip : admin.get("/api/v1/analytics/tips?app=" + appId + "&trait=team:support").json().get("items")) {
                sum += tip.get("shown").asLong();
            }
            return sum > 0 ? sum : null;
        });
        browser.waitFor(Duration.ofSeconds(20), d -> admin.get("/api/v1/analytics/gaps?app=" + appId).body().contains("/demo/opportunities") ? true : null);

        browser.open(server.base + "/console/#/analytics");
        browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys(Server.ADMIN_EMAIL);
        browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
        browser.driver.findElement(By.id("signin-submit")).click();

        WebElement mastery = browser.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.id("analytics-mastery-table")));
        WebElement row = mastery.findElements(By.cssSelector("tbody tr")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("td")).getText().equals("support")).findFirst().orElseThrow();
        assertThat(row.findElements(By.cssSelector("td")).get(1).getText()).isEqualTo("1");
        assertThat(browser.driver.findElement(By.id("analytics-pages-table")).getText()).contains("/demo/opportunities");

        String everyone = browser.driver.findElement(By.cssSelector("#analytics-totals [data-total=shown] strong")).getText();
        WebElement trait = browser.driver.findElement(By.id("analytics-trait"));
        trait.sendKeys("team = support", Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector("a[data-csv=tips][href*='trait=team%3Asupport']")).isEmpty() ? null : true);
        assertThat(browser.driver.findElement(By.cssSelector("#analytics-totals [data-total=shown] strong")).getText()).isEqualTo(String.valueOf(shown));
        assertThat(Long.parseLong(everyone)).isGreaterThanOrEqualTo(shown);
        trait.clear();
        trait.sendKeys("team:nobody", Keys.ENTER);
        browser.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.cssSelector("#analytics-totals [data-total=shown] strong")).getText().equals("0") ? true : null);
    }
}
