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
 * tip titles and bodies, learn-more URLs, app names, trait values and search queries, rendered
 * in Chromium on the demo page and in the console: nothing runs, no dialog opens, and the text
 * still shows.
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

    private void signIn(Browser browser, String path) {
        browser.open(server.base + path);
        browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys(Server.ADMIN_EMAIL);
        browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
        browser.driver.findElement(By.id("signin-submit")).click();
    }

    /** The start of a text, for views that may shorten or lowercase it. */
    private static String start(String text, int length) {
        String squashed = squash(text);
        return squashed.length() > length ? squashed.substring(0, length) : squashed;
    }

    /** Chooses the demo app in a console view's app list (the payload-named apps come first). */
    private void chooseDemoApp(Browser browser, String selectId) {
        browser.waitFor(d -> d.findElements(By.cssSelector("#" + selectId + " option")).size() > payloads.size() ? true : null);
        browser.js("const s = document.getElementById(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'))", selectId, demoAppId);
    }

    @Test
    void payloadsInSearchQueriesShowAsTextInTheLauncherAndInTheConsolesContentGaps() {
        List<String> queries = new ArrayList<>();
        try (Browser browser = Browser.start()) {
            browser.open(server.base + "/demo/accounts");
            browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid=new-account]")));
            browser.inShadow(OVERLAY, ".launcher").get(0).click();
            WebElement input = browser.inShadow(OVERLAY, ".panel input").get(0);
            for (int i = 0; i < payloads.size(); i++) {
                // a word no tip has comes first, so nothing is found (the search needs every word); a text field drops line breaks
                String query = ("qzxv " + payloads.get(i).replaceAll("[\r\n]", "")).trim();
                queries.add(query);
                browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", input, query);
                String expected = squash("No tips found for \u201c" + query + "\u201d");
                browser.waitFor(d -> browser.inShadowNow(OVERLAY, ".panel li").stream().anyMatch(li -> squash(li.getText()).equals(expected)) ? true : null);
                assertThat(browser.inShadowNow(OVERLAY, ".panel script, .panel img, .panel svg, .panel iframe, .panel [onerror], .panel [onload]"))
                        .as("query %d", i).isEmpty();
                assertNothingRan(browser, "query " + i + " in the launcher");
            }
            browser.open("about:blank"); // sends the search events
        }
        // the console shows search terms as the server counts them: lowercase, white space squashed
        java.util.Set<String> terms = new java.util.HashSet<>(queries.stream().map(q -> squash(q).toLowerCase(java.util.Locale.ROOT)).toList());
        try (Browser browser = Browser.start()) {
            signIn(browser, "/console/#/analytics");
            browser.waitFor(Duration.ofSeconds(20), d -> admin.get("/api/v1/analytics/searches?app=" + demoAppId).json().get("items")
                    .findValuesAsText("term").stream().filter(t -> t.startsWith("qzxv")).distinct().count() >= terms.size() ? true : null);
            chooseDemoApp(browser, "analytics-app");
            String gaps = browser.waitFor(Duration.ofSeconds(15), d -> {
                String text = squash(d.findElement(By.id("analytics-gaps-table")).getText());
                return text.split("qzxv", -1).length > terms.size() ? text : null;
            });
            for (String query : queries) {
                assertThat(gaps).contains(start(query, 40).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(browser.driver.findElements(By.cssSelector("main img, main iframe, main script, main object, main embed"))).isEmpty();
            assertNothingRan(browser, "the analytics view");
        }
    }

    @Test
    void payloadsInTraitValuesShowAsTextInTheConsolesMasteryAndInTheAudienceEditor() {
        Http.Response checked = admin.post("/api/v1/tips", Map.of("appId", demoAppId, "title", "Trait check", "presentation", "modal",
                "pageRule", "/demo/traits", "check", Map.of("question", "Ready?", "onWrong", "repeat_step",
                        "options", List.of(Map.of("id", "yes", "text", "Yes", "correct", true), Map.of("id", "no", "text", "No", "correct", false)))));
        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        String checkTip = checked.json().get("id").asText();
        admin.post("/api/v1/tips/" + checkTip + "/publish", null);
        Http overlay = server.http();
        for (int i = 0; i < payloads.size(); i++) {
            Http.Response answered = overlay.post("/api/v1/checks/" + checkTip + "/answers?key=demo-crm", Map.of("learnerId", "xss-learner-" + i,
                    "optionIds", List.of("yes"), "traits", Map.of("team", payloads.get(i))));
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        }
        Http.Response audienced = admin.post("/api/v1/tips", Map.of("appId", demoAppId, "title", "Audience of payloads", "presentation", "modal",
                "pageRule", "/demo/audience", "audience", List.of(Map.of("trait", "team", "op", "in", "value", payloads))));
        assertThat(audienced.status()).as(audienced.body()).isEqualTo(201);

        try (Browser browser = Browser.start()) {
            signIn(browser, "/console/#/mastery");
            chooseDemoApp(browser, "mastery-app");
            browser.driver.findElement(By.id("mastery-trait")).sendKeys("team", Keys.ENTER);
            String table = browser.waitFor(Duration.ofSeconds(15), d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#mastery-table tbody tr"));
                return rows.size() >= payloads.size() ? squash(d.findElement(By.id("mastery-table")).getText()) : null;
            });
            for (String payload : payloads) {
                assertThat(table).contains(start(payload, 40));
            }
            assertThat(browser.driver.findElements(By.cssSelector("main img, main iframe, main script, main svg, main object, main embed"))).isEmpty();
            assertNothingRan(browser, "the mastery view");

            browser.open(server.base + "/console/#/tips/" + audienced.json().get("id").asText());
            String audience = browser.waitFor(Duration.ofSeconds(15), d -> (String) browser.js(
                    "return document.querySelector('.editor-shadow')?.shadowRoot.getElementById('inflow-audience')?.value || null"));
            for (String payload : payloads) {
                assertThat(squash(audience)).contains(squash(payload));
            }
            assertThat(browser.js("return document.querySelector('.editor-shadow').shadowRoot"
                    + ".querySelectorAll('img, iframe, script, object, embed, [onerror], [onload]').length")).isEqualTo(0L);
            assertNothingRan(browser, "the audience in the tip editor");
        }
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
            signIn(browser, "/console/");
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
