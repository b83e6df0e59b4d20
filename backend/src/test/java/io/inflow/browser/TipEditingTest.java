package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Editing tips in the console, in a real Chromium: checks and reinforce, conflicts, versions and restore, and a console with 5,000 tips. */
class TipEditingTest extends DemoBrowserTest {
    private static final Map<String, Object> ANCHOR = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "#save", "count", 1)), "props", Map.of("text", "Save"));
    private static final String OVERLAY = "inflow-overlay-root";
    private static final Map<String, Object> LOG_CALL = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "[data-testid=\"log-call\"]", "count", 1)),
            "props", Map.of("testId", "log-call", "text", "Log a call"));

    Http otherAuthor;
    String appId;

    @BeforeAll
    void createApp() {
        otherAuthor = server.signedIn("author");
        appId = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com")))
                .json().get("id").asText();
    }

    @BeforeEach
    void signIn() {
        browser.driver.manage().window().setSize(new Dimension(1280, 720));
        browser.open(server.base + "/console/");
        browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys(Server.ADMIN_EMAIL);
        browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.waitFor(d -> d.findElement(By.id("signout")));
    }

    private String createTip(String title, String body) {
        Http.Response r = otherAuthor.post("/api/v1/tips", Map.of("appId", appId, "title", title, "body", body,
                "presentation", "tooltip", "placement", "right", "pageRule", "/deals/:id", "anchor", ANCHOR));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private SearchContext editor() {
        return browser.waitFor(d -> d.findElement(By.cssSelector("#tip-editor .editor-shadow")).getShadowRoot());
    }

    private WebElement inEditor(String id) {
        return browser.waitFor(d -> editor().findElement(By.id(id)));
    }

    private void openTip(String id) {
        browser.open(server.base + "/console/#/tips/" + id);
        browser.waitFor(d -> !inEditor("inflow-title").getAttribute("value").isEmpty());
    }

    private void type(String id, String text) {
        WebElement control = inEditor(id);
        control.clear();
        control.sendKeys(text);
    }

    private WebElement inTip(String id, String css) {
        return browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip=\"" + id + "\"] " + css)
                .stream().findFirst().orElse(null));
    }

    @Test
    void aCheckWrittenInTheEditorIsAnsweredByAWorkerAndSurvivesALaterEdit() {
        String appId = demoAppId();
        Http.Response created = otherAuthor.post("/api/v1/tips", Map.of("appId", appId, "title", "Log calls the same day",
                "body", "Log every **call** the same day.", "presentation", "tooltip", "placement", "bottom",
                "pageRule", "/demo/accounts/5", "anchor", LOG_CALL,
                "learnMore", Map.of("url", server.base + "/demo/reports?from=learn-more", "label", "Call logging rules")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        openTip(id);

        // keyboard: Space ticks the reinforce box, Enter on "Add a check" opens the section with the question focused
        inEditor("inflow-reinforce").sendKeys(Keys.SPACE);
        assertThat(inEditor("inflow-reinforce").isSelected()).isTrue();
        inEditor("inflow-check-add").sendKeys(Keys.ENTER);
        browser.waitFor(d -> inEditor("inflow-check-question").equals(editor().findElement(By.cssSelector("#inflow-check-question:focus"))));
        inEditor("inflow-check-question").sendKeys("When do you log a call?");
        type("inflow-check-option-0-text", "The same day");
        type("inflow-check-option-0-explanation", "Yes: the forecast reads it tonight.");
        type("inflow-check-option-1-text", "On Friday");
        type("inflow-check-option-1-explanation", "Too late: the forecast runs daily.");
        inEditor("inflow-check-add-option").click();
        type("inflow-check-option-2-text", "Never");
        type("inflow-check-option-2-explanation", "Every call counts.");
        new Select(inEditor("inflow-check-on-wrong")).selectByValue("learn_more");
        assertThat(browser.axeViolations("tip-editor")).as("the editor with its check section open").isEmpty();

        // an incomplete answer is refused beside its control before the server is asked
        inEditor("inflow-check-option-2-text").clear();
        inEditor("inflow-publish").click();
        browser.waitFor(d -> inEditor("inflow-check-option-2-text-error").getText().equals("is required") ? true : null);
        assertThat(admin.get("/api/v1/tips/" + id).json().get("version").asInt()).isEqualTo(1);
        inEditor("inflow-check-option-2-text").sendKeys("Never");

        inEditor("inflow-publish").click();
        browser.waitFor(d -> inEditor("inflow-status").getText().equals("Published — workers see it now") ? true : null);
        JsonNode stored = admin.get("/api/v1/tips/" + id).json();
        assertThat(stored.get("reinforce").asBoolean()).isTrue();
        assertThat(stored.get("status").asText()).isEqualTo("published");
        JsonNode check = stored.get("check");
        assertThat(check.get("question").asText()).isEqualTo("When do you log a call?");
        assertThat(check.get("onWrong").asText()).isEqualTo("learn_more");
        assertThat(check.get("options").findValuesAsText("text")).containsExactly("The same day", "On Friday", "Never");
        assertThat(check.get("options").findValuesAsText("correct")).containsExactly("true", "false", "false");
        assertThat(check.get("options").findValuesAsText("explanation"))
                .containsExactly("Yes: the forecast reads it tonight.", "Too late: the forecast runs daily.", "Every call counts.");

        // the worker answers wrong: the explanations show and the learn-more link opens
        browser.open(server.base + "/demo/accounts/5");
        String friday = check.get("options").get(1).get("id").asText();
        inTip(id, "input[value=\"" + friday + "\"]").click();
        inTip(id, "button.answer").click();
        browser.waitFor(d -> "wrong".equals(inTip(id, "[data-inflow-check]").getAttribute("data-result")) ? true : null);
        assertThat(inTip(id, "[data-option=\"" + friday + "\"] .explanation").getText()).isEqualTo("Too late: the forecast runs daily.");
        String main = browser.driver.getWindowHandle();
        String learnMore = browser.waitFor(d -> d.getWindowHandles().size() == 2 ? d.getWindowHandles().stream()
                .filter(h -> !h.equals(main)).findFirst().orElse(null) : null);
        browser.driver.switchTo().window(learnMore);
        browser.waitFor(d -> d.getCurrentUrl().contains("from=learn-more") ? true : null);
        browser.driver.close();
        browser.driver.switchTo().window(main);

        // re-opening the tip shows the check; saving a title change keeps it and the reinforce flag exactly
        openTip(id);
        assertThat(inEditor("inflow-reinforce").isSelected()).isTrue();
        assertThat(inEditor("inflow-check-question").getAttribute("value")).isEqualTo("When do you log a call?");
        assertThat(inEditor("inflow-check-option-1-explanation").getAttribute("value")).isEqualTo("Too late: the forecast runs daily.");
        type("inflow-title", "Log every call the same day");
        inEditor("inflow-save").click();
        int before = stored.get("version").asInt();
        browser.waitFor(d -> inEditor("inflow-status").getText().startsWith("Saved as version") ? true : null);
        JsonNode after = admin.get("/api/v1/tips/" + id).json();
        assertThat(after.get("version").asInt()).isGreaterThan(before);
        assertThat(after.get("title").asText()).isEqualTo("Log every call the same day");
        assertThat(after.get("check")).isEqualTo(check);
        assertThat(after.get("reinforce").asBoolean()).isTrue();
    }

    @Test
    void aConflictingConcurrentEditIsRefusedWithAClearMessage() {
        String id = createTip("Amount", "Enter the **net** amount.");
        openTip(id);
        // another author saves while this one is still editing
        Http.Response theirs = otherAuthor.put("/api/v1/tips/" + id, Map.of("title", "Amount (their edit)", "body", "Theirs.",
                "presentation", "tooltip", "placement", "right", "pageRule", "/deals/:id", "anchor", ANCHOR), "If-Match", "\"1\"");
        assertThat(theirs.status()).isEqualTo(200);

        WebElement title = inEditor("inflow-title");
        title.clear();
        title.sendKeys("Amount (my edit)");
        inEditor("inflow-save").click();

        WebElement status = browser.waitFor(d -> {
            WebElement s = inEditor("inflow-status");
            return "true".equals(s.getAttribute("data-conflict")) ? s : null;
        });
        assertThat(status.getText()).contains("Someone else saved this tip after you opened it").contains("nothing was overwritten");
        assertThat(status.getAttribute("role")).isEqualTo("alert");
        assertThat(inEditor("inflow-title").getAttribute("value")).as("the author's text is kept").isEqualTo("Amount (my edit)");
        JsonNode stored = admin.get("/api/v1/tips/" + id).json();
        assertThat(stored.get("title").asText()).isEqualTo("Amount (their edit)");
        assertThat(stored.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void anEditSavedInTheConsoleBecomesANewVersion() {
        String id = createTip("Discount", "Up to **10%**.");
        openTip(id);
        WebElement body = inEditor("inflow-body");
        body.clear();
        body.sendKeys("Up to **15%** with approval.");
        // the preview is the sanitised tree a worker gets
        browser.waitFor(d -> inEditor("inflow-preview").getText().contains("15%") ? true : null);
        assertThat(editor().findElement(By.cssSelector("#inflow-preview strong")).getText()).isEqualTo("15%");
        inEditor("inflow-save").click();
        browser.waitFor(d -> inEditor("inflow-status").getText().equals("Saved as version 2") ? true : null);
        browser.waitFor(d -> d.findElements(By.cssSelector(".versions-table tr[data-version]")).size() == 2 ? true : null);
        assertThat(admin.get("/api/v1/tips/" + id).json().get("body").asText()).isEqualTo("Up to **15%** with approval.");
        String change = browser.driver.findElement(By.cssSelector(".versions-table tr[data-version='2'] td:nth-child(2)")).getText();
        assertThat(change).isEqualTo("edited (body)");
    }

    @Test
    void restoringAnOldVersionBringsBackItsContent() {
        String id = createTip("Original title", "The **original** body.");
        assertThat(otherAuthor.put("/api/v1/tips/" + id, Map.of("title", "Rewritten title", "body", "A rewritten body.",
                "presentation", "tooltip", "placement", "left", "pageRule", "/deals/:id/edit", "anchor", ANCHOR)).status()).isEqualTo(200);
        openTip(id);
        assertThat(inEditor("inflow-title").getAttribute("value")).isEqualTo("Rewritten title");
        List<WebElement> rows = browser.waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".versions-table tr[data-version]"));
            return found.size() == 2 ? found : null;
        });
        assertThat(rows.get(1).getText()).contains("created").contains(otherAuthorEmail());

        rows.get(1).findElement(By.cssSelector("button[data-action='restore']")).click();

        browser.waitFor(Duration.ofSeconds(10), d -> inEditor("inflow-title").getAttribute("value").equals("Original title") ? true : null);
        assertThat(inEditor("inflow-body").getAttribute("value")).isEqualTo("The **original** body.");
        assertThat(inEditor("inflow-page-rule").getAttribute("value")).isEqualTo("/deals/:id");
        assertThat(browser.driver.findElement(By.id("editor-message")).getText()).isEqualTo("Version 1 restored as version 3.");
        browser.waitFor(d -> d.findElements(By.cssSelector(".versions-table tr[data-version]")).size() == 3 ? true : null);
        JsonNode stored = admin.get("/api/v1/tips/" + id).json();
        assertThat(stored.get("title").asText()).isEqualTo("Original title");
        assertThat(stored.get("placement").asText()).isEqualTo("right");
        assertThat(stored.get("version").asInt()).isEqualTo(3);
    }

    private String otherAuthorEmail() {
        return otherAuthor.get("/api/v1/session").json().get("email").asText();
    }

    @Test
    void theConsoleStaysUsableWithFiveThousandTipsWithLongTitles() {
        String longWord = "Verylongwordwithoutanyspaces".repeat(8);
        server.inflow.database().write(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement, page_rule,
                                      anchor, status, created_at, updated_at, version)
                    VALUES (:id, :app, :title, '', '', '[]', 'modal', 'auto', :rule, NULL, :status, :now, :now, 1)""");
            for (int i = 0; i < 5_000; i++) {
                batch.bind("id", String.format("tip_bulk_%05d", i)).bind("app", appId)
                        .bind("title", "Bulk tip " + i + " " + longWord).bind("rule", "/bulk/" + i + "/" + longWord)
                        .bind("status", i % 3 == 0 ? "published" : "draft").bind("now", "2026-11-23T12:00:00.000Z").add();
            }
            return batch.execute();
        });
        browser.open(server.base + "/console/#/tips");
        browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector(".tips-table tbody tr")).size() == 25 ? true : null);
        assertThat(browser.driver.findElement(By.id("tips-more")).isDisplayed()).isTrue();
        assertNoHorizontalOverflow();
        WebElement firstTitle = browser.driver.findElement(By.cssSelector(".tips-table tbody tr td:nth-child(2)"));
        assertThat(firstTitle.getRect().getWidth()).as("a long title is cut, not widening the table").isLessThan(500);

        browser.driver.findElement(By.id("tips-more")).click();
        browser.waitFor(d -> d.findElements(By.cssSelector(".tips-table tbody tr")).size() == 50 ? true : null);
        assertThat(browser.driver.findElement(By.id("tips-summary")).getText()).isEqualTo("50 tips shown");

        browser.driver.findElement(By.id("tips-search")).sendKeys("Bulk tip 4321 ");
        browser.waitFor(d -> d.findElements(By.cssSelector(".tips-table tbody tr")).size() == 1 ? true : null);
        assertThat(browser.driver.findElement(By.cssSelector(".tips-table tbody tr")).getAttribute("data-tip-id")).isEqualTo("tip_bulk_04321");

        // keyboard: the title is a link that opens the editor
        WebElement link = browser.driver.findElement(By.cssSelector(".tips-table a.tip-link"));
        link.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitFor(d -> inEditor("inflow-title").getAttribute("value").startsWith("Bulk tip 4321") ? true : null);
        assertNoHorizontalOverflow();
    }

    private void assertNoHorizontalOverflow() {
        Number scroll = (Number) browser.js("return document.documentElement.scrollWidth");
        Number client = (Number) browser.js("return document.documentElement.clientWidth");
        assertThat(scroll.intValue()).as("page width at 1280×720").isLessThanOrEqualTo(client.intValue());
    }
}
