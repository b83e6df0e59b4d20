package io.inflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Browser;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import io.inflow.testing.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/** Checks and reinforcement as a worker meets them in the demo CRM, in a real Chromium, on a clock the test moves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearningInBrowserTest {
    private static final String OVERLAY = "inflow-overlay-root";
    private static final String LEARNER = "demo-user-1"; // the demo CRM identifies its worker so
    private static final Map<String, Object> LOG_CALL = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "[data-testid=\"log-call\"]", "count", 1)),
            "props", Map.of("testId", "log-call", "text", "Log a call"));

    final TestClock clock = new TestClock(Instant.now());
    Server server;
    Browser browser;
    String appId;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), true, clock);
        appId = server.admin().get("/api/v1/apps").json().get("items").findParents("siteKey").stream()
                .filter(a -> a.get("siteKey").asText().equals("demo-crm")).findFirst().orElseThrow().get("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        // the browser stamps events with its own time: every test starts with the server's clock beside it
        clock.set(Instant.now());
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private String publish(String title, String rule, boolean reinforce, boolean withCheck) {
        Http author = server.signedIn("author");
        Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "title", title, "body", "Log every **call** the same day.",
                "presentation", "tooltip", "placement", "bottom", "pageRule", rule, "anchor", LOG_CALL, "reinforce", reinforce,
                "learnMore", Map.of("url", server.base + "/demo/reports?from=learn-more", "label", "Call logging rules")));
        if (withCheck) {
            tip.put("check", Map.of("question", "When do you log a call?", "onWrong", "learn_more", "options", List.of(
                    Map.of("id", "same-day", "text", "The same day", "correct", true, "explanation", "Yes: the forecast reads it tonight."),
                    Map.of("id", "friday", "text", "On Friday", "correct", false, "explanation", "Too late: the forecast runs daily."))));
        }
        Http.Response created = author.post("/api/v1/tips", tip);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        author.post("/api/v1/tips/" + id + "/publish", null);
        return id;
    }

    private WebElement tip(String id) {
        return browser.waitFor(Duration.ofSeconds(15), d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip=\"" + id + "\"]")
                .stream().findFirst().orElse(null));
    }

    private WebElement inTip(String id, String css) {
        return tip(id).findElement(org.openqa.selenium.By.cssSelector(css));
    }

    @Test
    void aWrongAnswerShowsTheExplanationsAndOpensTheLearnMoreLink() {
        String id = publish("Log calls the same day", "/demo/accounts/1", false, true);
        browser.open(server.base + "/demo/accounts/1");
        inTip(id, "input[value=\"friday\"]").click();
        inTip(id, "button.answer").click();
        browser.waitFor(d -> "wrong".equals(inTip(id, "[data-inflow-check]").getAttribute("data-result")) ? true : null);
        assertThat(inTip(id, "[data-option=\"friday\"] .explanation").getText()).isEqualTo("Too late: the forecast runs daily.");
        assertThat(inTip(id, "[data-option=\"same-day\"]").getAttribute("data-correct")).isEqualTo("true");

        String learnMore = browser.waitFor(d -> d.getWindowHandles().size() == 2 ? d.getWindowHandles().stream()
                .filter(h -> !h.equals(d.getWindowHandle())).findFirst().orElse(null) : null);
        String main = browser.driver.getWindowHandle();
        browser.driver.switchTo().window(learnMore);
        browser.waitFor(d -> d.getCurrentUrl().contains("from=learn-more") ? true : null);
        browser.driver.switchTo().window(main);

        String events = server.admin().get("/api/v1/exports/events?format=ndjson&type=check_answered&app=" + appId).body();
        assertThat(events).contains("\"tipId\":\"" + id + "\"").contains("\"data\":{\"correct\":false,\"optionIds\":[\"friday\"]}");

        // the demo identifies its worker with team emea: the console sees the answer under that team
        JsonNode teams = server.admin().get("/api/v1/apps/" + appId + "/mastery?by=trait&trait=team").json().get("items");
        JsonNode emea = teams.findParents("key").stream().filter(g -> g.get("key").asText().equals("emea")).findFirst().orElseThrow();
        assertThat(emea.get("answered").asInt()).isPositive();
    }

    @Test
    void aRightAnswerSaysSoAndExplainsWithoutLeavingThePage() {
        String id = publish("Right answers", "/demo/accounts/3", false, true);
        browser.open(server.base + "/demo/accounts/3");
        inTip(id, "input[value=\"same-day\"]").click();
        inTip(id, "button.answer").click();
        browser.waitFor(d -> "right".equals(inTip(id, "[data-inflow-check]").getAttribute("data-result")) ? true : null);
        assertThat(inTip(id, "[data-option=\"same-day\"] .explanation").getText()).isEqualTo("Yes: the forecast reads it tonight.");
        assertThat(browser.driver.getWindowHandles()).hasSize(1);
    }

    @Test
    void aReinforceTipComesBackWhenItIsDue() {
        String id = publish("Calls feed the forecast", "/demo/accounts/2", true, false);
        browser.open(server.base + "/demo/accounts/2");
        inTip(id, "[data-inflow-dismiss]").click();
        browser.waitFor(d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip=\"" + id + "\"]").isEmpty() ? true : null);
        browser.open(server.base + "/demo/accounts"); // leaving the page sends the view and the dismissal
        browser.waitFor(Duration.ofSeconds(15), d -> memoryDue(id));

        assertThat(delivered(id).path("reinforce").isNull()).isTrue();
        assertThat(delivered(id).get("tips").findValuesAsText("id")).as("met, not due").doesNotContain(id);

        clock.advance(Duration.ofDays(3));
        assertThat(delivered(id).path("reinforce").asText()).as("the server names it the due tip").isEqualTo(id);
        browser.open(server.base + "/demo/accounts/2"); // the same tab: the tip is still in its dismissed list
        assertThat(tip(id).getText()).contains("Calls feed the forecast");
        JsonNode reviews = server.http().get("/api/v1/reviews?key=demo-crm&learner=" + LEARNER).json().get("items");
        assertThat(reviews.findValuesAsText("tipId")).contains(id);
    }

    @Test
    void theLauncherShowsWhatTheLearnerKnowsAboutTheScreenAndOpensADueReview() {
        String page = "/demo/accounts/4";
        Http author = server.signedIn("author");
        java.util.function.Function<Map<String, Object>, String> publish = fields -> {
            Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "pageRule", page, "body", "Read me."));
            tip.putAll(fields);
            Http.Response created = author.post("/api/v1/tips", tip);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            author.post("/api/v1/tips/" + id + "/publish", null);
            return id;
        };
        String withCheck = publish.apply(Map.of("title", "Forecast calls", "presentation", "tooltip", "placement", "bottom",
                "anchor", LOG_CALL, "priority", 5, "check", Map.of("question", "When do you log a call?", "onWrong", "repeat_step", "options", List.of(
                        Map.of("id", "same-day", "text", "The same day", "correct", true),
                        Map.of("id", "friday", "text", "On Friday", "correct", false)))));
        String reinforced = publish.apply(Map.of("title", "Pipeline review on Fridays", "presentation", "banner", "reinforce", true));
        publish.apply(Map.of("title", "Quarter-end rules", "presentation", "modal", "trigger", "launcher"));
        publish.apply(Map.of("title", "Support only", "presentation", "banner",
                "audience", List.of(Map.of("trait", "role", "op", "equals", "value", "support")))); // the demo worker is in sales

        // the worker sees the tooltip and the banner, and answers the check right
        browser.open(server.base + page);
        tip(reinforced);
        inTip(withCheck, "input[value=\"same-day\"]").click();
        inTip(withCheck, "button.answer").click();
        browser.waitFor(d -> "right".equals(inTip(withCheck, "[data-inflow-check]").getAttribute("data-result")) ? true : null);
        browser.open(server.base + "/demo/accounts"); // leaving the page sends the views
        String mastery = "/api/v1/mastery?key=demo-crm&learner=" + LEARNER + "&url=" + URLEncoder.encode(server.base + page, StandardCharsets.UTF_8);
        browser.waitFor(Duration.ofSeconds(15), d -> server.http().get(mastery).json().get("pageRules").get(0).get("seen").asInt() == 2 ? true : null);

        browser.open(server.base + page);
        tip(withCheck); // not dismissed, so it comes again, with its check
        WebElement section = openKnowledge();
        assertThat(paragraphs(section)).containsExactly("You have seen 2 of 3 tips here.", "1 of 1 check answered right.", "No reviews due.");
        assertThat(browser.axeViolations(OVERLAY)).as("the panel with what the learner knows").isEmpty();
        press(org.openqa.selenium.Keys.ESCAPE);
        browser.waitFor(d -> browser.inShadowNow(OVERLAY, ".panel").isEmpty() ? true : null);

        inTip(withCheck, "input[value=\"friday\"]").click();
        inTip(withCheck, "button.answer").click();
        browser.waitFor(d -> "wrong".equals(inTip(withCheck, "[data-inflow-check]").getAttribute("data-result")) ? true : null);
        assertThat(paragraphs(openKnowledge())).containsExactly("You have seen 2 of 3 tips here.", "0 of 1 check answered right.", "No reviews due.");
        press(org.openqa.selenium.Keys.ESCAPE);

        clock.advance(Duration.ofDays(30)); // the banner's review falls due
        WebElement later = openKnowledge();
        assertThat(paragraphs(later)).containsExactly("You have seen 2 of 3 tips here.", "0 of 1 check answered right.", "1 review due:");
        assertThat(later.findElement(org.openqa.selenium.By.cssSelector("[data-inflow-review]")).getText()).isEqualTo("Pipeline review on Fridays");
        assertThat(browser.axeViolations(OVERLAY)).as("with a review due").isEmpty();
        // keyboard only: Tab from the search field reaches the review, Enter opens it
        for (int i = 0; i < 8 && !reinforced.equals(browser.js("return document.getElementById(arguments[0]).shadowRoot.activeElement"
                + "?.getAttribute('data-inflow-review')", OVERLAY)); i++) {
            press(org.openqa.selenium.Keys.TAB);
        }
        press(org.openqa.selenium.Keys.ENTER);
        assertThat(tip(reinforced).getText()).contains("Pipeline review on Fridays");
        assertThat(browser.inShadowNow(OVERLAY, ".panel")).as("choosing closes the panel").isEmpty();
    }

    /** Opens the launcher with its shortcut and waits for "What you know about this screen". */
    private WebElement openKnowledge() {
        browser.waitFor(d -> browser.inShadowNow(OVERLAY, ".panel").isEmpty() ? true : null);
        new org.openqa.selenium.interactions.Actions(browser.driver).keyDown(org.openqa.selenium.Keys.ALT).keyDown(org.openqa.selenium.Keys.SHIFT)
                .sendKeys("H").keyUp(org.openqa.selenium.Keys.SHIFT).keyUp(org.openqa.selenium.Keys.ALT).perform();
        WebElement panel = browser.waitFor(d -> browser.inShadowNow(OVERLAY, ".panel").stream().findFirst().orElse(null));
        try {
            return browser.waitFor(d -> browser.inShadowNow(OVERLAY, ".panel [data-inflow-mastery]").stream().findFirst().orElse(null));
        } catch (RuntimeException e) {
            throw new AssertionError("no \"what you know\" section in " + panel.getAttribute("outerHTML"), e);
        }
    }

    private static List<String> paragraphs(WebElement section) {
        return section.findElements(org.openqa.selenium.By.cssSelector("p")).stream().map(WebElement::getText).toList();
    }

    private void press(CharSequence keys) {
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(keys).perform();
    }

    private Boolean memoryDue(String tipId) {
        JsonNode export = server.admin().post("/api/v1/learners/export", Map.of("learnerId", LEARNER)).json();
        for (JsonNode app : export.get("apps")) {
            for (JsonNode row : app.get("tables").get("memories")) {
                if (row.get("tip_id").asText().equals(tipId) && row.get("dismissals").asInt() > 0 && !row.get("due_at").isNull()) {
                    return true;
                }
            }
        }
        return null;
    }

    private JsonNode delivered(String tipId) {
        return server.http().get("/api/v1/delivery?key=demo-crm&learner=" + LEARNER + "&url="
                + URLEncoder.encode(server.base + "/demo/accounts/2", StandardCharsets.UTF_8)).json();
    }
}
