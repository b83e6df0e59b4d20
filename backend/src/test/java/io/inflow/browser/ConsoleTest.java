package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The console in a real Chromium: sign-in, apps and their snippets, tip status, export, untrusted names. */
class ConsoleTest extends DemoBrowserTest {
    private static final String CONSOLE = "/console/";


    @Test
    void aWrongPasswordShowsAnErrorAndTheRightOneSignsIn() {
        browser.open(server.base + CONSOLE);
        type("#signin-email", Server.ADMIN_EMAIL);
        type("#signin-password", "not the password");
        find("#signin-submit").click();
        WebElement error = browser.waitFor(d -> {
            WebElement e = d.findElement(By.cssSelector("#signin-error"));
            return e.isDisplayed() && !e.getText().isBlank() ? e : null;
        });
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.driver.findElements(By.cssSelector("#who-email"))).isEmpty();
        assertThat(browser.driver.manage().getCookieNamed("inflow_session")).isNull();
        // the browser has no session: the API says so too
        assertThat(browser.js("return fetch('/api/v1/session').then(r => r.status)")).isEqualTo(401L);

        type("#signin-password", Server.ADMIN_PASSWORD);
        find("#signin-submit").click();
        WebElement email = browser.waitFor(d -> d.findElement(By.cssSelector("#who-email")));
        assertThat(email.getText()).isEqualTo(Server.ADMIN_EMAIL);
        assertThat(find("#who-role").getText()).isEqualTo("admin");
        assertThat(browser.driver.findElements(By.cssSelector("#signin-submit"))).isEmpty();
        // a fresh load keeps the session
        browser.open(server.base + CONSOLE);
        assertThat(browser.waitFor(d -> d.findElement(By.cssSelector("#who-email"))).getText()).isEqualTo(Server.ADMIN_EMAIL);
    }

    @Test
    void appsListTheDemoSnippetCreateAnAppAndMakeAWorkingBookmarklet() {
        signIn();
        go("apps");
        String demoId = demoAppId();
        // the snippet carries the served overlay's Subresource Integrity hash
        JsonNode overlay = admin.get("/api/v1/overlay").json();
        String integrity = overlay.get("integrity").asText();
        WebElement snippet = browser.waitFor(d -> {
            WebElement code = d.findElement(By.cssSelector("li[data-app-id='" + demoId + "'] code#snippet-" + demoId + "[data-snippet]"));
            return code.getText().contains("integrity=") ? code : null;
        });
        assertThat(overlay.get("path").asText()).matches("/overlay/[0-9a-f]{12}/inflow\\.js");
        assertThat(snippet.getText()).isEqualTo("<script async src=\"" + server.base + overlay.get("path").asText() + "\" integrity=\"" + integrity
                + "\" crossorigin=\"anonymous\" data-key=\"demo-crm\"></script>");

        String name = "Field service " + System.nanoTime();
        type("#app-name", name);
        type("#app-origins", "https://crm.example.com\nhttps://field.example.org");
        find("#app-create").click();
        WebElement card = browser.waitFor(d -> d.findElements(By.cssSelector("li[data-app-id]")).stream()
                .filter(li -> li.findElement(By.tagName("h2")).getText().equals(name)).findFirst().orElse(null));
        String newId = card.getAttribute("data-app-id");
        assertThat(card.getText()).contains("https://crm.example.com", "https://field.example.org");
        JsonNode created = apps().stream().filter(a -> a.get("id").asText().equals(newId)).findFirst().orElseThrow();
        assertThat(created.get("name").asText()).isEqualTo(name);
        assertThat(created.get("allowedOrigins")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("https://crm.example.com", "https://field.example.org");
        // the new card carries its own snippet with its own site key
        assertThat(find("code#snippet-" + newId).getText()).contains("data-key=\"" + created.get("siteKey").asText() + "\"");
        // and it is still there after a reload
        browser.driver.navigate().refresh();
        browser.waitFor(d -> d.findElement(By.cssSelector("li[data-app-id='" + newId + "']")));

        WebElement demoCard = browser.waitFor(d -> d.findElement(By.cssSelector("li[data-app-id='" + demoId + "']")));
        demoCard.findElement(By.cssSelector("button[data-action='make-bookmarklet']")).click();
        WebElement link = browser.waitFor(d -> d.findElement(By.cssSelector("a#bookmarklet-link")));
        String href = link.getAttribute("href");
        assertThat(href).startsWith("javascript:");
        String token = tokenIn(href);
        assertThat(token).isNotBlank();
        Http.Response session = server.http().get("/api/v1/session", "Authorization", "Bearer " + token);
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().get("email").asText()).isEqualTo(Server.ADMIN_EMAIL);
        // a made-up token does not
        assertThat(server.http().get("/api/v1/session", "Authorization", "Bearer " + token + "x").status()).isEqualTo(401);
    }

    @Test
    void unpublishingAndPublishingATipInTheConsoleChangesItsStatus() {
        JsonNode tip = admin.get("/api/v1/tips?limit=200&status=published&app=" + demoAppId()).json().get("items").get(0);
        String tipId = tip.get("id").asText();
        signIn();
        go("tips");
        new Select(browser.waitFor(d -> optionFor("#tips-app", demoAppId()))).selectByValue(demoAppId());
        new Select(find("#tips-status")).selectByValue("published");

        row(tipId, "published").findElement(By.cssSelector("[data-action='unpublish']")).click();
        row(tipId, "draft");
        assertThat(tipStatus(tipId)).isEqualTo("draft");

        row(tipId, "draft").findElement(By.cssSelector("[data-action='publish']")).click();
        row(tipId, "published");
        assertThat(tipStatus(tipId)).isEqualTo("published");
    }

    @Test
    void theExportLinkDownloadsCsvWithItsHeader() {
        signIn();
        go("export");
        new Select(browser.waitFor(d -> optionFor("#export-app", demoAppId()))).selectByValue(demoAppId());
        new Select(find("#export-format")).selectByValue("csv");
        String href = browser.waitFor(d -> {
            String h = d.findElement(By.cssSelector("a#export-link")).getAttribute("href");
            return h != null && h.contains("app=" + demoAppId()) ? h : null;
        });
        URI uri = URI.create(href);
        assertThat(uri.getPath()).isEqualTo("/api/v1/exports/events");
        assertThat(uri.getQuery()).contains("format=csv");
        Http.Response csv = admin.get(uri.getRawPath() + "?" + uri.getRawQuery());
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).contains("text/csv");
        assertThat(csv.body().lines().findFirst().orElse(""))
                .isEqualTo("id,app_id,type,tip_id,learner,occurred_at,received_at,url,data");
        // without a session the same link is refused
        assertThat(server.http().get(uri.getRawPath() + "?" + uri.getRawQuery()).status()).isEqualTo(401);
    }

    @Test
    void anUntrustedAppNameIsShownAsText() {
        String evil = "<img src=x onerror=\"window.__pwned=1\">Evil";
        Http.Response created = admin.post("/api/v1/apps", Map.of("name", evil, "allowedOrigins", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        signIn();
        go("apps");
        WebElement card = browser.waitFor(d -> d.findElement(By.cssSelector("li[data-app-id='" + id + "']")));
        assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo(evil);
        assertThat(card.findElements(By.cssSelector("img"))).isEmpty();
        go("tips");
        browser.waitFor(d -> optionFor("#tips-app", id));
        assertThat(new Select(find("#tips-app")).getOptions().stream().map(WebElement::getText)).contains(evil);
        go("export");
        browser.waitFor(d -> optionFor("#export-app", id));
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    void theConsoleAddressServesTheConsole() {
        Http.Response page = server.http().get("/console/");
        assertThat(page.status()).as("location %s", page.header("Location")).isEqualTo(200);
        Http.Response bare = server.http().get("/console");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).isEqualTo("/console/");
        browser.open(server.base + "/console/");
        find("#signin-email");
    }

    // ---- helpers

    private void signIn() {
        browser.open(server.base + CONSOLE);
        type("#signin-email", Server.ADMIN_EMAIL);
        type("#signin-password", Server.ADMIN_PASSWORD);
        find("#signin-submit").click();
        browser.waitFor(d -> d.findElement(By.cssSelector("#who-email")));
    }

    private void go(String route) {
        find("a[href='#/" + route + "']").click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("#/" + route) ? true : null);
    }

    private WebElement find(String css) {
        return browser.waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    private void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** The select once it has an option for this value (the apps load after the view). */
    private WebElement optionFor(String selectCss, String value) {
        WebElement select = browser.driver.findElement(By.cssSelector(selectCss));
        return select.findElements(By.cssSelector("option[value='" + value + "']")).isEmpty() ? null : select;
    }

    private WebElement row(String tipId, String status) {
        return browser.waitFor(d -> d.findElement(By.cssSelector("tr[data-tip-id='" + tipId + "'][data-status='" + status + "']")));
    }

    private String tipStatus(String tipId) {
        Http.Response r = admin.get("/api/v1/tips/" + tipId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("status").asText();
    }

    private List<JsonNode> apps() {
        return admin.get("/api/v1/apps").json().get("items").findParents("siteKey");
    }

    /** The token in a bookmarklet: the string literal given to s.dataset.token, with its \\uXXXX escapes undone. */
    private static String tokenIn(String href) {
        Matcher m = Pattern.compile("dataset\\.token='([^']*)'").matcher(href);
        assertThat(m.find()).as("token in %s", href).isTrue();
        Matcher escape = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(m.group(1));
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        escape.appendTail(out);
        return out.toString();
    }
}
