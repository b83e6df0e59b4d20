package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP API against a real server and a real database; run once per store, with {@link AuthoringApiContract}. */
abstract class ApiContract extends StoreContract {
    private JsonNode createTip(String title, String rule) {
        Http.Response r = author.post("/api/v1/tips", tip(title, rule, "Enter the **net** amount."));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode deliver(String url) {
        Http.Response r = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=" + encode(url));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> titles(JsonNode delivery) {
        return delivery.get("tips").findValuesAsText("title");
    }

    @Test
    void publishedTipIsDeliveredOnlyToPagesItsRuleMatches() {
        JsonNode tip = createTip("Amount is net", "/opportunities/:id");
        String id = tip.get("id").asText();
        assertThat(tip.get("status").asText()).isEqualTo("draft");
        assertThat(titles(deliver("https://crm.example.com/opportunities/7"))).doesNotContain("Amount is net");

        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).json().get("status").asText()).isEqualTo("published");
        JsonNode delivered = deliver("https://crm.example.com/opportunities/7?tab=2#x");
        assertThat(titles(delivered)).contains("Amount is net");
        JsonNode one = delivered.get("tips").findParents("title").stream()
                .filter(t -> t.get("title").asText().equals("Amount is net")).findFirst().orElseThrow();
        assertThat(one.get("body").toString()).isEqualTo("[[\"p\",{},\"Enter the \",[\"strong\",{},\"net\"],\" amount.\"]]");
        assertThat(one.get("anchor").get("props").get("name").asText()).isEqualTo("amount");
        assertThat(titles(deliver("https://crm.example.com/opportunities"))).doesNotContain("Amount is net");
        assertThat(titles(deliver("https://crm.example.com/accounts/7"))).doesNotContain("Amount is net");

