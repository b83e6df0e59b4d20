package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * A corpus of XSS payloads (the families of the OWASP filter-evasion cheat sheet) placed in
 * tip titles and bodies, learn-more URLs and app names, rendered in Chromium on the demo
 * page and in the console: nothing runs, no dialog opens, and the text still shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntrustedContentTest {
    private static final String OVERLAY = "inflow-overlay-root";
    Server server;
    Http admin;
    String demoAppId;
    final List<String> payloads = new ArrayList<>();
    final Map<Integer, String> tipIds = new HashMap<>();

    @BeforeAll
    void start() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/xss-payloads.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    payloads.add(line.replace("⏎", "\n"));
                }
            }
        }
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(60);
        server = Server.start(Databases.sqlite(), true);
        admin = server.admin();
        demoAppId = admin.get("/api/v1/apps").json().get("items").findParents("siteKey").stream()
                .filter(a -> a.get("siteKey").asText().equals("demo-crm")).findFirst().orElseThrow().get("id").asText();
        for (int i = 0; i < payloads.size(); i++) {
            String payload = payloads.get(i);
            assertThat(admin.post("/api/v1/apps", Map.of("name", payload, "allowedOrigins", List.of())).status()).isEqualTo(201);
            Http.Response tip = admin.post("/api/v1/tips", Map.of("appId", demoAppId, "title", payload,
                    "body", payload + "\n\nmarker-" + i, "presentation", "modal", "pageRule", "/demo/x/" + i));
            assertThat(tip.status()).as(tip.body()).isEqualTo(201);
            tipIds.put(i, tip.json().get("id").asText());
            admin.post("/api/v1/tips/" + tip.json().get("id").asText() + "/publish", null);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static void assertNothingRan(Browser browser, String where) {
        try {
            String text = browser.driver.switchTo().alert().getText();
            throw new AssertionError("a dialog opened (" + text + ") " + where);
        } catch (NoAlertPresentException expected) {
            // no dialog: good
        }
        assertThat(browser.js("return window.__xss === undefined && (!window.parent || window.parent.__xss === undefined)"))
                .as("sentinel after " + where).isEqualTo(true);
    }

    @Test
    void payloadsInTipTitlesAndBodiesShowAsTextOnTheHostPage() {
        try (Browser browser = Browser.start()) {
            browser.open(server.base + "/demo/accounts");
            browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid=new-account]")));
            for (int i = 0; i < payloads.size(); i++) {
                String payload = payloads.get(i);
                browser.js("history.pushState({}, '', '/demo/x/' + arguments[0])", i);
                String marker = "marker-" + i;
                String selector = "[data-inflow-tip=\"" + tipIds.get(i) + "\"]";
                WebElement tip = browser.waitFor(Duration.ofSeconds(10), d -> browser.inShadowNow(OVERLAY, selector)
                        .stream().filter(t -> t.getText().contains(marker)).findFirst().orElse(null));
                assertThat(squash(tip.getText())).as("payload %d shows as text", i).contains(squash(payload));
                assertThat(browser.inShadowNow(OVERLAY, "script, iframe, object, embed, svg, math, form, base, meta, link, style:not([data-inflow])"
                        + ", [onerror], [onload], [onclick], [onfocus], [srcdoc]")).as("payload %d", i).isEmpty();
                assertThat(browser.js("return [...arguments[0].querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                        + ".filter(h => !/^(https?:|\\/|#|[a-z0-9._-]+$)/i.test(h.trim()))", browser.shadow(OVERLAY))).as("hrefs of payload %d", i)
                        .asList().isEmpty();
                assertNothingRan(browser, "payload " + i + " on the demo page");
                browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            }
        }
    }

    @Test
    void payloadsInAppNamesAndTipTitlesShowAsTextInTheConsole() {
        try (Browser browser = Browser.start()) {
            browser.open(server.base + "/console/");
            browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys(Server.ADMIN_EMAIL);
            browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
            browser.driver.findElement(By.id("signin-submit")).click();
            browser.waitFor(d -> d.findElements(By.cssSelector("li[data-app-id]")).size() > payloads.size() ? true : null);
            String apps = squash(browser.driver.findElement(By.tagName("main")).getText());
            for (String payload : payloads) {
                assertThat(apps).contains(squash(payload).length() > 40 ? squash(payload).substring(0, 40) : squash(payload));
            }
            assertNothingRan(browser, "the apps view");

            browser.driver.findElement(By.cssSelector("a[href='#/tips']")).click();
            browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-tip-id]")).isEmpty() ? null : true);
            while (browser.driver.findElements(By.cssSelector("tr[data-tip-id]")).size() < payloads.size()) {
                int shown = browser.driver.findElements(By.cssSelector("tr[data-tip-id]")).size();
                browser.driver.findElement(By.id("tips-more")).click();
                browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-tip-id]")).size() > shown ? true : null);
            }
            String tips = squash(browser.driver.findElement(By.tagName("main")).getText());
            for (String payload : payloads) {
                assertThat(tips).contains(squash(payload).length() > 30 ? squash(payload).substring(0, 30) : squash(payload));
            }
            assertThat(browser.driver.findElements(By.cssSelector("main img, main svg, main iframe, main script"))).isEmpty();
            assertNothingRan(browser, "the tips view");
        }
    }

    @Test
    void dangerousLearnMoreUrlsAreRefusedWhenTheTipIsSaved() {
        for (String url : List.of("javascript:window.__xss=1", "JaVaScRiPt:window.__xss=1", " javascript:window.__xss=1",
                "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "jav\tascript:window.__xss=1", "//evil.example.net/x", "/relative")) {
            Http.Response r = admin.post("/api/v1/tips", Map.of("appId", demoAppId, "title", "t", "presentation", "modal",
                    "pageRule", "/demo/y", "learnMore", Map.of("url", url, "label", "more")));
            assertThat(r.status()).as(url).isEqualTo(422);
            JsonNode errors = r.json().get("errors");
            assertThat(errors.findValuesAsText("field")).as(url).contains("learnMore.url");
        }
    }
}
