package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The authoring studio in a real headless Chromium with the unpacked extension: anchors to fix listed first in the
 * console and re-pinned with one click, drafts drawn in place on the live page, and a walkthrough recorded across
 * two pages, edited and published in the console, and played back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioTest {
    /** Fixed by the manifest's public key. */
    private static final String EXTENSION_ID = "eboeeobgiakgnkpplmhdeijjdgfjjolk";
    private static final String PICKER = "inflow-picker-host";
    private static final String PREVIEW = "inflow-preview-host";
    private static final String OVERLAY = "inflow-overlay-root";

    Server server;
    HttpServer host;
    String hostOrigin;
    Http author;
    String appId;
    String siteKey;
    Browser browser;
    String optionsTab;

    @BeforeAll
    void start() throws IOException {
        server = Server.start(Databases.sqlite(), false);
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostOrigin = "http://127.0.0.1:" + host.getAddress().getPort();
        host.createContext("/", this::page);
        host.start();
        JsonNode app = server.admin().post("/api/v1/apps", Map.of("name", "Deal desk", "allowedOrigins", List.of(hostOrigin))).json();
        appId = app.get("id").asText();
        siteKey = app.get("siteKey").asText();
        author = server.signedIn("author");
        String token = author.post("/api/v1/tokens", Map.of("name", "Extension")).json().get("token").asText();

        Path extension = Path.of("..", "authoring", "dist", "extension").toAbsolutePath().normalize();
        assertThat(extension.resolve("manifest.json")).as("the build writes the unpacked extension").exists();
        browser = Browser.start("--load-extension=" + extension, "--disable-extensions-except=" + extension);
        browser.open("chrome-extension://" + EXTENSION_ID + "/options.html");
        browser.waitFor(d -> d.findElement(By.id("server"))).sendKeys(server.base);
        browser.driver.findElement(By.id("token")).sendKeys(token);
        browser.driver.findElement(By.id("save")).click();
        browser.waitFor(d -> d.findElement(By.id("status")).getText().startsWith("Saved. Connected as author-") ? true : null);
        optionsTab = browser.driver.getWindowHandle();
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        host.stop(0);
        server.close();
    }

    /** Pages of a small deal desk app with the snippet: /{area}/deals/{id} links to /{area}/accounts/{id}. */
    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        String area = parts.length > 1 ? parts[1] : "";
        String content = path.contains("/accounts/")
                ? "<h1>Account 7</h1><p>Contacts of the account.</p><button id=\"export\" type=\"button\">Export contacts</button>"
                : """
                  <h1>Deal 42</h1>
                  <p><label for="discount">Discount</label> <input id="discount" name="discount"></p>
                  <p><button id="approve-new" type="button">Approve deal</button></p>
                  <p><a id="to-account" href="/%s/accounts/7">Account of this deal</a></p>""".formatted(area);
        // the content sits in the middle, clear of the picker's bar and panels
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deal desk</title>
                <script async src="%s/inflow.js" data-key="%s" data-launcher="hidden"></script>
                <style>body { margin: 120px 0 0 440px; width: 360px; font: 16px sans-serif } p { margin: 0 0 130px }</style></head>
                <body>%s</body></html>"""
                .formatted(server.base, siteKey, content);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    // ---- the console lists broken tips first, and one click on the page re-pins

    @Test
    void theConsoleListsBrokenTipsFirstAndOneClickOnThePageRePinsOne() {
        String rule = "/health/deals/:id";
        String healthy = published(tip("Discount rules", rule, anchor("input", "#discount", Map.of("id", "discount", "name", "discount", "label", "Discount"))));
        // pinned to a region picker that the app has since replaced: not found any more
        String broken = published(tip("Approve carefully", rule, anchor("select", "#region", Map.of("id", "region", "name", "region", "label", "Region")), 10));
        String degraded = published(tip("Account link", rule, anchor("a", "#to-account", Map.of("id", "to-account", "text", "Account of this deal"))));
        String page = hostOrigin + "/health/deals/42";
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) events.add(event("tip_shown", healthy, page, Map.of("confidence", 1)));
        events.add(event("tip_shown", broken, page, Map.of("confidence", 1)));
        for (int i = 0; i < 4; i++) events.add(event("anchor_missing", broken, page, Map.of("reason", "not_found", "bestScore", 0.2)));
        for (int i = 0; i < 9; i++) events.add(event("tip_shown", degraded, page, Map.of("confidence", 0.95)));
        events.add(event("anchor_missing", degraded, page, Map.of("reason", "ambiguous", "bestScore", 0.6)));
        Http.Response sent = server.http().post("/api/v1/events", Map.of("key", siteKey, "learnerId", "u-1", "events", events));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        openConsole("#/tips");
        List<WebElement> rows = browser.waitFor(Duration.ofSeconds(15), d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#anchor-health tr[data-tip-id]"));
            return found.size() >= 2 ? found : null;
        });
        assertThat(rows).extracting(r -> r.getAttribute("data-tip-id") + " " + r.getAttribute("data-health"))
                .containsExactly(broken + " broken", degraded + " degraded");
        assertThat(rows.get(0).getText()).contains("Approve carefully", "/health/deals/42", "20% of 5", "not found ×4");
        assertThat(rows.get(1).getText()).contains("Account link", "90% of 10", "ambiguous ×1");
        // the health panel comes before the tips list
        assertThat((Boolean) browser.js("return !!(document.querySelector('#anchor-health').compareDocumentPosition("
                + "document.querySelector('.tips-table')) & Node.DOCUMENT_POSITION_FOLLOWING)")).isTrue();

        // Re-pin opens the page with the extension's picker armed for that tip: one click on the new element
        Set<String> before = browser.driver.getWindowHandles();
        rows.get(0).findElement(By.cssSelector("[data-action='re-pin']")).click();
        String pageTab = browser.waitFor(d -> d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElse(null));
        browser.driver.switchTo().window(pageTab);
        browser.waitFor(Duration.ofSeconds(15), d -> barText().contains("click the new element for “Approve carefully”") ? true : null);
        // the page lists its broken tip first, with a Re-pin of its own
        WebElement first = browser.inShadow(PICKER, "#inflow-page-tips li.page-tip").get(0);
        assertThat(first.getAttribute("data-tip-id")).isEqualTo(broken);
        assertThat(first.getText()).contains("anchor not found", "Re-pin");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("inflow-repin");

        int versionBefore = author.get("/api/v1/tips/" + broken).json().get("version").asInt();
        browser.driver.findElement(By.id("approve-new")).click();
        browser.waitFor(Duration.ofSeconds(15), d -> barText().contains("re-pinned") || barText().contains("Inflow — ") && !barText().contains("saving")
                && !barText().contains("click the new element") ? true : null);
        assertThat(barText()).contains("“Approve carefully” re-pinned (version " + (versionBefore + 1) + ")");
        JsonNode repinned = author.get("/api/v1/tips/" + broken).json();
        assertThat(repinned.get("version").asInt()).isEqualTo(versionBefore + 1);
        assertThat(repinned.get("status").asText()).isEqualTo("published");
        assertThat(repinned.get("title").asText()).isEqualTo("Approve carefully");
        assertThat(repinned.get("anchor").toString()).contains("approve-new").doesNotContain("region");
        JsonNode versions = author.get("/api/v1/tips/" + broken + "/versions").json().get("items");
        assertThat(versions.get(0).get("changedFields").toString()).contains("anchor");
        // the list now finds it
        browser.waitFor(d -> browser.inShadowNow(PICKER, "#inflow-page-tips li[data-tip-id='" + broken + "']").stream()
                .anyMatch(li -> "found".equals(li.getAttribute("data-anchor"))) ? true : null);

        // as a worker: the tip shows on the new element
        browser.driver.navigate().refresh();
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + broken + "']").isEmpty() ? null : true);
        assertThat(browser.driver.findElement(By.id("approve-new")).getAttribute("aria-description")).isEqualTo("Tip: Approve carefully");
        assertThat(browser.driver.findElements(By.id(PICKER))).as("no picker without the re-pin request").isEmpty();
        browser.driver.close();
        browser.driver.switchTo().window(optionsTab);
    }

    // ---- drafts drawn in place

    @Test
    void previewDrawsDraftsOnTheirElementsMarkedAsDraftsWithoutPublishingThem() {
        String rule = "/preview/deals/:id";
        String draft = tip("Discount needs approval", rule, anchor("input", "#discount", Map.of("id", "discount", "name", "discount", "label", "Discount")));
        String live = published(tip("Approve only signed deals", rule, anchor("button", "#approve-new", Map.of("id", "approve-new", "text", "Approve deal"))));
        String page = hostOrigin + "/preview/deals/42";
        String tab = openTab(page);
        // the worker sees only the published tip
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + live + "']").isEmpty() ? null : true);
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + draft + "']")).isEmpty();

        startPicker(page, tab);
        WebElement drawnDraft = browser.inShadow(PREVIEW, "[data-inflow-tip='" + draft + "']").get(0);
        assertThat(drawnDraft.getAttribute("data-inflow-draft")).isNotNull();
        assertThat(drawnDraft.getText()).contains("Draft · workers do not see it yet", "Discount needs approval");
        WebElement drawnLive = browser.inShadow(PREVIEW, "[data-inflow-tip='" + live + "']").get(0);
        assertThat(drawnLive.getAttribute("data-inflow-draft")).isNull();
        assertThat(drawnLive.getText()).contains("Approve only signed deals").doesNotContain("Draft");
        // on their elements: each tooltip sits right by the element it is pinned to
        assertNextTo(drawnDraft, browser.driver.findElement(By.id("discount")));
        assertNextTo(drawnLive, browser.driver.findElement(By.id("approve-new")));
        assertThat(browser.driver.findElement(By.id("discount")).getAttribute("aria-description")).isEqualTo("Tip: Discount needs approval");
        // the worker overlay steps aside meanwhile, so nothing shows twice
        assertThat(browser.driver.findElements(By.id(OVERLAY))).isEmpty();
        // closing a drawn draft only hides it in the preview; Show draws it again
        drawnDraft.findElement(By.cssSelector("[data-inflow-dismiss]")).click();
        browser.waitFor(d -> browser.inShadowNow(PREVIEW, "[data-inflow-tip='" + draft + "']").isEmpty() ? true : null);
        browser.inShadow(PICKER, "li[data-tip-id='" + draft + "'] button.show").get(0).click();
        browser.inShadow(PREVIEW, "[data-inflow-tip='" + draft + "']");

        assertThat(author.get("/api/v1/tips/" + draft).json().get("status").asText()).isEqualTo("draft");
        Http.Response delivered = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=" + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8));
        assertThat(delivered.body()).contains(live).doesNotContain(draft);
        Http.Response events = server.admin().get("/api/v1/exports/events?format=ndjson");
        assertThat(events.body()).as("the preview sends no events").doesNotContain(draft);

        browser.inShadow(PICKER, "#inflow-picker-bar button").get(0).click();
        browser.waitFor(d -> d.findElements(By.id(PREVIEW)).isEmpty() ? true : null);
        assertThat(browser.driver.findElements(By.id(OVERLAY))).as("the worker overlay is back").isNotEmpty();
        browser.driver.close();
        browser.driver.switchTo().window(optionsTab);
    }

    // ---- walkthrough recording, editing, publishing and playback

    @Test
    void aWalkthroughRecordedAcrossTwoPagesIsEditedPublishedAndPlayedBack() {
        String first = hostOrigin + "/tour/deals/42";
        String tab = openTab(first);
        startPicker(first, tab);
        browser.inShadow(PICKER, "#inflow-record").get(0).click();
        browser.waitFor(d -> browser.inShadow(PICKER, "#inflow-recorder-state").get(0).getText().startsWith("Recording · 0 steps") ? true : null);
        browser.inShadow(PICKER, "#inflow-recorder-title").get(0).sendKeys("Approve a deal");

        browser.driver.findElement(By.id("discount")).click();
        browser.waitFor(d -> stepsRecorded() == 1 ? true : null);
        browser.driver.findElement(By.id("approve-new")).click();
        browser.waitFor(d -> stepsRecorded() == 2 ? true : null);
        // the link's click goes on to the page: the recording follows to the next page
        browser.driver.findElement(By.id("to-account")).click();
        browser.waitFor(Duration.ofSeconds(15), d -> d.getCurrentUrl().endsWith("/tour/accounts/7") ? true : null);
        browser.waitFor(Duration.ofSeconds(15), d -> stepsRecorded() == 3 ? true : null);
        assertThat(browser.inShadow(PICKER, "#inflow-recorder-steps li").stream().map(WebElement::getText))
                .containsExactly("Step 1: Discount", "Step 2: Approve deal", "Step 3: Account of this deal");
        browser.driver.findElement(By.id("export")).click();
        browser.waitFor(d -> stepsRecorded() == 4 ? true : null);
        browser.inShadow(PICKER, "#inflow-record-finish").get(0).click();
        WebElement result = browser.waitFor(Duration.ofSeconds(15), d -> {
            WebElement r = browser.inShadowNow(PICKER, "#inflow-recorder-result").get(0);
            return r.getAttribute("data-walkthrough-id") != null ? r : null;
        });
        String walkthroughId = result.getAttribute("data-walkthrough-id");
        assertThat(result.getText()).contains("Saved the draft walkthrough “Approve a deal” with 4 steps");
        assertThat(result.findElement(By.tagName("a")).getAttribute("href")).isEqualTo(server.base + "/console/#/walkthroughs/" + walkthroughId);

        JsonNode recorded = author.get("/api/v1/walkthroughs/" + walkthroughId).json();
        assertThat(recorded.get("status").asText()).isEqualTo("draft");
        JsonNode steps = recorded.get("steps");
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).get("url").asText()).isEqualTo(first);
        assertThat(steps.get(3).get("url").asText()).isEqualTo(hostOrigin + "/tour/accounts/7");
        assertThat(steps.get(0).get("pageRule").asText()).isEqualTo("/tour/deals/:id");
        assertThat(steps.get(3).get("pageRule").asText()).isEqualTo("/tour/accounts/:id");
        for (JsonNode step : steps) {
            assertThat(author.get("/api/v1/tips/" + step.get("tipId").asText()).json().get("status").asText()).isEqualTo("draft");
        }
        String linkStep = steps.get(2).get("tipId").asText();
        // the recording is over: the next page of this tab gets no picker
        browser.driver.navigate().refresh();
        browser.waitFor(d -> d.findElement(By.id("export")));
        assertThat(browser.driver.findElements(By.id(PICKER))).isEmpty();

        // in the console: the list, then the editor; the link step is removed, another renamed, steps moved by keyboard
        openConsoleIn(tab, "#/walkthroughs");
        WebElement row = browser.waitFor(d -> d.findElement(By.cssSelector("tr[data-walkthrough-id='" + walkthroughId + "'][data-status='draft']")));
        assertThat(row.findElement(By.cssSelector(".steps-count")).getText()).isEqualTo("4");
        row.findElement(By.cssSelector("a.walkthrough-link")).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#walkthrough-steps li.step")).size() == 4 ? true : null);
        browser.driver.findElement(By.cssSelector("#walkthrough-steps li[data-tip-id='" + linkStep + "'] [data-action='remove']")).click();
        WebElement title = browser.driver.findElement(By.cssSelector("#walkthrough-steps li.step:nth-child(2) input.step-title"));
        title.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Approve the deal");
        // keyboard: the last step up, then down again, with Enter on the arrow buttons; focus follows the moved step
        browser.driver.findElement(By.cssSelector("#walkthrough-steps li.step:nth-child(3) [data-action='up']")).sendKeys(Keys.ENTER);
        browser.waitFor(d -> stepTitles().get(1).startsWith("Step 4") ? true : null);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getAttribute("data-action")).isEqualTo("up");
        assertThat(focused.getAttribute("aria-label")).isEqualTo("Move up step 2");
        browser.driver.findElement(By.cssSelector("#walkthrough-steps li.step:nth-child(2) [data-action='down']")).sendKeys(Keys.ENTER);
        browser.waitFor(d -> stepTitles().get(2).startsWith("Step 4") ? true : null);
        browser.driver.findElement(By.id("walkthrough-publish")).click();
        browser.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.id("walkthrough-message")).getText().startsWith("Published") ? true : null);

        JsonNode published = author.get("/api/v1/walkthroughs/" + walkthroughId).json();
        assertThat(published.get("status").asText()).isEqualTo("published");
        assertThat(published.get("steps")).extracting(s -> s.get("title").asText())
                .containsExactly("Step 1: Discount", "Approve the deal", "Step 4: Export contacts");
        for (JsonNode step : published.get("steps")) {
            assertThat(author.get("/api/v1/tips/" + step.get("tipId").asText()).json().get("status").asText()).isEqualTo("published");
        }
        assertThat(author.get("/api/v1/tips/" + linkStep).json().get("walkthroughId").isNull())
                .as("a removed step's tip is a plain tip again").isTrue();

        // Test run: the first step's page with #inflow-walkthrough=<id>
        WebElement run = browser.driver.findElement(By.cssSelector(".walkthrough-editor [data-action='test-run']"));
        assertThat(run.getAttribute("href")).isEqualTo(first + "#inflow-walkthrough=" + walkthroughId);
        playBack(run.getAttribute("href"), published.get("steps"));
        browser.driver.close();
        browser.driver.switchTo().window(optionsTab);
    }

    /** The overlay plays the walkthrough: each step's tip shows on its own element and page, in order. */
    private void playBack(String testRun, JsonNode steps) {
        browser.open(testRun);
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String tipId = step.get("tipId").asText();
            if (!browser.driver.getCurrentUrl().startsWith(step.get("url").asText())) {
                // the player points to the step's page; following its link goes on there
                browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(OVERLAY, ".continue a").isEmpty() ? null : true);
                browser.inShadowNow(OVERLAY, ".continue a").get(0).click();
                browser.waitFor(Duration.ofSeconds(15), d -> d.getCurrentUrl().startsWith(step.get("url").asText()) ? true : null);
            }
            WebElement shown = browser.waitFor(Duration.ofSeconds(15), d -> {
                List<WebElement> found = browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + tipId + "']");
                return found.isEmpty() ? null : found.get(0);
            });
            assertThat(shown.getAttribute("data-step")).isEqualTo(String.valueOf(i + 1));
            assertThat(shown.getText()).contains(step.get("title").asText());
            for (int j = 0; j < steps.size(); j++) {
                if (j != i) assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + steps.get(j).get("tipId").asText() + "']")).isEmpty();
            }
            shown.findElement(By.cssSelector("[data-inflow-step='next']")).click();
        }
        browser.waitFor(d -> browser.inShadowNow(OVERLAY, "[data-inflow-walkthrough]").isEmpty() ? true : null);
    }

    // ---- a draft walkthrough test-run from the console plays with the extension, and nothing is published

    @Test
    void testRunOfADraftWalkthroughPlaysItWithTheExtensionWithoutPublishingAnything() {
        String first = hostOrigin + "/draft/deals/42";
        String second = hostOrigin + "/draft/accounts/7";
        String one = tip("Set the discount", "/draft/deals/:id", anchor("input", "#discount", Map.of("id", "discount", "name", "discount")));
        String two = tip("Export the contacts", "/draft/accounts/:id", anchor("button", "#export", Map.of("id", "export", "text", "Export contacts")));
        Http.Response created = author.post("/api/v1/walkthroughs", Map.of("appId", appId, "title", "Draft tour", "startOn", "launcher",
                "steps", List.of(Map.of("tipId", one, "url", first), Map.of("tipId", two, "url", second))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        openConsole("#/walkthroughs/" + id);
        WebElement run = browser.waitFor(d -> d.findElement(By.cssSelector(".walkthrough-editor [data-action='test-run']")));
        Set<String> before = browser.driver.getWindowHandles();
        run.click();
        String pageTab = browser.waitFor(d -> d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElse(null));
        browser.driver.switchTo().window(pageTab);
        String testRun = "inflow-test-run-host";
        WebElement step = browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(testRun, "[data-inflow-tip='" + one + "']").stream().findFirst().orElse(null));
        assertThat(step.getAttribute("data-step")).isEqualTo("1");
        assertThat(step.getText()).contains("Set the discount", "Step 1 of 2");
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip]")).as("workers' overlay has no draft to show").isEmpty();
        step.findElement(By.cssSelector("[data-inflow-step='next']")).click();
        browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(testRun, ".continue a").isEmpty() ? null : true);
        browser.inShadowNow(testRun, ".continue a").get(0).click();
        browser.waitFor(Duration.ofSeconds(15), d -> d.getCurrentUrl().startsWith(second) ? true : null);
        WebElement last = browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(testRun, "[data-inflow-tip='" + two + "']").stream().findFirst().orElse(null));
        assertThat(last.getAttribute("data-step")).isEqualTo("2");
        last.findElement(By.cssSelector("[data-inflow-step='next']")).click();
        browser.waitFor(d -> browser.inShadowNow(testRun, "[data-inflow-walkthrough]").isEmpty() ? true : null);

        // the run is over: the tab's next page lets the extension forget it
        browser.driver.navigate().refresh();
        browser.waitFor(d -> d.findElement(By.id("export")));
        browser.driver.switchTo().window(optionsTab);
        browser.waitFor(Duration.ofSeconds(15), d -> "null".equals(String.valueOf(browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; chrome.storage.local.get('testRun').then((s) => done(JSON.stringify(s.testRun ?? null)));")))
                ? true : null);
        browser.driver.switchTo().window(pageTab);

        assertThat(author.get("/api/v1/walkthroughs/" + id).json().get("status").asText()).isEqualTo("draft");
        assertThat(author.get("/api/v1/tips/" + one).json().get("status").asText()).isEqualTo("draft");
        // the page's own overlay counts its page views (the host page was visited, test run or not); nothing else is recorded
        List<String> recorded = server.admin().get("/api/v1/exports/events?format=ndjson").body().lines()
                .filter(line -> !line.contains("\"type\":\"page_viewed\"")).toList();
        assertThat(String.join("\n", recorded)).as("a test run records nothing").doesNotContain(one, two, id);
        browser.driver.close();
        browser.driver.switchTo().window(optionsTab);
    }

    // ---- the walkthroughs page at 1280×720, by keyboard, with a long title

    @Test
    void theWalkthroughsPageIsKeyboardUsableAndKeepsItsLayoutWithALongTitleAt1280By720() {
        String rule = "/layout/deals/:id";
        List<Map<String, Object>> steps = List.of(
                Map.of("tipId", tip("First step", rule, anchor("input", "#discount", Map.of("id", "discount"))), "url", hostOrigin + "/layout/deals/42"),
                Map.of("tipId", tip("Second step", rule, anchor("button", "#approve-new", Map.of("id", "approve-new"))), "url", hostOrigin + "/layout/deals/42"));
        String longTitle = "Quarter-end approvals for enterprise deals with non-standard discounts ".repeat(3).trim().substring(0, 200);
        Http.Response created = author.post("/api/v1/walkthroughs", Map.of("appId", appId, "title", longTitle, "startOn", "launcher", "steps", steps));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
        openConsoleIn(browser.driver.getWindowHandle(), "#/walkthroughs");
        WebElement row = browser.waitFor(d -> d.findElement(By.cssSelector("tr[data-walkthrough-id='" + id + "']")));
        assertThat(row.findElement(By.cssSelector(".steps-count")).getText()).isEqualTo("2");
        assertNoHorizontalOverflow();
        WebElement titleCell = row.findElement(By.cssSelector("td.ellipsis"));
        assertThat((Boolean) browser.js("const c = arguments[0]; return c.scrollWidth > c.clientWidth;", titleCell)).as("the title is cut with an ellipsis").isTrue();
        assertThat(titleCell.getAttribute("title")).isEqualTo(longTitle);

        // keyboard only: Tab to this row's Publish, Enter
        WebElement publish = row.findElement(By.cssSelector("[data-action='publish']"));
        browser.driver.findElement(By.id("walkthroughs-app")).sendKeys(Keys.TAB);
        for (int i = 0; i < 30 && !publish.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(publish);
        publish.sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.findElement(By.cssSelector("tr[data-walkthrough-id='" + id + "'][data-status='published']")));
        assertThat(author.get("/api/v1/walkthroughs/" + id).json().get("status").asText()).isEqualTo("published");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("data-action")).as("focus stays in the row").isEqualTo("archive");

        browser.driver.findElement(By.cssSelector("tr[data-walkthrough-id='" + id + "'] a.walkthrough-link")).sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.findElements(By.cssSelector("#walkthrough-steps li.step")).size() == 2 ? true : null);
        assertNoHorizontalOverflow();
        WebElement heading = browser.driver.findElement(By.id("view-heading"));
        assertThat(heading.getRect().getX() + heading.getRect().getWidth()).isLessThanOrEqualTo(1280);
        assertThat(browser.driver.findElement(By.id("walkthrough-title")).getAttribute("value")).isEqualTo(longTitle);
        browser.driver.close();
        browser.driver.switchTo().window(optionsTab);
    }

    private void assertNoHorizontalOverflow() {
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal scrolling").isTrue();
    }

    // ---- helpers

    private String tip(String title, String rule, Map<String, Object> anchor) {
        return tip(title, rule, anchor, 0);
    }

    private String tip(String title, String rule, Map<String, Object> anchor, int priority) {
        Http.Response r = author.post("/api/v1/tips", Map.of("appId", appId, "title", title, "body", title + ".",
                "presentation", "tooltip", "placement", "bottom", "pageRule", rule, "anchor", anchor, "priority", priority));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String published(String tipId) {
        assertThat(author.post("/api/v1/tips/" + tipId + "/publish", null).status()).isEqualTo(200);
        return tipId;
    }

    private static Map<String, Object> anchor(String tag, String css, Map<String, Object> props) {
        return Map.of("v", 1, "tag", tag, "selectors", List.of(Map.of("css", css, "count", 1)), "props", props);
    }

    private static Map<String, Object> event(String type, String tipId, String url, Map<String, Object> data) {
        Map<String, Object> e = new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "type", type, "tipId", tipId,
                "at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "url", url));
        e.put("data", data);
        return e;
    }

    private String openTab(String url) {
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open(url);
        browser.waitFor(d -> d.findElement(By.tagName("h1")));
        return browser.driver.getWindowHandle();
    }

    /** What the toolbar button does, asked of the service worker for the page's tab. */
    private void startPicker(String page, String pageTab) {
        browser.driver.switchTo().window(optionsTab);
        Object started = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                chrome.tabs.query({}).then((tabs) => {
                  const tab = tabs.find((t) => (t.url || '') === arguments[0]);
                  return chrome.runtime.sendMessage({ type: 'start-picker', tabId: tab.id });
                }).then((answer) => done(JSON.stringify(answer)), (e) => done(String(e)));""", page);
        assertThat(String.valueOf(started)).isEqualTo("{\"ok\":true}");
        browser.driver.switchTo().window(pageTab);
        browser.inShadow(PICKER, "#inflow-picker-bar");
    }

    private String barText() {
        return browser.inShadowNow(PICKER, "#inflow-picker-bar .message").stream().findFirst().map(WebElement::getText).orElse("");
    }

    private long stepsRecorded() {
        return browser.inShadowNow(PICKER, "#inflow-recorder-steps li").size();
    }

    private List<String> stepTitles() {
        return browser.driver.findElements(By.cssSelector("#walkthrough-steps input.step-title")).stream().map(i -> i.getAttribute("value")).toList();
    }

    private static void assertNextTo(WebElement tooltip, WebElement element) {
        var t = tooltip.getRect();
        var e = element.getRect();
        assertThat(t.getY()).as("below its element").isBetween(e.getY() + e.getHeight(), e.getY() + e.getHeight() + 40);
        assertThat(t.getX() + t.getWidth()).as("overlaps its element horizontally").isGreaterThan(e.getX());
        assertThat(t.getX()).isLessThan(e.getX() + e.getWidth());
    }

    private void openConsole(String route) {
        browser.driver.switchTo().newWindow(WindowType.TAB);
        openConsoleIn(browser.driver.getWindowHandle(), route);
    }

    private void openConsoleIn(String tab, String route) {
        browser.driver.switchTo().window(tab);
        browser.open(server.base + "/console/" + route);
        browser.waitFor(d -> !d.findElements(By.id("signin-email")).isEmpty() || !d.findElements(By.id("who-email")).isEmpty());
        if (!browser.driver.findElements(By.id("signin-email")).isEmpty()) {
            browser.driver.findElement(By.id("signin-email")).sendKeys(Server.ADMIN_EMAIL);
            browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
            browser.driver.findElement(By.id("signin-submit")).click();
            browser.waitFor(d -> d.findElement(By.id("who-email")));
        }
        if (!browser.driver.getCurrentUrl().endsWith(route)) browser.open(server.base + "/console/" + route);
    }
}
