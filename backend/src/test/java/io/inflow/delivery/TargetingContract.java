package io.inflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A tip's targeting fields through the API and into delivery, against a real server; run once per store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TargetingContract {
    private static final Map<String, Object> ANCHOR = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "#save", "count", 1)), "props", Map.of("text", "Save"));

    private static final Object NULL = com.fasterxml.jackson.databind.node.NullNode.getInstance();

    Server server;
    Http author;
    String appId;
    String siteKey;

    abstract String databaseUrl();

    @BeforeAll
    void start() {
        server = Server.start(databaseUrl(), false);
        JsonNode app = server.admin().post("/api/v1/apps", Map.of("name", "Targeted", "allowedOrigins", List.of("https://crm.example.com"))).json();
        appId = app.get("id").asText();
        siteKey = app.get("siteKey").asText();
        author = server.signedIn("author");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Map<String, Object> tip(String rule, String title, Map<String, Object> extra) {
        Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "title", title, "body", "Body of " + title,
                "presentation", "tooltip", "pageRule", rule, "anchor", ANCHOR));
        tip.putAll(extra);
        return tip;
    }

    private JsonNode publish(String rule, String title, Map<String, Object> extra) {
        Http.Response created = author.post("/api/v1/tips", tip(rule, title, extra));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return author.post("/api/v1/tips/" + created.json().get("id").asText() + "/publish", null).json();
    }

    private JsonNode deliver(String path, String lang) {
        String url = URLEncoder.encode("https://crm.example.com" + path, StandardCharsets.UTF_8);
        Http.Response r = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=" + url + (lang == null ? "" : "&lang=" + lang));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("tips");
    }

    @Test
    void targetingFieldsAreStoredReturnedAndDeliveredWithTheirDefaults() {
        List<Map<String, Object>> audience = List.of(
                Map.of("trait", "role", "op", "in", "value", List.of("sales", "lead")),
                Map.of("trait", "seats", "op", "gte", "value", 5),
                Map.of("trait", "beta", "op", "exists"));
        JsonNode stored = publish("/fields", "Full", Map.of("presentation", "hotspot", "trigger", "hover", "frequency", "once",
                "audience", audience, "priority", 7, "schedule", Map.of("from", "2020-01-01T00:00:00Z")));
        assertThat(stored.get("trigger").asText()).isEqualTo("hover");
        assertThat(stored.get("frequency").asText()).isEqualTo("once");
        assertThat(stored.get("priority").asInt()).isEqualTo(7);
        assertThat(stored.get("audience")).hasSize(3);
        assertThat(stored.get("audience").get(0).get("value").get(1).asText()).isEqualTo("lead");
        assertThat(stored.get("schedule").get("from").asText()).isEqualTo("2020-01-01T00:00:00.000Z");
        assertThat(stored.get("schedule").get("to").isNull()).isTrue();

        JsonNode plain = publish("/fields", "Plain", Map.of("presentation", "banner", "anchor", NULL));
        assertThat(plain.get("trigger").asText()).isEqualTo("page_load");
        assertThat(plain.get("frequency").asText()).isEqualTo("until_dismissed");
        assertThat(plain.get("priority").asInt()).isZero();
        assertThat(plain.get("audience")).isEmpty();
        assertThat(plain.get("schedule").isNull()).isTrue();

        JsonNode delivered = deliver("/fields", null);
        assertThat(delivered.findValuesAsText("title")).containsExactly("Full", "Plain");
        JsonNode full = delivered.get(0);
        assertThat(full.get("presentation").asText()).isEqualTo("hotspot");
        assertThat(full.get("trigger").asText()).isEqualTo("hover");
        assertThat(full.get("frequency").asText()).isEqualTo("once");
        assertThat(full.get("audience").get(1).get("op").asText()).isEqualTo("gte");
        assertThat(full.get("audience").get(1).get("value").asInt()).isEqualTo(5);
    }

    @Test
    void deliveryIsOrderedByPriority() {
        publish("/priority", "Low", Map.of("priority", -5));
        publish("/priority", "High", Map.of("priority", 50));
        publish("/priority", "Default", Map.of());
        assertThat(deliver("/priority", null).findValuesAsText("title")).containsExactly("High", "Default", "Low");
    }

    @Test
    void onlyTipsInsideTheirScheduleWindowAreDelivered() {
        Instant now = Instant.now();
        publish("/schedule", "Running", Map.of("schedule", Map.of("from", now.minus(1, ChronoUnit.DAYS).toString(), "to", now.plus(1, ChronoUnit.DAYS).toString())));
        publish("/schedule", "Ended", Map.of("schedule", Map.of("to", now.minus(1, ChronoUnit.MINUTES).toString())));
        publish("/schedule", "Future", Map.of("schedule", Map.of("from", now.plus(1, ChronoUnit.HOURS).toString())));
        assertThat(deliver("/schedule", null).findValuesAsText("title")).containsExactly("Running");
    }

    @Test
    void theLearnersLanguageIsPickedWithFallbackAndRightToLeftIsMarked() {
        publish("/lang", "Save your work", Map.of("locales", Map.of(
                "de", Map.of("title", "Speichern", "body", "Klicken Sie **hier** <script>x()</script>"),
                "pt-BR", Map.of("title", "Salvar", "body", "Clique"),
                "ar", Map.of("title", "احفظ عملك", "body", "انقر"))));

        JsonNode german = deliver("/lang", "de-CH").get(0);
        assertThat(german.get("title").asText()).isEqualTo("Speichern");
        assertThat(german.get("locale").asText()).isEqualTo("de");
        assertThat(german.get("dir").asText()).isEqualTo("ltr");
        assertThat(german.get("body").toString()).contains("\"strong\"", "hier").doesNotContain("script");

        assertThat(deliver("/lang", "pt").get(0).get("title").asText()).as("a regional variant of the language").isEqualTo("Salvar");
        assertThat(deliver("/lang", "fr,de").get(0).get("title").asText()).as("the second choice").isEqualTo("Speichern");
        JsonNode arabic = deliver("/lang", "ar-EG").get(0);
        assertThat(arabic.get("dir").asText()).isEqualTo("rtl");
        JsonNode fallback = deliver("/lang", "ja").get(0);
        assertThat(fallback.get("title").asText()).isEqualTo("Save your work");
        assertThat(fallback.get("locale").isNull()).isTrue();
        assertThat(deliver("/lang", "%3Cscript%3E").get(0).get("title").asText()).isEqualTo("Save your work");

        JsonNode authored = author.get("/api/v1/tips?app=" + appId + "&limit=200").json().get("items").findParents("locales").stream()
                .filter(t -> t.get("title").asText().equals("Save your work")).findFirst().orElseThrow();
        assertThat(authored.get("locales").get("pt-br").get("body").asText()).isEqualTo("Clique");
        assertThat(authored.get("locales").get("de").get("bodyHtml").asText()).contains("<strong>hier</strong>").doesNotContain("script");
    }

    @Test
    void eachLanguageHasItsOwnEtag() {
        publish("/etag", "Hello", Map.of("locales", Map.of("fr", Map.of("title", "Bonjour", "body", ""))));
        String url = "/api/v1/delivery?key=" + siteKey + "&url=" + URLEncoder.encode("https://crm.example.com/etag", StandardCharsets.UTF_8);
        String english = server.http().get(url).header("ETag");
        String french = server.http().get(url + "&lang=fr").header("ETag");
        assertThat(french).isNotEqualTo(english);
        assertThat(server.http().get(url + "&lang=fr", "If-None-Match", french).status()).isEqualTo(304);
        assertThat(server.http().get(url, "If-None-Match", french).status()).isEqualTo(200);
    }

    @Test
    void badTargetingFieldsAreAllReportedAndNothingIsWritten() {
        int before = author.get("/api/v1/tips?app=" + appId + "&limit=200").json().get("items").size();
        Map<String, Object> bad = tip("/bad", "Bad", Map.of(
                "presentation", "popup", "trigger", "scroll", "frequency", "daily", "priority", 100000,
                "audience", List.of(Map.of("trait", "role", "op", "like", "value", "x"),
                        Map.of("trait", "", "op", "in", "value", "sales"),
                        Map.of("trait", "seats", "op", "gt", "value", "many")),
                "schedule", Map.of("from", "2026-12-02T00:00:00Z", "to", "2026-12-01T00:00:00Z"),
                "locales", Map.of("not a tag!", Map.of("title", "x", "body", ""), "de", Map.of("body", "kein Titel"))));
        Http.Response r = author.post("/api/v1/tips", bad);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("presentation", "trigger", "frequency", "priority",
                "audience[0].op", "audience[1].trait", "audience[1].value", "audience[2].value", "schedule", "locales", "locales.de.title");

        Http.Response badTime = author.post("/api/v1/tips", tip("/bad", "Bad time", Map.of("schedule", Map.of("from", "tomorrow"))));
        assertThat(badTime.status()).isEqualTo(422);
        assertThat(badTime.json().get("errors").findValuesAsText("field")).containsExactly("schedule.from");

        Http.Response clickWithoutElement = author.post("/api/v1/tips", tip("/bad", "Click", Map.of("presentation", "modal", "anchor", NULL, "trigger", "click")));
        assertThat(clickWithoutElement.status()).isEqualTo(422);
        assertThat(clickWithoutElement.json().get("errors").findValuesAsText("field")).containsExactly("anchor");

        Http.Response hotspotWithoutElement = author.post("/api/v1/tips", tip("/bad", "Beacon", Map.of("presentation", "hotspot", "anchor", NULL)));
        assertThat(hotspotWithoutElement.json().get("errors").findValuesAsText("field")).containsExactly("anchor");

        assertThat(author.post("/api/v1/tips", Map.of("appId", appId, "title", "x", "presentation", "modal", "pageRule", "/x", "audience", "everyone")).status())
                .as("a wrongly typed field is a 400 or 422, never a 500").isBetween(400, 422);
        assertThat(author.get("/api/v1/tips?app=" + appId + "&limit=200").json().get("items")).hasSize(before);
    }

    @Test
    void anAdminSetsTheAppsThemeAndDeliveryCarriesIt() {
        Http admin = server.admin();
        Http.Response bad = admin.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of("accent", "red; background: url(x)", "radius", "1em", "shadow", "none")));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("theme.accent", "theme.radius", "theme");
        assertThat(author.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of("accent", "#0a7"))).status()).isEqualTo(403);

        JsonNode app = admin.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of("accent", "#0a7", "radius", "4px", "font", "\"Inter\", sans-serif"))).json();
        assertThat(app.get("theme").get("accent").asText()).isEqualTo("#0a7");
        assertThat(admin.patch("/api/v1/apps/" + appId, Map.of("name", "Targeted")).json().get("theme").get("radius").asText())
                .as("a change without theme keeps it").isEqualTo("4px");
        String url = URLEncoder.encode("https://crm.example.com/anything", StandardCharsets.UTF_8);
        JsonNode delivered = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=" + url).json();
        assertThat(delivered.get("app").get("theme").get("font").asText()).isEqualTo("\"Inter\", sans-serif");
        admin.patch("/api/v1/apps/" + appId, Map.of("theme", Map.of()));
        assertThat(server.http().get("/api/v1/delivery?key=" + siteKey + "&url=" + url).json().get("app").get("theme")).isEmpty();
    }

    private JsonNode search(String q, String path) {
        Http.Response r = server.http().get("/api/v1/search?key=" + siteKey + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&url=" + URLEncoder.encode("https://crm.example.com" + path, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theLauncherFindsPublishedTipsByWordsWithThePagesOwnFirst() {
        publish("/invoices", "Invoice numbering", Map.of("body", "Invoices are numbered per **fiscal** year."));
        publish("/quotes", "Quote approval", Map.of("body", "A quote over the limit needs a manager; invoices follow later."));
        publish("/quotes", "Fiscal calendar", Map.of("body", "Our fiscal year starts in April."));
        Http.Response draft = author.post("/api/v1/tips", tip("/quotes", "Draft about invoices", Map.of()));
        assertThat(draft.status()).isEqualTo(201);
        publish("/other", "Ended invoice tip", Map.of("schedule", Map.of("to", "2020-01-01T00:00:00Z")));

        JsonNode onQuotes = search("invoice", "/quotes");
        assertThat(onQuotes.get("tips").findValuesAsText("title")).as("prefix match, the page's own first, no drafts or ended tips")
                .containsExactly("Quote approval", "Invoice numbering");
        assertThat(onQuotes.get("onPage").get(0).asText()).isEqualTo(onQuotes.get("tips").get(0).get("id").asText());
        assertThat(onQuotes.get("onPage")).hasSize(1);

        assertThat(search("fiscal", "/nowhere").get("tips").findValuesAsText("title")).as("a title match ranks above a body match")
                .containsExactly("Fiscal calendar", "Invoice numbering");
        assertThat(search("fiscal year april", "/nowhere").get("tips").findValuesAsText("title")).containsExactly("Fiscal calendar");
        assertThat(search("\"fiscal\"* ') ; -- (", "/nowhere").get("tips").findValuesAsText("title"))
                .as("query syntax is only words").contains("Fiscal calendar");
        assertThat(search("zebra", "/quotes").get("tips")).isEmpty();
        assertThat(search("", "/quotes").get("tips")).isEmpty();

        String anyTip = onQuotes.get("tips").get(0).get("id").asText();
        author.post("/api/v1/tips/" + anyTip + "/unpublish", null);
        assertThat(search("invoice", "/quotes").get("tips").findValuesAsText("title")).containsExactly("Invoice numbering");

        Http.Response noQuery = server.http().get("/api/v1/search?key=" + siteKey + "&url=https%3A%2F%2Fcrm.example.com%2F");
        assertThat(noQuery.status()).isEqualTo(422);
        assertThat(server.http().get("/api/v1/search?key=nope&q=x&url=https%3A%2F%2Fcrm.example.com%2F").status()).isEqualTo(404);
    }
}
