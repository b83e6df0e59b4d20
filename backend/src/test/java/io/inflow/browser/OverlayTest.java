package io.inflow.browser;

import static io.inflow.testing.Rects.gap;
import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Http;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The worker's overlay in a real Chromium: each presentation, triggers, audiences, frequency,
 * keyboard use and axe-core, then the same tips on a hostile-CSS page and on a strict-CSP page.
 * The test pages are served from src/test/resources/public/test.
 */
class OverlayTest extends DemoBrowserTest {
    private static final String OVERLAY = "inflow-overlay-root";

    String appId;

    @BeforeAll
    void findDemoApp() {
        appId = demoAppId();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Archives every tip on the page, so a test sees only its own. */
    private void clear(String page) {
        admin.get("/api/v1/tips?limit=200&status=published&app=" + appId).json().get("items").findParents("pageRule").stream()
                .filter(t -> t.get("pageRule").asText().equals(page))
                .forEach(t -> admin.post("/api/v1/tips/" + t.get("id").asText() + "/archive", null));
    }

    /** Opens the page and records the fingerprints of its elements with the overlay's own recorder. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fingerprints(String page) {
        browser.open(server.base + page);
        browser.waitFor(d -> browser.js("return !!(window.Inflow && window.Inflow.anchor)").equals(true) ? true : null);
        // record answers a promise (the recorder is in inflow-more.js, loaded on first use); WebDriver awaits it
        return (Map<String, Object>) browser.js("return (async () => { const out = {};"
                + "for (const id of ['name', 'save', 'help', 'footer', 'deep']) if (document.getElementById(id)) out[id] = await Inflow.anchor.record(document.getElementById(id));"
                + "return out; })();");
    }

    /** The page without other tests' tips, and its elements' fingerprints. */
    private Map<String, Object> freshPage(String page) {
        clear(page);
        return fingerprints(page);
    }

    private String publish(String page, String title, Object anchor, Map<String, Object> fields) {
        Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "title", title, "body", "About **" + title + "**.",
                "presentation", "tooltip", "pageRule", page));
        if (anchor != null) {
            tip.put("anchor", anchor);
        }
        tip.putAll(fields);
        Http.Response created = admin.post("/api/v1/tips", tip);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    /** On a page of its own: a modal (priority 10), a banner, a tooltip on #name (priority 5) and a hotspot on #save. */
    private void publishEveryPresentation(String page, String tooltipPlacement, String modal, String banner, String tooltip, String hotspot) {
        Map<String, Object> fp = freshPage(page);
        publish(page, modal, null, Map.of("presentation", "modal", "priority", 10));
        publish(page, banner, null, Map.of("presentation", "banner"));
        publish(page, tooltip, fp.get("name"), Map.of("priority", 5, "placement", tooltipPlacement));
        publish(page, hotspot, fp.get("save"), Map.of("presentation", "hotspot"));
    }

    private List<WebElement> boxes() {
        return browser.inShadowNow(OVERLAY, "[data-inflow-tip]");
    }

    private WebElement box(String title) {
        return browser.waitFor(Duration.ofSeconds(15), d -> boxes().stream().filter(b -> b.getText().contains(title)).findFirst().orElse(null));
    }

    private boolean showing(String title) {
        return boxes().stream().anyMatch(b -> b.getText().contains(title));
    }

    private void gone(String title) {
        browser.waitFor(d -> showing(title) ? null : true);
    }

    private WebElement beacon() {
        return browser.waitFor(d -> browser.inShadowNow(OVERLAY, "[data-inflow-beacon]").stream().findFirst().orElse(null));
    }

