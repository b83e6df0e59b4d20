package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.HostSite;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The browser extension, unpacked and loaded into a real headless Chromium: the author pins a tip on a page
 * whose Content-Security-Policy blocks bookmarklets, and a worker then sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionTest {
    /** Fixed by the manifest's public key. */
    private static final String EXTENSION_ID = "eboeeobgiakgnkpplmhdeijjdgfjjolk";
    private static final String NONCE = "r4nd0mN0nce";
    private static final String OVERLAY = "inflow-overlay-root";
    private static final String PICKER = "inflow-picker-host";
    private static final Map<String, Object> APPROVE_ANCHOR = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "#approve", "count", 1)), "props", Map.of("id", "approve", "text", "Approve deal"));

    Server server;
    HostSite host;
    String hostOrigin;
    Http author;
    String siteKey;
    String appId;
    JsonNode overlay;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), false);
        host = HostSite.start().serve("/app/", () -> page(true)).serve("/plain/", () -> page(false));
        hostOrigin = host.origin;
        var app = server.admin().post("/api/v1/apps", Map.of("name", "Locked-down CRM", "allowedOrigins", List.of(hostOrigin))).json();
        appId = app.get("id").asText();
        siteKey = app.get("siteKey").asText();
        author = server.signedIn("author");
        overlay = server.admin().get("/api/v1/overlay").json();
    }

    @AfterAll
    void stop() {
        host.close();
        server.close();
    }

    /** A host page with a strict CSP: scripts only with the nonce, no inline script, so no bookmarklet. */
    private HostSite.Page page(boolean withSnippet) {
        String snippet = withSnippet
                ? "<script nonce=\"" + NONCE + "\" async src=\"" + server.base + overlay.get("path").asText() + "\" integrity=\""
                        + overlay.get("integrity").asText() + "\" crossorigin=\"anonymous\" data-key=\"" + siteKey + "\"></script>" : "";
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deal</title>%s</head>
                <body><h1>Deal 42</h1>
                <form><label for="discount">Discount</label><input id="discount" name="discount">
                <button id="approve" type="button">Approve deal</button></form>
                <script>document.title = 'inline script ran';</script>
                </body></html>""".formatted(snippet);
        String connect = withSnippet ? "'self' " + server.base : "'self'";
        return new HostSite.Page(html, "default-src 'self'; script-src 'nonce-" + NONCE
                + "' 'strict-dynamic'; style-src 'self'; connect-src " + connect + "; img-src 'self'; base-uri 'none'");
    }

    private static Path unpackedExtension() {
        Path dir = Path.of("..", "authoring", "dist", "extension").toAbsolutePath().normalize();
        assertThat(dir.resolve("manifest.json")).as("the build writes the unpacked extension").exists();
        return dir;
    }

    private String createTip(String title, String rule) {
        Http.Response r = author.post("/api/v1/tips", Map.of("appId", appId, "title", title, "body", title + " body.",
                "presentation", "tooltip", "placement", "bottom", "pageRule", rule, "anchor", APPROVE_ANCHOR));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private List<String> overlayTexts(Browser browser) {
        List<String> texts = new ArrayList<>();
        for (WebElement tip : browser.inShadowNow(OVERLAY, "[data-inflow-tip]")) {
            texts.add(tip.getText());
        }
        return texts;
    }

    @Test
    void theServerOffersThePackedExtensionForDownload() throws IOException {
        Http.Response zip = server.http().get("/inflow-extension.zip");
        assertThat(zip.status()).isEqualTo(200);
        Path file = Files.createTempFile("inflow-extension", ".zip");
        try (var in = new java.net.URL(server.base + "/inflow-extension.zip").openStream()) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (ZipFile archive = new ZipFile(file.toFile())) {
            assertThat(archive.getEntry("manifest.json")).isNotNull();
            assertThat(archive.getEntry("background.js")).isNotNull();
            assertThat(archive.getEntry("picker.js")).isNotNull();
            String manifest = new String(archive.getInputStream(archive.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(manifest).contains("\"manifest_version\": 3");
        }
    }

    @Test
    void authorPinsATipOnAStrictCspPageWithTheExtensionAndAWorkerSeesIt() {
        String token = author.post("/api/v1/tokens", Map.of("name", "Extension")).json().get("token").asText();
        createTip("Existing draft", "/app/deals/:id");
        String plainTip = createTip("Delivered by the extension", "/plain/deals/:id");
        assertThat(author.post("/api/v1/tips/" + plainTip + "/publish", null).status()).isEqualTo(200);

        try (Browser browser = Browser.start("--load-extension=" + unpackedExtension(),
                "--disable-extensions-except=" + unpackedExtension())) {
            String page = hostOrigin + "/app/deals/42";
            browser.open(page);
            browser.waitFor(d -> d.findElement(By.tagName("h1")));
            assertThat(browser.driver.getTitle()).as("the page's CSP blocks inline script, as it blocks a bookmarklet").isEqualTo("Deal");
            String pageTab = browser.driver.getWindowHandle();

            // the author configures the extension once
            browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.open("chrome-extension://" + EXTENSION_ID + "/options.html");
            browser.waitFor(d -> d.findElement(By.id("server"))).sendKeys(server.base);
            browser.driver.findElement(By.id("token")).sendKeys(token);
            browser.driver.findElement(By.id("sites")).sendKeys(hostOrigin + "/plain/* " + siteKey);
            browser.driver.findElement(By.id("save")).click();
            browser.waitFor(d -> d.findElement(By.id("status")).getText().startsWith("Saved. Connected as author-") ? true : null);

            // what the toolbar button does, asked of the service worker for the page's tab
            Object started = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    chrome.tabs.query({}).then((tabs) => {
                      const tab = tabs.find((t) => (t.url || '').startsWith(arguments[0]));
                      return chrome.runtime.sendMessage({ type: 'start-picker', tabId: tab.id });
                    }).then((answer) => done(JSON.stringify(answer)), (e) => done(String(e)));""", page);
            assertThat(String.valueOf(started)).isEqualTo("{\"ok\":true}");
            browser.driver.switchTo().window(pageTab);

            // the page's tips in preview, the draft included
            WebElement draft = browser.inShadow(PICKER, "#inflow-page-tips li[data-status='draft']").get(0);
            assertThat(draft.getText()).contains("Existing draft").contains("anchor found");

            WebElement approve = browser.driver.findElement(By.id("approve"));
            new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(approve).perform();
            browser.waitFor(d -> browser.inShadow(PICKER, "#inflow-highlight-label").get(0).getText().equals("button “Approve deal”") ? true : null);
            approve.click();
            assertThat(browser.inShadow(PICKER, "#inflow-anchor-strength").get(0).getText()).contains("anchor: unique");
            browser.inShadow(PICKER, "#inflow-title").get(0).sendKeys("Approve carefully");
            browser.inShadow(PICKER, "#inflow-body").get(0).sendKeys("Check the **discount** first.");
            browser.waitFor(d -> browser.inShadow(PICKER, "#inflow-app").get(0).isEnabled() ? true : null);
            browser.inShadow(PICKER, "#inflow-publish").get(0).click();
            browser.waitFor(Duration.ofSeconds(15), d ->
                    browser.inShadow(PICKER, "#inflow-status").get(0).getText().equals("Published — workers see it now") ? true : null);

            // as a worker: the page's own snippet (allowed by its nonce) shows the published tip, not the draft
            browser.driver.navigate().refresh();
            browser.waitFor(Duration.ofSeconds(15), d -> overlayTexts(browser).stream().anyMatch(t -> t.contains("Approve carefully")) ? true : null);
            assertThat(overlayTexts(browser)).noneMatch(t -> t.contains("Existing draft"));
            assertThat(browser.driver.findElements(By.id(PICKER))).as("the picker only runs when asked").isEmpty();

            // a site without the snippet gets the worker overlay from the extension
            browser.open(hostOrigin + "/plain/deals/7");
            browser.waitFor(Duration.ofSeconds(15), d -> overlayTexts(browser).stream().anyMatch(t -> t.contains("Delivered by the extension")) ? true : null);
        }
    }
}
