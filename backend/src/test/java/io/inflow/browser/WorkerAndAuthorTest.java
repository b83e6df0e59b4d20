package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The whole loop in a real Chromium against the demo CRM: pin, publish, see, dismiss, export. */
class WorkerAndAuthorTest extends DemoBrowserTest {
    private static final String OVERLAY = "inflow-overlay-root";
    private static final String PICKER = "inflow-picker-host";


    private List<JsonNode> tipsOnRule(String rule) {
        return admin.get("/api/v1/tips?limit=200&app=" + demoAppId()).json().get("items").findParents("pageRule").stream()
                .filter(t -> t.get("pageRule").asText().equals(rule)).toList();
    }

    private List<WebElement> visibleTips() {
        return browser.inShadowNow(OVERLAY, "[data-inflow-tip]");
    }

    private WebElement tipTitled(String title) {
        return browser.waitFor(Duration.ofSeconds(15), d -> visibleTips().stream()
                .filter(t -> t.getText().contains(title)).findFirst().orElse(null));
    }

    @Test
    void authorPinsATipWithThePickerAndAWorkerSeesItBesideTheFieldThenDismissesIt() {
        // only the new tip on this page, so what the worker sees is the author's
        tipsOnRule("/demo/opportunities/:id").forEach(t -> admin.post("/api/v1/tips/" + t.get("id").asText() + "/unpublish", null));
        Http author = server.signedIn("author");
        String token = author.post("/api/v1/tokens", Map.of("name", "Picker bookmarklet")).json().get("token").asText();

        browser.open(server.base + "/demo/opportunities/3");
        WebElement closeDate = browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid=opp-close-date]")));
        // what the console's bookmarklet runs
        browser.js("const s=document.createElement('script');s.src=arguments[0]+'/picker.js';s.dataset.server=arguments[0];"
                + "s.dataset.token=arguments[1];document.documentElement.appendChild(s);", server.base, token);
        browser.inShadow(PICKER, "#inflow-picker-bar");
        new Actions(browser.driver).moveToElement(closeDate).pause(Duration.ofMillis(200)).click().perform();

        WebElement title = browser.inShadow(PICKER, "#inflow-title").get(0);
        title.sendKeys("Close date = the day the customer signs");
        browser.inShadow(PICKER, "#inflow-body").get(0).sendKeys("Use the **signature** date, not the invoice date.");
        assertThat(browser.inShadow(PICKER, "#inflow-page-rule").get(0).getAttribute("value")).isEqualTo("/demo/opportunities/:id");
        browser.inShadow(PICKER, "#inflow-publish").get(0).click();
        browser.waitFor(d -> browser.inShadowNow(PICKER, "#inflow-status").stream().anyMatch(s -> s.getText().contains("Published")) ? true : null);

        JsonNode pinned = tipsOnRule("/demo/opportunities/:id").stream()
                .filter(t -> t.get("title").asText().startsWith("Close date")).findFirst().orElseThrow();
        assertThat(pinned.get("status").asText()).isEqualTo("published");
        String tipId = pinned.get("id").asText();

        // a worker on another opportunity: a fresh page load, the overlay only
        browser.open(server.base + "/demo/opportunities/5");
        WebElement tooltip = tipTitled("Close date = the day the customer signs");
        WebElement field = browser.driver.findElement(By.cssSelector("[data-testid=opp-close-date]"));
        Rectangle tip = tooltip.getRect();
        Rectangle target = field.getRect();
        assertThat(tooltip.getText()).contains("signature");
        assertThat(gap(tip, target)).as("tooltip %s beside field %s", tip, target).isBetween(0, 40);
        assertThat(overlapArea(tip, target)).isZero();
        assertThat(visibleTips()).hasSize(1);

        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        browser.waitFor(d -> visibleTips().isEmpty() ? true : null);

        // leaving the page flushes the queue with sendBeacon
        browser.open("about:blank");
        String csv = browser.waitFor(Duration.ofSeconds(15), d -> {
            String body = admin.get("/api/v1/exports/events?format=csv").body();
            return body.contains("tip_shown,") && body.contains("tip_dismissed,") && body.contains(tipId) ? body : null;
        });
        assertThat(csv.lines().filter(l -> l.contains(",tip_shown," + tipId + ","))).hasSize(1);
        assertThat(csv.lines().filter(l -> l.contains(",tip_dismissed," + tipId + ","))).hasSize(1);
    }

    @Test
    void aClientSideRouteChangeShowsTheNextRoutesTipsAndRemovesThePrevious() {
        browser.open(server.base + "/demo/accounts");
        tipTitled(title("new-account"));
        browser.driver.findElement(By.cssSelector("a[data-route][href='/demo/reports']")).click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/demo/reports") ? true : null);
        browser.waitFor(Duration.ofSeconds(15), d -> visibleTips().stream().noneMatch(t -> t.getText().contains(title("new-account")))
                && visibleTips().stream().anyMatch(t -> t.getText().contains(title("reports-welcome"))) ? true : null);
        assertThat(visibleTips()).noneMatch(t -> t.getText().contains(title("account-filter")));
        browser.driver.navigate().back();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/demo/accounts") ? true : null);
        browser.waitFor(Duration.ofSeconds(15), d -> visibleTips().stream().noneMatch(t -> t.getText().contains(title("reports-welcome"))) ? true : null);
    }

    private String title(String seedKey) {
        try (var in = getClass().getResourceAsStream("/demo/tips.json")) {
            for (JsonNode item : Http.JSON.readTree(in)) {
                if (item.get("key").asText().equals(seedKey)) {
                    return item.get("title").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no seed tip " + seedKey);
    }

    @Test
    void hostileTipContentRendersAsTextAndRunsNothing() {
        String appId = demoAppId();
        String payload = "<img src=x onerror=\"window.__pwned=1\">";
        String body = "Read this: <script>window.__pwned=1</script> " + payload
                + " [click me](javascript:window.__pwned=1) <svg onload=\"window.__pwned=1\"></svg> <b>still bold</b>";
        JsonNode tip = admin.post("/api/v1/tips", Map.of("appId", appId, "title", "Title " + payload, "body", body,
                "presentation", "modal", "pageRule", "/demo/opportunities")).json();
        admin.post("/api/v1/tips/" + tip.get("id").asText() + "/publish", null);

        browser.open(server.base + "/demo/opportunities");
        WebElement shown = tipTitled("Title <img src=x");
        assertThat(shown.getText()).contains("Read this:", "click me", "still bold");
        // an image may stay (an author may show one), but never with a handler
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip] svg, [data-inflow-tip] script, [data-inflow-tip] [onerror], [data-inflow-tip] [onload]")).isEmpty();
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip] h2, [data-inflow-tip] [id$=title]").stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("Title <img src=x onerror="));
        List<WebElement> links = browser.inShadowNow(OVERLAY, "[data-inflow-tip] a[href]");
        assertThat(links).allSatisfy(a -> assertThat(a.getAttribute("href")).doesNotStartWith("javascript"));
        for (WebElement a : browser.inShadowNow(OVERLAY, "[data-inflow-tip] a")) {
            a.click();
        }
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    }

    /** The distance between two rectangles (0 when they touch). */
    private static int gap(Rectangle a, Rectangle b) {
        int dx = Math.max(0, Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width)));
        int dy = Math.max(0, Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height)));
        return Math.max(dx, dy);
    }

    private static int overlapArea(Rectangle a, Rectangle b) {
        int w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        int h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
