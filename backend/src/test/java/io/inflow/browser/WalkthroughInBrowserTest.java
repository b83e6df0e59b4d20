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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Walkthroughs as a worker meets them in a real Chromium, on three test pages that really navigate
 * (src/test/resources/public/test/walk-1.html … walk-3.html; ?learner= names the learner).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughInBrowserTest {
    private static final String OVERLAY = "inflow-overlay-root";

    final TestClock clock = new TestClock(Instant.now());
    Server server;
    Browser browser;
    String appId;
    /** Fingerprints of the test pages' elements, recorded once by the overlay's own recorder ("walk-1#first"). */
    final Map<String, Object> fingerprints = new HashMap<>();

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
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    // ---- helpers -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Object fingerprint(String page, String elementId) {
        if (!fingerprints.containsKey(page + "#" + elementId)) {
            open(page, "recorder");
            Map<String, Object> recorded = (Map<String, Object>) browser.js("return (async () => { const out = {};"
                    + "for (const e of document.querySelectorAll('[id]')) out[e.id] = await Inflow.anchor.record(e);"
                    + "return out; })()");
            recorded.forEach((id, fp) -> fingerprints.put(page + "#" + id, fp));
        }
        return fingerprints.get(page + "#" + elementId);
    }

    private void open(String page, String learner) {
        browser.open(server.base + "/test/" + page + ".html?learner=" + learner);
        browser.waitFor(d -> browser.js("return !!(window.Inflow && window.Inflow.startWalkthrough)").equals(true) ? true : null);
    }

    private String tip(String title, String page, Object anchor, Map<String, Object> extra) {
        Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "title", title, "body", "Do this: " + title + ".",
                "presentation", "tooltip", "placement", "bottom", "pageRule", "/test/" + page + ".html", "anchor", anchor));
        tip.putAll(extra);
        Http.Response r = server.signedIn("author").post("/api/v1/tips", tip);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /**
     * A step of a walkthrough: its tip on a page, pinned to an element of anchorPage (another page's element, for a
     * missing one), with more tip fields and the step's branches.
     */
    private Map<String, Object> step(String title, String page, String anchorPage, String elementId, Map<String, Object> tipFields,
                                     Map<String, Object> branches) {
        Map<String, Object> step = new LinkedHashMap<>(branches);
        step.put("tipId", tip(title, page, fingerprint(anchorPage, elementId), tipFields));
        step.put("url", server.base + "/test/" + page + ".html");
        return step;
    }

    private Map<String, Object> step(String title, String page, String elementId) {
        return step(title, page, page, elementId, Map.of(), Map.of());
    }

    private String walkthrough(String title, String startOn, List<Map<String, Object>> steps) {
        Http author = server.signedIn("author");
        Http.Response created = author.post("/api/v1/walkthroughs", Map.of("appId", appId, "title", title, "startOn", startOn, "steps", steps));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Http.Response published = author.post("/api/v1/walkthroughs/" + id + "/publish", null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return id;
    }

    /** The step's box once it shows (a tooltip, or the "continues on" pointer for a step on another page). */
    private WebElement stepBox(String walkthroughId, int step) {
        return browser.waitFor(Duration.ofSeconds(15), d -> {
            List<WebElement> found = browser.inShadowNow(OVERLAY, "[data-inflow-walkthrough='" + walkthroughId + "'][data-step='" + step + "']");
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private boolean showing(String walkthroughId) {
        return !browser.inShadowNow(OVERLAY, "[data-inflow-walkthrough='" + walkthroughId + "']").isEmpty();
    }

    private void press(String walkthroughId, int step, String button) {
        stepBox(walkthroughId, step).findElement(org.openqa.selenium.By.cssSelector("[data-inflow-step='" + button + "']")).click();
    }

    /** The learner's progress as the server has it (from a delivery for that learner). */
    private JsonNode serverProgress(String walkthroughId, String learner, String page) {
        JsonNode delivery = server.http().get("/api/v1/delivery?key=demo-crm&url=" + encode(server.base + "/test/" + page + ".html")
                + "&learner=" + encode(learner)).json();
        for (JsonNode w : delivery.get("walkthroughs")) {
            if (w.get("id").asText().equals(walkthroughId)) return w.get("progress");
        }
        return null;
    }

    private JsonNode waitForServerProgress(String walkthroughId, String learner, String page, int step, String status) {
        return browser.waitFor(Duration.ofSeconds(10), d -> {
            JsonNode p = serverProgress(walkthroughId, learner, page);
            return p != null && !p.isNull() && p.get("step").asInt() == step && p.get("status").asText().equals(status) ? p : null;
        });
    }

    /** This walkthrough's events as exported (the page is left first, so the overlay sends what it holds). */
    private List<JsonNode> events(String walkthroughId, String type, int atLeast) {
        browser.open("about:blank");
        return browser.waitFor(Duration.ofSeconds(15), d -> {
            List<JsonNode> found = new ArrayList<>();
            server.admin().get("/api/v1/exports/events?format=ndjson&type=" + type + "&app=" + appId).body().lines()
                    .map(line -> Http.JSON.valueToTree(parse(line)))
                    .map(JsonNode.class::cast)
                    .filter(e -> e.path("data").path("walkthroughId").asText().equals(walkthroughId))
                    .forEach(found::add);
            return found.size() >= atLeast ? found : null;
        });
    }

    private static JsonNode parse(String line) {
        try {
            return Http.JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private String activeStepButton() {
        return (String) browser.js("const a = document.getElementById(arguments[0])?.shadowRoot?.activeElement;"
                + "return a ? a.getAttribute('data-inflow-step') : null;", OVERLAY);
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private void backTab() {
        new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void aThreePageWalkthroughStartsOnceResumesAfterReloadAndNavigationAndCompletes() {
        String id = walkthrough("Change an order", "page_load", List.of(
                step("Open the order", "walk-1", "first"), step("Set the quantity", "walk-2", "second"), step("Confirm it", "walk-3", "third")));
        try {
            open("walk-1", "walker-1");
            WebElement first = stepBox(id, 1);
            assertThat(first.getText()).contains("Open the order", "Step 1 of 3");
            browser.driver.navigate().refresh();
            assertThat(stepBox(id, 1).getText()).as("resumed at the same step after a reload").contains("Step 1 of 3");

            press(id, 1, "next");
            WebElement pointer = stepBox(id, 2);
            assertThat(pointer.getText()).as("step 2 belongs to another page: only a pointer to it").contains("continues on", "Set the quantity");
            waitForServerProgress(id, "walker-1", "walk-1", 2, "active");
            browser.driver.navigate().refresh();
            assertThat(stepBox(id, 2).getText()).contains("continues on");

            // a real navigation to the step's page, by the pointer's link
            pointer = stepBox(id, 2);
            pointer.findElement(org.openqa.selenium.By.cssSelector("a")).click();
            browser.waitFor(d -> d.getCurrentUrl().contains("walk-2.html") ? true : null);
            assertThat(stepBox(id, 2).getText()).contains("Set the quantity", "Step 2 of 3");
            assertThat(showing(id) && browser.inShadowNow(OVERLAY, "[data-step='1']").isEmpty()).isTrue();

            press(id, 2, "next");
            browser.open(server.base + "/test/walk-3.html?learner=walker-1");
            WebElement last = stepBox(id, 3);
            assertThat(last.getText()).contains("Confirm it", "Step 3 of 3");
            assertThat(last.findElement(org.openqa.selenium.By.cssSelector("[data-inflow-step='next']")).getText()).isEqualTo("Done");
            press(id, 3, "next");
            browser.waitFor(d -> showing(id) ? null : true);
            waitForServerProgress(id, "walker-1", "walk-3", 3, "completed");

            // completed: it does not start again on page load
            open("walk-1", "walker-1");
            browser.waitFor(d -> browser.js("return performance.getEntriesByType('resource').some(e => e.name.includes('/api/v1/delivery') && e.responseEnd > 0)")
                    .equals(true) ? true : null);
            browser.waitFor(d -> browser.js("return !!window.__inflowMore").equals(true) ? true : null);
            assertThat(showing(id)).isFalse();

            assertThat(events(id, "step_viewed", 3).stream().map(e -> e.get("data").get("step").asInt()).distinct().sorted().toList())
                    .containsExactly(1, 2, 3);
            assertThat(events(id, "walkthrough_completed", 1)).hasSize(1);
            JsonNode funnel = server.admin().get("/api/v1/analytics/walkthroughs?app=" + appId).json();
            List<String> steps = new ArrayList<>();
            funnel.get("items").forEach(row -> {
                if (row.get("walkthroughId").asText().equals(id)) steps.add(row.get("step").asInt() + ":" + row.get("reached").asInt());
            });
            assertThat(steps).containsExactly("1:1", "2:1", "3:1");
        } finally {
            // page_load walkthroughs would start for the fresh learners of the other tests
            server.signedIn("author").post("/api/v1/walkthroughs/" + id + "/archive", null);
        }
    }

    @Test
    void backNextSkipAndCloseMoveThroughTheStepsAndTheLauncherResumes() {
        String id = walkthrough("Edit quantities", "launcher", List.of(
                step("Quantity", "walk-2", "second"), step("Recalculate", "walk-2", "other"), step("Checkout", "walk-2", "onward")));
        open("walk-2", "walker-2");
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        stepBox(id, 1);
        press(id, 1, "next");
        assertThat(stepBox(id, 2).getText()).contains("Recalculate", "Step 2 of 3");
        press(id, 2, "back");
        assertThat(stepBox(id, 1).getText()).contains("Quantity");
        press(id, 1, "skip");
        stepBox(id, 2);
        press(id, 2, "close");
        browser.waitFor(d -> showing(id) ? null : true);
        waitForServerProgress(id, "walker-2", "walk-2", 2, "closed");

        browser.driver.navigate().refresh();
        browser.waitFor(d -> browser.js("return !!window.__inflowMore").equals(true) ? true : null);
        assertThat(showing(id)).as("a closed walkthrough does not come back by itself").isFalse();

        // the launcher offers to resume it where the learner left off (opened again until the page's walkthroughs are in)
        WebElement resume = browser.waitFor(d -> {
            List<WebElement> found = browser.inShadowNow(OVERLAY, ".panel [data-inflow-walkthrough='" + id + "']");
            if (found.isEmpty()) {
                browser.inShadow(OVERLAY, ".launcher").get(0).click();
            }
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(resume.getText()).isEqualTo("Resume: Edit quantities (step 2 of 3)");
        resume.click();
        assertThat(stepBox(id, 2).getText()).contains("Recalculate");
        waitForServerProgress(id, "walker-2", "walk-2", 2, "active");
    }

    @Test
    void progressMadeOfflineReachesTheServerWhenTheNetworkReturns() {
        String id = walkthrough("Offline", "launcher", List.of(step("Quantity", "walk-2", "second"), step("Recalculate", "walk-2", "other")));
        open("walk-2", "walker-7");
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        stepBox(id, 1);
        waitForServerProgress(id, "walker-7", "walk-2", 1, "active");

        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        press(id, 1, "next");
        assertThat(stepBox(id, 2).getText()).as("the player goes on offline").contains("Recalculate");
        assertThat(serverProgress(id, "walker-7", "walk-2").get("step").asInt()).isEqualTo(1);
        assertThat(browser.js("const p = JSON.parse(localStorage.getItem('inflow.walkthroughs.walker-7'))[arguments[0]];"
                + "return p.step + ' ' + p.status + ' ' + !!p.sent", id)).as("kept in the browser, not sent").isEqualTo("2 active false");

        browser.driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        waitForServerProgress(id, "walker-7", "walk-2", 2, "active");
    }

    @Test
    void aStepWhoseElementIsMissingIsSkippedAfterTheWaitAndReported() {
        // step 2 is pinned to an input, and walk-3 has none
        String id = walkthrough("Checkout with a gap", "launcher", List.of(
                step("Confirm", "walk-3", "third"), step("Quantity (gone)", "walk-3", "walk-2", "second", Map.of(), Map.of()), step("Cancel", "walk-3", "other")));
        open("walk-3", "walker-3");
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        stepBox(id, 1);
        long pressed = System.nanoTime();
        press(id, 1, "next");
        assertThat(stepBox(id, 3).getText()).contains("Cancel", "Step 3 of 3");
        assertThat(Duration.ofNanos(System.nanoTime() - pressed)).as("the bounded wait (5 s) ran first").isGreaterThan(Duration.ofSeconds(4));

        List<JsonNode> missing = events(id, "anchor_missing", 1);
        assertThat(missing.get(0).get("data").get("step").asInt()).isEqualTo(2);
        assertThat(events(id, "step_viewed", 2).stream().map(e -> e.get("data").get("step").asInt()).toList()).containsExactlyInAnyOrder(1, 3);
        JsonNode funnel = server.admin().get("/api/v1/analytics/walkthroughs?app=" + appId).json();
        List<Integer> reached = new ArrayList<>();
        funnel.get("items").forEach(row -> {
            if (row.get("walkthroughId").asText().equals(id)) reached.add(row.get("step").asInt());
        });
        assertThat(reached).as("the funnel shows nobody reached step 2").containsExactly(1, 3);
    }

    @Test
    void aCheckAnswerBranchesAndRepeatStepRepeatsTheStep() {
        Map<String, Object> branching = Map.of("check", Map.of("question", "Is the order paid?", "onWrong", "learn_more", "options", List.of(
                        Map.of("id", "yes", "text", "Yes", "correct", true, "explanation", "Then go straight to checkout."),
                        Map.of("id", "no", "text", "No", "correct", false, "explanation", "Then recalculate first."))),
                "learnMore", Map.of("url", server.base + "/test/page.html", "label", "Payment rules"));
        Map<String, Object> repeating = Map.of("check", Map.of("question", "Who confirms?", "onWrong", "repeat_step", "options", List.of(
                Map.of("id", "you", "text", "You", "correct", true), Map.of("id", "boss", "text", "Your manager", "correct", false))));
        String id = walkthrough("Paid orders", "launcher", List.of(
                step("Paid?", "walk-1", "walk-1", "first", branching, Map.of("onRight", 3, "onWrong", 2)),
                step("Recalculate", "walk-1", "other"),
                step("Who confirms", "walk-1", "walk-1", "onward", repeating, Map.of())));
        open("walk-1", "walker-4");
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        answer(id, 1, "yes", "right");
        press(id, 1, "next");
        assertThat(stepBox(id, 3).getText()).as("right: on to step 3, past step 2").contains("Who confirms");

        answer(id, 3, "boss", "wrong");
        WebElement again = stepBox(id, 3).findElement(org.openqa.selenium.By.cssSelector("[data-inflow-step='next']"));
        assertThat(again.getText()).isEqualTo("Try again");
        again.click();
        browser.waitFor(d -> stepBox(id, 3).findElements(org.openqa.selenium.By.cssSelector("[data-result]")).isEmpty() ? true : null);
        answer(id, 3, "you", "right");
        assertThat(stepBox(id, 3).findElement(org.openqa.selenium.By.cssSelector("[data-inflow-step='next']")).getText()).isEqualTo("Done");
        press(id, 3, "next");
        browser.waitFor(d -> showing(id) ? null : true);

        // from the start again: a wrong answer on step 1 branches to step 2
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        answer(id, 1, "no", "wrong");
        press(id, 1, "next");
        assertThat(stepBox(id, 2).getText()).contains("Recalculate");
    }

    private void answer(String walkthroughId, int step, String option, String result) {
        WebElement box = stepBox(walkthroughId, step);
        WebElement form = browser.waitFor(d -> box.findElements(org.openqa.selenium.By.cssSelector("[data-inflow-check]")).stream().findFirst().orElse(null));
        form.findElement(org.openqa.selenium.By.cssSelector("input[value='" + option + "']")).click();
        form.findElement(org.openqa.selenium.By.cssSelector("button.answer")).click();
        browser.waitFor(d -> result.equals(form.getAttribute("data-result")) ? true : null);
    }

    @Test
    void thePagesOwnTipsStepAsideWhileAWalkthroughRunsAndComeBackWhenItEnds() {
        String own = tip("Search here first", "walk-1", fingerprint("walk-1", "other"), Map.of("frequency", "until_dismissed"));
        server.signedIn("author").post("/api/v1/tips/" + own + "/publish", null);
        String id = walkthrough("One at a time", "launcher", List.of(step("Start here", "walk-1", "first"), step("Then here", "walk-2", "second")));

        open("walk-1", "walker-9");
        browser.inShadow(OVERLAY, "[data-inflow-tip='" + own + "']");
        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        stepBox(id, 1);
        browser.waitFor(d -> browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + own + "']").isEmpty() ? true : null);

        press(id, 1, "close");
        browser.waitFor(d -> showing(id) ? null : true);
        browser.inShadow(OVERLAY, "[data-inflow-tip='" + own + "']");
    }

    @Test
    void noReinforcementPromptInterruptsAWalkthrough() {
        String reinforced = tip("Quantities are per box", "walk-2", fingerprint("walk-2", "other"), Map.of("reinforce", true,
                "check", Map.of("question", "Per what?", "onWrong", "repeat_step", "options", List.of(
                        Map.of("id", "box", "text", "Per box", "correct", true), Map.of("id", "item", "text", "Per item", "correct", false)))));
        server.signedIn("author").post("/api/v1/tips/" + reinforced + "/publish", null);
        String id = walkthrough("Quantities", "launcher", List.of(step("Quantity field", "walk-2", "second"), step("Confirm", "walk-3", "third")));
        Http.Response answered = server.http().post("/api/v1/checks/" + reinforced + "/answers?key=demo-crm",
                Map.of("learnerId", "walker-5", "optionIds", List.of("box"), "elapsedMs", 20_000));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        clock.advance(Duration.ofDays(20));

        open("walk-2", "walker-5");
        browser.inShadow(OVERLAY, "[data-inflow-tip='" + reinforced + "']");

        browser.js("Inflow.startWalkthrough(arguments[0])", id);
        stepBox(id, 1);
        browser.driver.navigate().refresh();
        stepBox(id, 1);
        assertThat(browser.js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/delivery?'))"
                + ".every(e => e.name.includes('walkthroughActive=true&walkthrough=" + id + "'))")).isEqualTo(true);
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-tip='" + reinforced + "']")).as("no reinforcement during a walkthrough").isEmpty();

        press(id, 1, "close");
        browser.driver.navigate().refresh();
        browser.inShadow(OVERLAY, "[data-inflow-tip='" + reinforced + "']");
    }

    @Test
    void aStepIsAccessibleAndKeyboardOperableFromALink() {
        String id = walkthrough("Keyboard only", "launcher", List.of(step("Open it", "walk-1", "first"), step("Or export", "walk-1", "other")));
        browser.open(server.base + "/test/walk-1.html?learner=walker-6#inflow-walkthrough=" + id);
        WebElement box = stepBox(id, 1);
        assertThat(browser.driver.getCurrentUrl()).as("the link's fragment goes, so a reload resumes").doesNotContain("inflow-walkthrough");
        browser.waitFor(d -> "next".equals(activeStepButton()) ? true : null);

        String describedBy = (String) browser.js("return document.getElementById('first').getAttribute('aria-describedby')");
        assertThat(describedBy).isNotBlank();
        assertThat(browser.js("return document.getElementById(arguments[0]).textContent", describedBy)).isEqualTo("Step 1 of 2 of Keyboard only: Open it");
        assertThat(box.getAttribute("role")).isEqualTo("dialog");
        assertThat(browser.axeViolations(OVERLAY)).as("a step").isEmpty();

        keys(Keys.ENTER);
        stepBox(id, 2);
        browser.waitFor(d -> "next".equals(activeStepButton()) ? true : null);
        assertThat(browser.js("return document.getElementById('first').getAttribute('aria-describedby')")).as("put back").isNull();
        backTab();
        assertThat(activeStepButton()).isEqualTo("skip");
        backTab();
        assertThat(activeStepButton()).isEqualTo("back");
        keys(Keys.ENTER);
        stepBox(id, 1);
        keys(Keys.ESCAPE);
        browser.waitFor(d -> showing(id) ? null : true);
        waitForServerProgress(id, "walker-6", "walk-1", 1, "closed");
    }
}
