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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** An author writes a check and marks a tip reinforce in the console editor; a worker answers it; a later edit keeps it. */
class CheckEditingInBrowserTest extends DemoBrowserTest {
    private static final String OVERLAY = "inflow-overlay-root";
    private static final Map<String, Object> LOG_CALL = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "[data-testid=\"log-call\"]", "count", 1)),
            "props", Map.of("testId", "log-call", "text", "Log a call"));

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
        Http author = server.signedIn("author");
        Http.Response created = author.post("/api/v1/tips", Map.of("appId", appId, "title", "Log calls the same day",
                "body", "Log every **call** the same day.", "presentation", "tooltip", "placement", "bottom",
                "pageRule", "/demo/accounts/5", "anchor", LOG_CALL,
                "learnMore", Map.of("url", server.base + "/demo/reports?from=learn-more", "label", "Call logging rules")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.open(server.base + "/console/");
        browser.waitFor(d -> d.findElement(By.id("signin-email"))).sendKeys(Server.ADMIN_EMAIL);
        browser.driver.findElement(By.id("signin-password")).sendKeys(Server.ADMIN_PASSWORD);
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.waitFor(d -> d.findElement(By.id("signout")));
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
}