        author.post("/api/v1/tips/" + id + "/unpublish", null);
        assertThat(titles(deliver("https://crm.example.com/opportunities/7"))).doesNotContain("Amount is net");
    }

    @Test
    void unchangedDeliveryIsNotModifiedAndChangesAreSeenAtOnce() {
        String id = createTip("Etag tip", "/etag/*").get("id").asText();
        author.post("/api/v1/tips/" + id + "/publish", null);
        String path = "/api/v1/delivery?key=" + siteKey + "&url=" + encode("https://crm.example.com/etag/1");
        Http.Response first = server.http().get(path);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        Http.Response again = server.http().get(path, "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        Map<String, Object> changed = tip("Etag tip, edited", "/etag/*", "New words");
        assertThat(author.put("/api/v1/tips/" + id, changed).status()).isEqualTo(200);
        Http.Response afterEdit = server.http().get(path, "If-None-Match", etag);
        assertThat(afterEdit.status()).isEqualTo(200);
        assertThat(titles(afterEdit.json())).contains("Etag tip, edited").doesNotContain("Etag tip");
    }

    @Test
    void corsAnswersOnlyTheAppsAllowedOrigins() {
        String path = "/api/v1/delivery?key=" + siteKey + "&url=" + encode("https://crm.example.com/");
        Http.Response allowed = server.http().get(path, "Origin", "https://crm.example.com");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://crm.example.com");
        assertThat(allowed.header("Vary")).contains("Origin");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();

        Http.Response foreign = server.http().get(path, "Origin", "https://evil.example.net");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    }

    private Map<String, Object> event(String id, String type) {
        return Map.of("id", id, "type", type, "tipId", "tip_x", "at", Instant.now().toString(),
                "url", "https://crm.example.com/opportunities/7");
    }

    @Test
    void theSameBatchSentTwiceIsStoredOnce() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Map<String, Object> batch = Map.of("key", siteKey, "learnerId", "u-42", "events", List.of(event(a, "tip_shown"), event(b, "tip_dismissed")));
        JsonNode first = server.http().post("/api/v1/events", batch).json();
        assertThat(first.get("accepted").asInt()).isEqualTo(2);
        assertThat(first.get("duplicates").asInt()).isZero();
        // the second copy arrives as sendBeacon sends it: text/plain
        Http.Response second = server.http().post("/api/v1/events?key=" + siteKey, Http.JSON.valueToTree(batch).toString(),
                "Content-Type", "text/plain;charset=UTF-8", "Origin", "https://crm.example.com");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("accepted").asInt()).isZero();
        assertThat(second.json().get("duplicates").asInt()).isEqualTo(2);

        String csv = admin.get("/api/v1/exports/events?format=csv&app=" + appId).body();
        assertThat(csv.lines().filter(l -> l.startsWith(a))).hasSize(1);
        assertThat(csv.lines().filter(l -> l.startsWith(b))).hasSize(1);
        assertThat(csv).doesNotContain("u-42");
    }

    @Test
    void anIdRepeatedWithinOneBatchIsStoredOnceAndCountedAsADuplicate() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Map<String, Object> batch = Map.of("key", siteKey, "learnerId", "u-43",
                "events", List.of(event(a, "tip_shown"), event(b, "tip_shown"), event(a, "tip_dismissed")));
        JsonNode receipt = server.http().post("/api/v1/events", batch).json();
        assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.get("duplicates").asInt()).isEqualTo(1);
        String csv = admin.get("/api/v1/exports/events?format=csv&app=" + appId).body();
        // the first of the two is kept, as an overlay's retry repeats the event it sent first
        assertThat(csv.lines().filter(l -> l.startsWith(a))).singleElement().asString().contains("tip_shown");
    }

    @Test
    void aBatchWithOneBadEventWritesNothing() {
        String good = UUID.randomUUID().toString();
        Map<String, Object> batch = Map.of("key", siteKey, "events", List.of(event(good, "tip_shown"),
                Map.of("id", "not-a-uuid", "type", "tip_exploded", "at", "yesterday"),
                Map.of("id", UUID.randomUUID().toString(), "at", Instant.now().toString())));
        Http.Response r = server.http().post("/api/v1/events", batch);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("events[1].id", "events[1].type", "events[1].at", "events[2].type")
                .doesNotContain("events[2].id", "events[2].at");
        assertThat(admin.get("/api/v1/exports/events?format=ndjson&app=" + appId).body()).doesNotContain(good);
    }

    @Test
    void malformedOversizedAndUnknownInputGetsClearFourHundreds() {
        Http.Response malformed = server.http().post("/api/v1/events", "{\"key\": \"" + siteKey + "\", \"events\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).contains("malformed JSON");

        Http.Response huge = server.http().post("/api/v1/events", "{\"key\":\"" + siteKey + "\",\"pad\":\"" + "x".repeat(300_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);

        Http.Response unknown = author.post("/api/v1/tips", Map.of("appId", appId, "title", "t", "presentation", "modal", "pageRule", "/x", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("colour");

        Http.Response badRule = author.post("/api/v1/tips", Map.of("appId", appId, "title", "t", "presentation", "modal", "pageRule", "opportunities/:"));
        assertThat(badRule.status()).isEqualTo(422);
        assertThat(badRule.json().get("errors").get(0).get("field").asText()).isEqualTo("pageRule");

        Http.Response badUrl = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=javascript:alert(1)");
        assertThat(badUrl.status()).isEqualTo(422);
        assertThat(badUrl.body()).doesNotContain("Exception").doesNotContain("at io.inflow");

        Http.Response noRoute = server.http().get("/api/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void tipMarkdownIsSanitisedForStorageAndDelivery() {
        String body = "Hi <script>window.pwned=1</script> <img src=x onerror=\"window.pwned=1\"> "
                + "[click](javascript:alert(1)) <svg onload=\"window.pwned=1\"></svg> [ok](https://wiki.example.com/a)";
        Http.Response r = author.post("/api/v1/tips", tip("Sanitised", "/s", body));
        assertThat(r.status()).isEqualTo(201);
        String html = r.json().get("bodyHtml").asText();
        assertThat(html).doesNotContain("<script", "onerror", "javascript:", "<svg", "onload")
                .contains("href=\"https://wiki.example.com/a\"");
        author.post("/api/v1/tips/" + r.json().get("id").asText() + "/publish", null);
        String tree = deliver("https://crm.example.com/s").get("tips").toString();
        assertThat(tree).doesNotContain("script", "onerror", "javascript", "svg", "onload").contains("https://wiki.example.com/a");
    }

    @Test
    void rolesAreCheckedOnEveryRoute() {
        Http anonymous = server.http();
        assertThat(anonymous.get("/api/v1/tips").status()).isEqualTo(401);
        Http analyst = server.signedIn("analyst");
        assertThat(analyst.get("/api/v1/tips").status()).isEqualTo(200);
        assertThat(analyst.post("/api/v1/tips", tip("no", "/x", "")).status()).isEqualTo(403);
        assertThat(analyst.get("/api/v1/exports/events").status()).isEqualTo(200);
        assertThat(author.get("/api/v1/exports/events").status()).isEqualTo(403);
        assertThat(author.post("/api/v1/apps", Map.of("name", "x", "allowedOrigins", List.of())).status()).isEqualTo(403);
        assertThat(author.get("/api/v1/accounts").status()).isEqualTo(403);
    }

    @Test
    void cookieWritesFromAnotherSiteAreRefusedButTokensWorkFromAnyPage() {
        Http.Response crossSite = author.post("/api/v1/tips", tip("csrf", "/x", ""), "Origin", "https://evil.example.net");
        assertThat(crossSite.status()).isEqualTo(403);
        Http.Response fetchSite = author.post("/api/v1/tips", tip("csrf", "/x", ""), "Sec-Fetch-Site", "cross-site");
        assertThat(fetchSite.status()).isEqualTo(403);

        JsonNode token = author.post("/api/v1/tokens", Map.of("name", "picker")).json();
        assertThat(token.get("token").asText()).startsWith("inf_").hasSizeGreaterThan(40);
        Http picker = server.http().header("Authorization", "Bearer " + token.get("token").asText());
        Http.Response fromHostPage = picker.post("/api/v1/tips", tip("via token", "/x", ""), "Origin", "https://crm.example.com");
        assertThat(fromHostPage.status()).isEqualTo(201);
        assertThat(fromHostPage.header("Access-Control-Allow-Origin")).isEqualTo("https://crm.example.com");
        assertThat(author.get("/api/v1/tokens").body()).doesNotContain(token.get("token").asText());

        author.delete("/api/v1/tokens/" + token.get("id").asText());
        assertThat(picker.get("/api/v1/tips").status()).isEqualTo(401);
    }

    @Test
    void aStaleIfMatchIsRefusedInsteadOfOverwriting() {
        JsonNode tip = createTip("Versioned", "/v");
        String id = tip.get("id").asText();
        assertThat(author.put("/api/v1/tips/" + id, tip("First edit", "/v", ""), "If-Match", "\"1\"").status()).isEqualTo(200);
        Http.Response stale = author.put("/api/v1/tips/" + id, tip("Second edit", "/v", ""), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(author.get("/api/v1/tips/" + id).json().get("title").asText()).isEqualTo("First edit");
    }

    @Test
    void exportFiltersByTypeAndTime() {
        String shown = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        server.http().post("/api/v1/events", Map.of("key", siteKey, "events", List.of(event(shown, "link_opened"),
                Map.of("id", old, "type", "link_opened", "at", Instant.now().minusSeconds(20 * 86400).toString()))));
        String recent = admin.get("/api/v1/exports/events?format=ndjson&type=link_opened&from=" + Instant.now().minusSeconds(3600)).body();
        assertThat(recent).contains(shown).doesNotContain(old);
        JsonNode line = Http.JSON.valueToTree(recent.lines().filter(l -> l.contains(shown)).findFirst().map(l -> {
            try {
                return Http.JSON.readTree(l);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).orElseThrow());
        assertThat(line.get("type").asText()).isEqualTo("link_opened");
        assertThat(admin.get("/api/v1/exports/events?from=tomorrow").status()).isEqualTo(422);
    }

    @Test
    void anchorHealthListsBrokenAndDegradedTipsFirst() {
        String broken = "tip_" + UUID.randomUUID(), narrow = "tip_" + UUID.randomUUID(), fine = "tip_" + UUID.randomUUID();
        String page = "https://crm.example.com/opportunities/7?tab=details";
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, Map<String, Object>> add = (tip, data) -> events.add(Map.of("id", UUID.randomUUID().toString(),
                "type", data.containsKey("reason") ? "anchor_missing" : "tip_shown", "tipId", tip, "at", Instant.now().toString(), "url", page, "data", data));
        for (int i = 0; i < 3; i++) add.accept(broken, Map.of("reason", "not_found", "bestScore", 0.31));
        add.accept(broken, Map.of("confidence", 1, "via", "selector"));
        for (int i = 0; i < 4; i++) add.accept(narrow, Map.of("confidence", 0.66, "via", "score"));
        for (int i = 0; i < 4; i++) add.accept(fine, Map.of("confidence", 1, "via", "selector"));
        assertThat(server.http().post("/api/v1/events", Map.of("key", siteKey, "events", events)).status()).isBetween(200, 202);

        JsonNode items = author.get("/api/v1/anchor-health?app=" + appId).json().get("items");
        List<String> order = new java.util.ArrayList<>();
        items.forEach(row -> { if (List.of(broken, narrow, fine).contains(row.get("tipId").asText())) order.add(row.get("tipId").asText()); });
        assertThat(order).containsExactly(broken, narrow, fine);
        JsonNode row = author.get("/api/v1/anchor-health?app=" + appId + "&tip=" + broken).json().get("items").get(0);
        assertThat(row.get("status").asText()).isEqualTo("broken");
        assertThat(row.get("page").asText()).isEqualTo("/opportunities/7");
        assertThat(row.get("foundRate").asDouble()).isEqualTo(0.25);
        assertThat(row.get("misses").get("not_found").asInt()).isEqualTo(3);
        JsonNode degraded = author.get("/api/v1/anchor-health?app=" + appId + "&tip=" + narrow).json().get("items").get(0);
        assertThat(degraded.get("status").asText()).isEqualTo("degraded");
        assertThat(degraded.get("lowConfidence").asInt()).isEqualTo(4);
        assertThat(author.get("/api/v1/anchor-health").status()).isEqualTo(422);
        assertThat(author.get("/api/v1/anchor-health?app=" + appId + "&days=0").status()).isEqualTo(422);
        assertThat(server.http().get("/api/v1/anchor-health?app=" + appId).status()).isEqualTo(401);
    }

    /** A fresh app of its own, so counts are not shared with other tests; answers {id, siteKey}. */
    private JsonNode freshApp() {
        return admin.post("/api/v1/apps", Map.of("name", "Analytics " + UUID.randomUUID(), "allowedOrigins", List.of("https://crm.example.com"))).json();
    }

    private String publishedTip(String app, String rule) {
        Http.Response r = author.post("/api/v1/tips", Map.of("appId", app, "title", "Tip on " + rule, "body", "Read me.", "presentation", "tooltip",
                "placement", "right", "pageRule", rule, "anchor", ANCHOR));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> seen(String type, String tip, String url, Map<String, Object> data) {
        Map<String, Object> e = new java.util.HashMap<>(Map.of("id", UUID.randomUUID().toString(), "type", type, "tipId", tip,
                "at", Instant.now().toString(), "url", url));
        if (data != null) {
            e.put("data", data);
        }
        return e;
    }

    private void send(String key, String learner, Map<String, String> traits, List<Map<String, Object>> events) {
        Map<String, Object> batch = new java.util.HashMap<>(Map.of("key", key, "learnerId", learner, "events", events));
        if (traits != null) {
            batch.put("traits", traits);
        }
        Http.Response r = server.http().post("/api/v1/events", batch);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void traitsSentWithEventsGroupMasteryAndFilterAnalytics() {
        JsonNode app = freshApp();
        String id = app.get("id").asText(), key = app.get("siteKey").asText();
        String tip = publishedTip(id, "/opportunities/:id");
        String page = "https://crm.example.com/opportunities/7";
        send(key, "ann", Map.of("team", "support", "locale", "en"), List.of(seen("tip_shown", tip, page, null)));
        send(key, "bob", Map.of("team", "support"), List.of(seen("tip_shown", tip, page, null), seen("tip_dismissed", tip, page, null)));
        send(key, "cyd", Map.of("team", "sales"), List.of(seen("tip_shown", tip, page, null)));
        send(key, "dan", null, List.of(seen("tip_shown", tip, page, null)));

        // mastery per team counts every learner who saw the tip, not only those who answered a check
        Map<String, Integer> learners = new java.util.TreeMap<>();
        author.get("/api/v1/apps/" + id + "/mastery?by=trait&trait=team").json().get("items")
                .forEach(g -> learners.put(g.get("key").asText(), g.get("learners").asInt()));
        assertThat(learners).isEqualTo(Map.of("support", 2, "sales", 1, "", 1));

        JsonNode support = author.get("/api/v1/analytics/tips?app=" + id + "&trait=team:support").json().get("items").get(0);
        assertThat(support.get("shown").asInt()).isEqualTo(2);
        assertThat(support.get("learners").asInt()).isEqualTo(2);
        assertThat(support.get("dismissed").asInt()).isEqualTo(1);
        assertThat(author.get("/api/v1/analytics/tips?app=" + id).json().get("items").get(0).get("shown").asInt()).isEqualTo(4);
        assertThat(author.get("/api/v1/analytics/days?app=" + id + "&trait=team:sales").json().get("items").get(0).get("learners").asInt()).isEqualTo(1);
        assertThat(author.get("/api/v1/analytics/tips?app=" + id + "&trait=team:legal").json().get("items")).isEmpty();
        String csv = author.get("/api/v1/analytics/tips?app=" + id + "&trait=team:support&format=csv").body();
        assertThat(csv.lines().toList().get(1)).startsWith(tip + ",").contains(",2,2,1,");

        Http.Response bad = author.get("/api/v1/analytics/tips?app=" + id + "&trait=team");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("trait");
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("t" + i, "v");
        }
        Http.Response tooMany = server.http().post("/api/v1/events", Map.of("key", key, "learnerId", "eve", "traits", many,
                "events", List.of(seen("tip_shown", tip, page, null))));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("errors").findValuesAsText("field")).containsExactly("traits");
        // traits are kept per hashed learner: the clear id is stored nowhere
        int clear = server.inflow.database().read(h -> h.createQuery("SELECT COUNT(*) FROM learner_traits WHERE learner_hash IN ('ann', 'bob')")
                .mapTo(Integer.class).one());
        int hashed = server.inflow.database().read(h -> h.createQuery("SELECT COUNT(*) FROM learner_traits WHERE app_id = :app AND name = 'team'")
                .bind("app", id).mapTo(Integer.class).one());
        assertThat(clear).isZero();
        assertThat(hashed).isEqualTo(3);
    }

    @Test
    void pagesWithViewsAndNoMatchingTipAreContentGapsMostViewedFirst() {
        JsonNode app = freshApp();
        String id = app.get("id").asText(), key = app.get("siteKey").asText();
        publishedTip(id, "/opportunities/:id");
        publishedTip(id, "https://crm.example.com/accounts/*");
        List<Map<String, Object>> views = new java.util.ArrayList<>();
        for (String path : List.of("/reports", "/reports", "/reports", "/settings/users", "/opportunities/9", "/accounts/4", "/settings/users")) {
            views.add(seen("page_viewed", "", "https://crm.example.com" + path + "?q=secret#x", Map.of("path", path)));
        }
        views.add(seen("page_viewed", "", "https://crm.example.com/inbox?owner=ann", null));
        send(key, "ann", null, views);

        JsonNode gaps = author.get("/api/v1/analytics/gaps?app=" + id).json();
        List<String> rows = new java.util.ArrayList<>();
        gaps.get("items").forEach(r -> rows.add(r.get("path").asText() + "=" + r.get("views").asInt()));
        assertThat(rows).containsExactly("/reports=3", "/settings/users=2", "/inbox=1");
        assertThat(author.get("/api/v1/analytics/gaps?app=" + id + "&format=csv").body()).isEqualTo("path,views\r\n/reports,3\r\n/settings/users,2\r\n/inbox,1\r\n");
        assertThat(author.get("/api/v1/analytics/gaps?app=" + id + "&from=2000-01-01&to=2000-01-02").json().get("items")).isEmpty();
        assertThat(author.get("/api/v1/analytics/gaps?app=app_nope").status()).isEqualTo(404);
        assertThat(server.http().get("/api/v1/analytics/gaps?app=" + id).status()).isEqualTo(401);
    }

    @Test
    void xapiStatementsAndRollupsExportAsFiles() throws Exception {
        JsonNode app = freshApp();
        String id = app.get("id").asText(), key = app.get("siteKey").asText();
        String tip = publishedTip(id, "/opportunities/:id");
        String page = "https://crm.example.com/opportunities/7";
        Map<String, Object> shown = seen("tip_shown", tip, page, null);
        Map<String, Object> vote = seen("helpful_vote", tip, page, Map.of("helpful", true));
        send(key, "ann", null, List.of(shown, vote, seen("page_viewed", "", page, Map.of("path", "/opportunities/7")),
                seen("search", "", page, Map.of("query", "refund", "results", 0))));

        Http.Response xapi = admin.get("/api/v1/exports/xapi?app=" + id + "&base=https://inflow.example.com");
        assertThat(xapi.status()).as(xapi.body()).isEqualTo(200);
        assertThat(xapi.header("Content-Disposition")).contains("inflow-xapi.json");
        JsonNode statements = Http.JSON.readTree(xapi.body());
        assertThat(statements.isArray()).isTrue();
        List<String> ids = new java.util.ArrayList<>();
        statements.forEach(st -> ids.add(st.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder((String) shown.get("id"), (String) vote.get("id"));
        JsonNode experienced = statements.get(ids.indexOf((String) shown.get("id")));
        assertThat(experienced.get("verb").get("id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/experienced");
        assertThat(experienced.get("object").get("id").asText()).isEqualTo("https://inflow.example.com/xapi/activities/tips/" + tip);
        assertThat(experienced.get("actor").get("account").get("homePage").asText()).isEqualTo("https://crm.example.com");
        assertThat(admin.get("/api/v1/exports/xapi?app=" + id + "&base=javascript:alert(1)").status()).isEqualTo(422);
        assertThat(author.get("/api/v1/exports/xapi?app=" + id).status()).isEqualTo(403);

        String pages = admin.get("/api/v1/exports/rollups?type=pages&format=ndjson&app=" + id).body();
        JsonNode line = Http.JSON.readTree(pages.lines().findFirst().orElseThrow());
        assertThat(pages.lines().count()).isEqualTo(1);
        assertThat(line.get("path").asText()).isEqualTo("/opportunities/7");
        assertThat(line.get("views").asLong()).isEqualTo(1);
        assertThat(line.get("day").asText()).isEqualTo(Instant.now().toString().substring(0, 10));
        String tips = admin.get("/api/v1/exports/rollups?type=tips&app=" + id).body();
        assertThat(tips.lines().findFirst().orElseThrow()).isEqualTo(
                "appId,tipId,day,shown,learners,dismissed,completed,helpfulYes,helpfulNo,linksOpened,checksRight,checksWrong,anchorMissing");
        assertThat(tips.lines().toList().get(1)).startsWith(id + "," + tip + ",").endsWith(",1,1,0,0,1,0,0,0,0,0");
        assertThat(admin.get("/api/v1/exports/rollups?type=searches&format=csv&app=" + id).body()).contains(",refund,").endsWith(",1,1\r\n");
        assertThat(admin.get("/api/v1/exports/rollups?type=pages&app=" + id + "&to=2000-01-01").body()).isEqualTo("appId,path,day,views\r\n");
        Http.Response badType = admin.get("/api/v1/exports/rollups?type=users");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.json().get("errors").findValuesAsText("field")).containsExactly("type");
        assertThat(author.get("/api/v1/exports/rollups?type=tips").status()).isEqualTo(403);
    }
}