    private void press(CharSequence key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    /** axe-core's violations for the overlay (its shadow tree included), as "rule: help" lines. */
    private List<String> axeViolations() {
        return browser.axeViolations(OVERLAY);
    }

    private String activeInOverlay() {
        return (String) browser.js("const a = document.getElementById(arguments[0])?.shadowRoot?.activeElement;"
                + "return a ? (a.getAttribute('data-inflow-beacon') ? 'beacon' : a.textContent) : null;", OVERLAY);
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void everyPresentationShowsOneAtATimeByPriorityIsKeyboardOperableAndHasNoAxeViolations() {
        String page = "/test/page.html";
        publishEveryPresentation(page, "right", "Welcome aboard", "Maintenance tonight", "Full legal name", "Saving sends the order");

        browser.open(server.base + page);
        WebElement modal = box("Welcome aboard");
        box("Maintenance tonight");
        assertThat(modal.getAttribute("aria-modal")).isEqualTo("true");
        assertThat(showing("Full legal name")).as("one tooltip or modal at a time").isFalse();
        assertThat(browser.inShadowNow(OVERLAY, "[data-inflow-beacon]")).as("hotspots wait their turn").isEmpty();
        assertThat(activeInOverlay()).as("focus moves into the modal").isEqualTo("Got it");
        assertThat(axeViolations()).as("modal and banner").isEmpty();

        press(Keys.TAB);
        press(Keys.TAB);
        assertThat(activeInOverlay()).as("Tab stays inside the modal").isNotNull();
        press(Keys.ESCAPE);
        gone("Welcome aboard");
        assertThat(browser.js("return document.activeElement.id")).as("focus returns where it was").isEqualTo("name");

        WebElement tooltip = box("Full legal name");
        WebElement name = browser.driver.findElement(By.id("name"));
        assertThat(gap(tooltip.getRect(), name.getRect())).isBetween(0, 30);
        assertThat(name.getAttribute("aria-description")).isEqualTo("Tip: Full legal name");
        assertThat(axeViolations()).as("tooltip").isEmpty();
        press(Keys.ESCAPE);
        gone("Full legal name");
        assertThat(name.getAttribute("aria-description")).isNull();

        WebElement beacon = beacon();
        Rectangle save = browser.driver.findElement(By.id("save")).getRect();
        Rectangle dot = beacon.getRect();
        assertThat(Math.abs(dot.x + dot.width / 2 - (save.x + save.width))).as("beacon on the element's corner").isLessThanOrEqualTo(4);
        assertThat(axeViolations()).as("hotspot beacon").isEmpty();
        // keyboard only: Tab reaches the beacon (the overlay comes last in the page's tab order), Enter opens it
        for (int i = 0; i < 12 && !"beacon".equals(activeInOverlay()); i++) {
            press(Keys.TAB);
        }
        assertThat(activeInOverlay()).isEqualTo("beacon");
        press(Keys.ENTER);
        box("Saving sends the order");
        assertThat(axeViolations()).as("hotspot tooltip").isEmpty();

        List<WebElement> closeBanner = browser.inShadowNow(OVERLAY, "[data-presentation=banner] [data-inflow-dismiss]");
        closeBanner.get(0).click();
        gone("Maintenance tonight");

        // axe does look inside the shadow root: a flaw put there on purpose is reported
        browser.js("document.getElementById(arguments[0]).shadowRoot.appendChild(document.createElement('img')).src = '/x.png'", OVERLAY);
        assertThat(axeViolations()).anyMatch(v -> v.startsWith("image-alt"));
    }

    @Test
    void aTooltipStaysBesideItsElementThroughScrollingResizingAndMoves() {
        String page = "/test/page.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Read the terms", fp.get("deep"), Map.of("placement", "right"));
        browser.open(server.base + page);
        WebElement tip = box("Read the terms");
        WebElement deep = browser.driver.findElement(By.id("deep"));
        java.util.function.Supplier<String> beside = () -> {
            Rectangle t = tip.getRect();
            Rectangle e = deep.getRect();
            return gap(t, e) <= 30 && t.x >= e.x + e.width ? "beside" : "off by " + t + " vs " + e;
        };
        assertThat(beside.get()).isEqualTo("beside");

        browser.js("document.getElementById('scroller').scrollTop = 120"); // inside a scroll container
        browser.waitFor(d -> beside.get().equals("beside") ? true : null);
        browser.js("window.scrollBy(0, 60)"); // the page
        browser.waitFor(d -> beside.get().equals("beside") ? true : null);
        browser.js("document.getElementById('deep').style.marginLeft = '150px'"); // the element moves
        browser.waitFor(d -> beside.get().equals("beside") ? true : null);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(900, 700)); // a resize
        browser.waitFor(d -> beside.get().equals("beside") ? true : null);
    }

