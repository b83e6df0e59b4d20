package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;

/** The overlay's send queue in a real Chromium: the network fails, the tab is closed, the page is reopened. */
class EventDeliveryTest {
    private static final String STORE = "inflow.unsent.demo-crm";

    @Test
    void eventsMadeWhileTheNetworkFailsArriveOnceAfterTheTabIsClosedAndThePageReopened() throws Exception {
        try (Server server = Server.start(Databases.sqlite(), true); Browser browser = Browser.start()) {
            Http admin = server.admin();
            var driver = browser.driver;
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/events*")));
            String firstTab = driver.getWindowHandle();

            browser.open(server.base + "/demo/reports?visit=1");
            browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow("inflow-overlay-root", "[data-inflow-tip]").isEmpty() ? null : true);
            driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE); // dismiss: one more event
            Thread.sleep(6_500); // the 5 s flush runs and fails: nothing may be lost
            assertThat(export(admin)).noneMatch(l -> l.contains("visit=1"));

            driver.switchTo().newWindow(WindowType.TAB);
            String secondTab = driver.getWindowHandle();
            driver.switchTo().window(firstTab);
            driver.close(); // page hide: the queue goes to localStorage (and a beacon, which the failed network drops)
            driver.switchTo().window(secondTab);

            // a page of the same origin without the overlay, to read what the closed tab left
            browser.open(server.base + "/api/openapi.json");
            List<String> ids = browser.waitFor(d -> {
                Object raw = browser.js("return window.localStorage.getItem(arguments[0])", STORE);
                if (raw == null) {
                    return null;
                }
                List<String> found = new ArrayList<>();
                try {
                    Http.JSON.readTree((String) raw).get("entries").forEach(e -> found.add(e.get("e").get("id").asText()));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return found;
            });
            assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
            Thread.sleep(1_000);
            assertThat(export(admin)).as("nothing got through the failed network").noneMatch(l -> l.contains("visit=1"));

            // the network is back (a new tab is not blocked); the next page sends what was left
            browser.open(server.base + "/demo/accounts?visit=2");
            List<String> arrived = browser.waitFor(Duration.ofSeconds(20), d -> {
                List<String> rows = export(admin).stream().filter(l -> l.contains("visit=1")).toList();
                return rows.size() >= ids.size() ? rows : null;
            });
            Thread.sleep(1_000);
            List<String> lines = export(admin);
            List<String> firstVisit = lines.stream().filter(l -> l.contains("visit=1")).toList();
            assertThat(firstVisit).hasSameSizeAs(ids).hasSameSizeAs(arrived);
            assertThat(firstVisit.stream().map(l -> l.substring(0, l.indexOf(',')))).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(firstVisit).anyMatch(l -> l.contains(",tip_shown,")).anyMatch(l -> l.contains(",tip_dismissed,"));
            // the stored copy is gone once the server has acknowledged it
            browser.waitFor(d -> browser.js("return window.localStorage.getItem(arguments[0])", STORE) == null
                    || !((String) browser.js("return window.localStorage.getItem(arguments[0])", STORE)).contains(ids.get(0)) ? true : null);

            // and the rollups counted each event once
            String appId = admin.get("/api/v1/apps").json().get("items").findParents("siteKey").stream()
                    .filter(a -> a.get("siteKey").asText().equals("demo-crm")).findFirst().orElseThrow().get("id").asText();
            long shownEvents = lines.stream().filter(l -> l.contains(",tip_shown,")).count();
            JsonNode tips = admin.get("/api/v1/analytics/tips?app=" + appId).json().get("items");
            long shownCounted = 0;
            for (JsonNode t : tips) {
                shownCounted += t.get("shown").asLong();
            }
            assertThat(shownCounted).isEqualTo(shownEvents);
        }
    }

    /** The exported CSV's data rows, without its header line. */
    private static List<String> export(Http admin) {
        List<String> lines = admin.get("/api/v1/exports/events?format=csv").body().lines().toList();
        return lines.subList(1, lines.size());
    }
}