    @Test
    void triggersOpenTipsWhenTheElementIsVisibleHoveredOrClicked() {
        String page = "/test/page.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Ready banner", null, Map.of("presentation", "banner", "frequency", "every_visit"));
        publish(page, "Check before submitting", fp.get("footer"), Map.of("trigger", "visible"));
        publish(page, "Save often", fp.get("save"), Map.of("trigger", "hover"));
        publish(page, "Help opens the guide", fp.get("help"), Map.of("trigger", "click", "placement", "bottom"));
        publish(page, "Only in the launcher", fp.get("name"), Map.of("trigger", "launcher"));

        browser.open(server.base + page);
        box("Ready banner");
        sleep(600);
        assertThat(boxes()).as("only the banner comes by itself").hasSize(1);

        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("save"))).perform();
        box("Save often");
        press(Keys.ESCAPE);
        gone("Save often");

        browser.driver.findElement(By.id("help")).click();
        box("Help opens the guide");
        press(Keys.ESCAPE);
        gone("Help opens the guide");
        assertThat(showing("Check before submitting")).isFalse();

        browser.js("document.getElementById('footer').scrollIntoView()");
        box("Check before submitting");
        assertThat(showing("Only in the launcher")).isFalse();
    }

    @Test
    void audienceRulesFollowTheTraitsFromIdentifyAndFrequencySurvivesAReload() {
        String page = "/test/page.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Ready banner", null, Map.of("presentation", "banner", "frequency", "every_visit"));
        publish(page, "For sales", fp.get("name"), Map.of("audience", List.of(Map.of("trait", "role", "op", "in", "value", List.of("sales", "lead")))));
        publish(page, "For big accounts", fp.get("save"), Map.of("audience", List.of(Map.of("trait", "seats", "op", "gte", "value", 10))));
        publish(page, "Once only", null, Map.of("presentation", "banner", "frequency", "once"));

        browser.open(server.base + page);
        box("Ready banner");
        box("Once only");
        sleep(500);
        assertThat(showing("For sales") || showing("For big accounts")).as("no traits yet").isFalse();

        browser.js("Inflow.identify('u-7', {role: 'sales', seats: 3})");
        box("For sales");
        assertThat(showing("For big accounts")).isFalse();
        browser.js("Inflow.identify('u-7', {role: 'support', seats: 12})");
        box("For big accounts");
        gone("For sales");

        browser.driver.navigate().refresh();
        box("Ready banner");
        sleep(300);
        assertThat(showing("Once only")).as("a once tip does not come back after a reload").isFalse();
    }

    @Test
    void aHostileStylesheetChangesNothingInTheOverlayAndTheOverlayChangesNothingOnThePage() {
        Map<String, Map<String, Object>> looks = new HashMap<>();
        for (String page : List.of("/test/page.html", "/test/hostile.html")) {
            clear(page);
            Map<String, Object> fp = fingerprints(page);
            publish(page, "Isolated tooltip", fp.get("name"), Map.of("placement", "bottom", "frequency", "every_visit"));
            browser.open(server.base + page);
            WebElement tip = box("Isolated tooltip");
            looks.put(page, look(tip, browser.driver.findElement(By.id("name"))));
            if (page.contains("hostile")) {
                Rectangle r = tip.getRect();
                assertThat(browser.js("return document.elementFromPoint(arguments[0], arguments[1]).id", r.x + r.width / 2, r.y + r.height / 2))
                        .as("the tip is on top of a page element with the largest z-index").isEqualTo(OVERLAY);
                tip.findElement(By.cssSelector("[data-inflow-dismiss]")).click();
                gone("Isolated tooltip");
            }
        }
        assertThat(looks.get("/test/hostile.html")).isEqualTo(looks.get("/test/page.html"));

        // the other way: the page looks the same with the overlay and after it is gone
        String snapshot = "return Array.from(document.querySelectorAll('body *:not(#" + OVERLAY + ")')).map(e => {"
                + "const s = getComputedStyle(e), r = e.getBoundingClientRect();"
                + "return [e.tagName, s.font, s.color, s.background, s.position, s.zIndex, s.transform, r.x, r.y, r.width, r.height].join('|'); }).join('\\n');";
        browser.open(server.base + "/test/hostile.html");
        box("Isolated tooltip");
        Object withOverlay = browser.js(snapshot);
        browser.js("Inflow.destroy()");
        assertThat(browser.driver.findElements(By.id(OVERLAY))).isEmpty();
        assertThat(browser.js(snapshot)).isEqualTo(withOverlay);
    }

    @Test
    void everythingWorksOnAStrictCspPage() {
        String page = "/test/csp.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Under strict CSP", fp.get("name"), Map.of("priority", 1));
        publish(page, "CSP banner", null, Map.of("presentation", "banner"));
        publish(page, "CSP hotspot", fp.get("save"), Map.of("presentation", "hotspot"));

        browser.open(server.base + page);
        WebElement tip = box("Under strict CSP");
        box("CSP banner");
        assertThat(tip.getCssValue("background-color")).as("the constructable stylesheet applies").isEqualTo("rgba(255, 255, 255, 1)");
        assertThat(tip.getCssValue("position")).isEqualTo("fixed");
        assertThat(gap(tip.getRect(), browser.driver.findElement(By.id("name")).getRect())).isBetween(0, 30);
        tip.findElement(By.cssSelector("[data-inflow-dismiss]")).click();
        beacon().click();
        box("CSP hotspot");
        assertThat(browser.js("return window.__violations")).as("no CSP violation").isEqualTo(List.of());
        assertThat(browser.js("return document.querySelectorAll('[style]').length"))
                .as("no style attributes written into the page's markup").isEqualTo(1L); // #spacer, set by the page's own script
    }

    @Test
    void theLauncherListsThePagesTipsSearchesTheAppsAndShowsTheChoiceAndEverySearchIsAnEvent() {
        String page = "/test/page.html";
        clear(page);
        clear("/test/elsewhere");
        Map<String, Object> fp = fingerprints(page);
        publish(page, "Name as on the contract", fp.get("name"), Map.of("trigger", "launcher"));
        publish("/test/elsewhere", "Refund policy", null, Map.of("presentation", "modal", "body", "Refunds are possible within **30 days**."));

        browser.open(server.base + page);
        WebElement launcher = browser.inShadow(OVERLAY, ".launcher").get(0);
        assertThat(showing("Name as on the contract")).as("a launcher tip waits for the launcher").isFalse();
        browser.driver.findElement(By.id("name")).sendKeys(Keys.chord(Keys.ALT, Keys.SHIFT, "h"));
        WebElement panel = browser.inShadow(OVERLAY, ".panel").get(0);
        assertThat(panel.getText()).contains("Name as on the contract");
        assertThat(axeViolations()).as("launcher panel").isEmpty();

        press("refunds");
        browser.waitFor(d -> panel.getText().contains("Refund policy") ? true : null);
        panel.findElement(By.xpath(".//button[contains(., 'Refund policy')]")).click();
        assertThat(box("Refund policy").getText()).contains("30 days");
        press(Keys.ESCAPE);
        gone("Refund policy");

        launcher.click();
        WebElement again = browser.inShadow(OVERLAY, ".panel").get(0);
        press("zebra");
        browser.waitFor(d -> again.getText().contains("No tips found") ? true : null);
        press(Keys.ESCAPE);
        launcher.click();
        browser.inShadow(OVERLAY, ".panel button").get(0).click();
        WebElement chosen = box("Name as on the contract");
        assertThat(gap(chosen.getRect(), browser.driver.findElement(By.id("name")).getRect())).as("beside its element").isBetween(0, 30);

        browser.open("about:blank"); // flushes the event queue
        String csv = browser.waitFor(Duration.ofSeconds(15), d -> {
            String body = admin.get("/api/v1/exports/events?format=csv&type=search").body();
            return body.contains("zebra") && body.contains("refunds") ? body : null;
        });
        assertThat(csv.lines().filter(l -> l.contains("zebra"))).singleElement().asString().contains("noResult").contains("true");
        assertThat(csv.lines().filter(l -> l.contains("refunds"))).singleElement().asString().contains("\"\"results\"\":1");
    }

    @Test
    void theAppsThemeColoursTheOverlay() {
        String page = "/test/page.html";
        clear(page);
        publish(page, "Themed", null, Map.of("presentation", "modal"));
        admin.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of("accent", "#0b6e4f", "background", "rgb(250, 245, 230)", "radius", "2px")));
        try {
            browser.open(server.base + page);
            WebElement modal = box("Themed");
            assertThat(modal.getCssValue("background-color")).isEqualTo("rgba(250, 245, 230, 1)");
            assertThat(modal.getCssValue("border-top-left-radius")).isEqualTo("12px").as("the modal keeps its own radius");
            WebElement ok = modal.findElement(By.cssSelector("[data-inflow-dismiss=got-it]"));
            assertThat(ok.getCssValue("background-color")).isEqualTo("rgba(11, 110, 79, 1)");
            assertThat(axeViolations()).as("contrast with the theme").isEmpty();
        } finally {
            admin.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of()));
        }
    }

    @Test
    void motionStopsWhenTheLearnerAsksForLessAndRunsOtherwise() {
        String page = "/test/page.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Moving modal", null, Map.of("presentation", "modal", "frequency", "every_visit"));
        publish(page, "Pulsing hotspot", fp.get("save"), Map.of("presentation", "hotspot", "frequency", "every_visit"));
        String running = "return document.getElementById(arguments[0]).shadowRoot.getAnimations().filter(a => a.playState === 'running').length";
        for (boolean reduce : List.of(false, true)) {
            browser.reduceMotion(reduce);
            browser.open(server.base + page);
            assertThat(browser.js("return matchMedia('(prefers-reduced-motion: reduce)').matches")).isEqualTo(reduce);
            WebElement modal = box("Moving modal");
            assertThat(modal.getCssValue("animation-name")).as("the modal's entrance, reduce=" + reduce).isEqualTo(reduce ? "none" : "inflow-rise");
            press(Keys.ESCAPE);
            gone("Moving modal");
            WebElement beacon = beacon();
            assertThat(beacon.getCssValue("animation-name")).as("the beacon's pulse, reduce=" + reduce).isEqualTo(reduce ? "none" : "inflow-pulse");
            new Actions(browser.driver).keyDown(Keys.ALT).keyDown(Keys.SHIFT).sendKeys("H").keyUp(Keys.SHIFT).keyUp(Keys.ALT).perform();
            WebElement panel = browser.inShadow(OVERLAY, ".panel").get(0);
            assertThat(panel.getCssValue("animation-name")).as("the launcher panel's entrance, reduce=" + reduce).isEqualTo(reduce ? "none" : "inflow-rise");
            assertThat((Long) browser.js(running, OVERLAY)).as("animations running, reduce=" + reduce).matches(n -> reduce ? n == 0 : n > 0);
            assertThat(browser.inShadowNow(OVERLAY, "*").stream().map(e -> e.getCssValue("transition-duration")).distinct().toList())
                    .as("no transitions at all").containsOnly("0s");
        }
    }

    @Test
    void onARightToLeftPageEveryPresentationAndTheLauncherAreMirrored() {
        publishEveryPresentation("/test/rtl.html", "bottom", "نافذة ترحيب", "صيانة الليلة", "الاسم الكامل", "الحفظ يرسل الطلب");
        browser.open(server.base + "/test/rtl.html"); // <html dir="rtl" lang="ar">

        WebElement modal = assertMirrored(box("نافذة ترحيب"), "modal");
        Rectangle m = modal.getRect();
        Rectangle ok = modal.findElement(By.cssSelector("[data-inflow-dismiss=got-it]")).getRect();
        assertThat(ok.x + ok.width / 2).as("'Got it' at the end of its row: the left").isLessThan(m.x + m.width / 2);
        assertThat(axeViolations()).as("right-to-left modal and banner").isEmpty();
        press(Keys.ESCAPE);
        gone("نافذة ترحيب");

        WebElement banner = box("صيانة الليلة");
        assertMirrored(banner, "banner");
        Rectangle b = banner.getRect();
        assertThat(b.x + b.width - textEdges(banner.findElement(By.cssSelector(".title"))).get(1)).as("the banner's title starts at the right").isBetween(0L, 20L);

        WebElement tooltip = box("الاسم الكامل");
        assertMirrored(tooltip, "tooltip");
        Rectangle t = tooltip.getRect();
        assertThat(gap(t, browser.driver.findElement(By.id("name")).getRect())).isBetween(0, 30);
        assertThat(t.x + t.width - textEdges(tooltip.findElement(By.cssSelector(".title"))).get(1)).as("the tooltip's title starts at the right").isBetween(0L, 20L);
        press(Keys.ESCAPE);
        gone("الاسم الكامل");

        Rectangle save = browser.driver.findElement(By.id("save")).getRect();
        Rectangle dot = beacon().getRect();
        assertThat(Math.abs(dot.x + dot.width / 2 - save.x)).as("the beacon on the element's top end corner: the left").isLessThanOrEqualTo(4);

        WebElement launcher = browser.inShadow(OVERLAY, ".launcher").get(0);
        int width = ((Long) browser.js("return innerWidth")).intValue();
        assertThat(launcher.getRect().x).as("the launcher at the bottom end corner: the left").isLessThan(width / 2);
        launcher.click();
        WebElement panel = browser.inShadow(OVERLAY, ".panel").get(0);
        assertThat(panel.getCssValue("direction")).isEqualTo("rtl");
        assertThat(panel.getRect().x).as("the panel above the launcher, at the left").isLessThan(width / 2);
        WebElement listed = browser.inShadow(OVERLAY, ".panel li button").get(0);
        Rectangle item = listed.getRect();
        assertThat(item.x + item.width - textEdges(listed).get(1)).as("the page's tips read from the right").isBetween(0L, 3L);
        assertThat(axeViolations()).as("right-to-left launcher panel").isEmpty();
    }

    @Test
    void anArabicTranslationOnALeftToRightPageIsMirroredInsideItsBox() {
        String page = "/test/page.html";
        Map<String, Object> fp = freshPage(page);
        publish(page, "Full legal name", fp.get("name"), Map.of("placement", "bottom",
                "locales", Map.of("ar", Map.of("title", "الاسم القانوني الكامل", "body", "كما في العقد."))));
        browser.open(server.base + page);
        box("Full legal name");
        browser.js("Inflow.identify('u-ar', {locale: 'ar'})");
        WebElement tip = box("الاسم القانوني الكامل");
        assertThat(tip.getAttribute("dir")).isEqualTo("rtl");
        assertThat(tip.getAttribute("lang")).isEqualTo("ar");
        assertMirrored(tip, "translated tooltip");
        assertThat(axeViolations()).as("translated tooltip").isEmpty();
    }

    /** Right to left inside the box: its text runs from the right, and its close button sits at the left, before the title's text. */
    private WebElement assertMirrored(WebElement box, String what) {
        assertThat(box.getCssValue("direction")).as(what).isEqualTo("rtl");
        Rectangle close = box.findElement(By.cssSelector(".close")).getRect();
        List<Long> title = textEdges(box.findElement(By.cssSelector(".title")));
        Rectangle r = box.getRect();
        assertThat(close.x - r.x).as(what + ": close button at the left").isBetween(0, 12);
        assertThat((long) close.x + close.width).as(what + ": close button before the title's text").isLessThanOrEqualTo(title.get(0));
        return box;
    }

    /** The left and right edges of an element's text (not of its box), in CSS pixels. */
    @SuppressWarnings("unchecked")
    private List<Long> textEdges(WebElement element) {
        return (List<Long>) browser.js("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                + "const b = r.getBoundingClientRect(); return [Math.floor(b.left), Math.ceil(b.right)];", element);
    }

    /** What a learner sees of a tooltip: its text style, size, colours, and where it sits relative to its element. */
    private Map<String, Object> look(WebElement tip, WebElement anchor) {
        browser.waitFor(d -> tip.getCssValue("opacity").equals("1") ? true : null); // the fade-in is over
        Rectangle r = tip.getRect();
        Rectangle a = anchor.getRect();
        Map<String, Object> look = new HashMap<>();
        for (String property : List.of("font-family", "font-size", "font-weight", "line-height", "color", "background-color",
                "text-transform", "letter-spacing", "text-align", "opacity", "transform", "padding-top", "border-top-width")) {
            look.put(property, tip.getCssValue(property));
        }
        look.put("title size", tip.findElement(By.cssSelector(".title")).getCssValue("font-size"));
        look.put("size", r.width + "x" + r.height);
        look.put("below the element by", r.y - (a.y + a.height));
        return look;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
