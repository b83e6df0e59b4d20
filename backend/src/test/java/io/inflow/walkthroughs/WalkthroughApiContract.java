package io.inflow.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.crypto.Hashes;
import io.inflow.testing.Http;
import io.inflow.testing.OneAppServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Walkthroughs over HTTP on a real store: authoring, all-or-nothing publishing, delivery and learner progress; run once per store. */
abstract class WalkthroughApiContract extends OneAppServer {
    private static final Map<String, Object> ANCHOR = Map.of("v", 1, "tag", "button",
            "selectors", List.of(Map.of("css", "#save", "count", 1)), "props", Map.of("text", "Save"));

    Http author;

    @BeforeAll
    void signIn() {
        author = server.signedIn("author");
    }

    // ---- helpers ----

    private String tip(String title, String rule) {
        Http.Response r = author.post("/api/v1/tips", Map.of("appId", appId, "title", title, "body", "Do " + title,
                "presentation", "tooltip", "pageRule", rule, "anchor", ANCHOR));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static Map<String, Object> step(String tipId, String url) {
        Map<String, Object> step = new HashMap<>();
        step.put("tipId", tipId);
        step.put("url", url);
        return step;
    }

    private static Map<String, Object> body(String appId, String title, List<Map<String, Object>> steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (appId != null) body.put("appId", appId);
        body.put("title", title);
        body.put("startOn", "page_load");
        body.put("steps", steps);
        return body;
    }

    /** Three draft tips on three pages, made into a draft walkthrough. */
    private JsonNode threePageWalkthrough(String name) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (String page : List.of("list", "detail", "done")) {
            String rule = "/" + name + "/" + page;
            steps.add(step(tip(name + " " + page, rule), "https://crm.example.com" + rule));
        }
        Http.Response r = author.post("/api/v1/walkthroughs", body(appId, name, steps));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode published(String name) {
        JsonNode w = threePageWalkthrough(name);
        Http.Response r = author.post("/api/v1/walkthroughs/" + w.get("id").asText() + "/publish", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode deliver(String path, String learner, String... extra) {
        String url = "/api/v1/delivery?key=" + siteKey + "&url=" + encode("https://crm.example.com" + path)
                + (learner == null ? "" : "&learner=" + encode(learner)) + String.join("", extra);
        Http.Response r = server.http().get(url);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private Http.Response progress(String walkthroughId, Map<String, Object> body) {
        return server.http().post("/api/v1/walkthroughs/" + walkthroughId + "/progress?key=" + siteKey,
                Http.JSON.valueToTree(body).toString(), "Content-Type", "text/plain", "Origin", ORIGIN);
    }

    private static Map<String, Object> write(String learner, int step, String status, String at) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("learnerId", learner, "step", step, "status", status));
        if (at != null) body.put("at", at);
        return body;
    }

    private static List<String> stepTips(JsonNode walkthrough) {
        return walkthrough.get("steps").findValuesAsText("tipId");
    }

    private static JsonNode walkthroughIn(JsonNode delivery, String id) {
        for (JsonNode w : delivery.get("walkthroughs")) {
            if (w.get("id").asText().equals(id)) return w;
        }
        return null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private int walkthroughCount() {
        return author.get("/api/v1/walkthroughs?appId=" + appId).json().get("items").size();
    }

    // ---- authoring ----

    @Test
    void aWalkthroughKeepsItsStepsInOrderAndReordersUnderIfMatch() {
        JsonNode w = threePageWalkthrough("order");
        String id = w.get("id").asText();
        List<String> tips = stepTips(w);
        assertThat(w.get("status").asText()).isEqualTo("draft");
        assertThat(w.get("steps").findValuesAsText("position")).containsExactly("1", "2", "3");
        assertThat(w.get("steps").get(1).get("url").asText()).isEqualTo("https://crm.example.com/order/detail");
        assertThat(author.get("/api/v1/tips/" + tips.get(0)).json().get("walkthroughId").asText()).isEqualTo(id);

        Http.Response got = author.get("/api/v1/walkthroughs/" + id);
        assertThat(got.header("ETag")).isEqualTo("\"1\"");
        assertThat(author.get("/api/v1/walkthroughs?appId=" + appId).json().get("items").findValuesAsText("id")).contains(id);

        // reorder and drop the middle step: its tip becomes a plain tip again
        List<Map<String, Object>> reordered = List.of(step(tips.get(2), null), step(tips.get(0), "/order/list"));
        Http.Response put = author.put("/api/v1/walkthroughs/" + id, body(null, "Order, shorter", reordered), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"2\"");
        assertThat(stepTips(put.json())).containsExactly(tips.get(2), tips.get(0));
        assertThat(put.json().get("title").asText()).isEqualTo("Order, shorter");
        assertThat(author.get("/api/v1/tips/" + tips.get(1)).json().get("walkthroughId").isNull()).isTrue();

        // a second author still holding version 1 is refused, and nothing changes
        Http.Response stale = author.put("/api/v1/walkthroughs/" + id, body(null, "Lost update", List.of(step(tips.get(1), null))), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        JsonNode after = author.get("/api/v1/walkthroughs/" + id).json();
        assertThat(after.get("title").asText()).isEqualTo("Order, shorter");
        assertThat(stepTips(after)).containsExactly(tips.get(2), tips.get(0));
    }

    @Test
    void aTipIsAStepOfOneWalkthroughOnly() {
        JsonNode first = threePageWalkthrough("owner");
        int before = walkthroughCount();
        Http.Response r = author.post("/api/v1/walkthroughs", body(appId, "Thief",
                List.of(step(tip("fresh", "/fresh"), null), step(stepTips(first).get(1), null))));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("steps[1].tipId");
        assertThat(walkthroughCount()).isEqualTo(before);
    }

    @Test
    void badWalkthroughsAreRefusedFieldByFieldAndNothingIsWritten() {
        int before = walkthroughCount();
        String tipId = tip("valid", "/valid");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("appId", appId);
        bad.put("title", " ");
        bad.put("startOn", "whenever");
        Map<String, Object> second = step(tipId, "javascript:alert(1)");
        second.put("onRight", 7);
        Map<String, Object> third = step(tipId, null);
        bad.put("steps", List.of(step("", null), second, third));
        Http.Response r = author.post("/api/v1/walkthroughs", bad);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("title", "startOn", "steps[0].tipId", "steps[1].url", "steps[1].onRight", "steps[2].tipId");

        Http.Response noSteps = author.post("/api/v1/walkthroughs", body(appId, "Empty", List.of()));
        assertThat(noSteps.status()).isEqualTo(422);
        assertThat(noSteps.json().get("errors").findValuesAsText("field")).containsExactly("steps");

        Http.Response otherApp = author.post("/api/v1/walkthroughs", body(appId, "Foreign", List.of(step("tip_nope", null))));
        assertThat(otherApp.json().get("errors").findValuesAsText("field")).containsExactly("steps[0].tipId");

        Http.Response unknown = author.post("/api/v1/walkthroughs", Map.of("appId", appId, "title", "x", "steps", List.of(), "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        Http.Response broken = author.post("/api/v1/walkthroughs", "{\"title\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(walkthroughCount()).isEqualTo(before);
        assertThat(author.get("/api/v1/tips/" + tipId).json().get("walkthroughId").isNull()).isTrue();
        assertThat(server.signedIn("analyst").post("/api/v1/walkthroughs", body(appId, "No", List.of(step(tipId, null)))).status()).isEqualTo(403);
    }

    @Test
    void publishingIsAllOrNothingWithOneErrorPerFailingStep() {
        JsonNode w = threePageWalkthrough("atomic");
        String id = w.get("id").asText();
        List<String> tips = stepTips(w);
        author.post("/api/v1/tips/" + tips.get(1) + "/archive", null);
        author.post("/api/v1/tips/" + tips.get(2) + "/archive", null);

        Http.Response refused = author.post("/api/v1/walkthroughs/" + id + "/publish", null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("steps[1].tipId", "steps[2].tipId");
        assertThat(author.get("/api/v1/walkthroughs/" + id).json().get("status").asText()).isEqualTo("draft");
        assertThat(author.get("/api/v1/tips/" + tips.get(0)).json().get("status").asText()).isEqualTo("draft");
        assertThat(deliver("/atomic/list", null).get("walkthroughs")).isEmpty();

        author.post("/api/v1/tips/" + tips.get(1) + "/unpublish", null);
        author.post("/api/v1/tips/" + tips.get(2) + "/unpublish", null);
        Http.Response stale = author.post("/api/v1/walkthroughs/" + id + "/publish", null, "If-Match", "\"9\"");
        assertThat(stale.status()).isEqualTo(412);
        Http.Response ok = author.post("/api/v1/walkthroughs/" + id + "/publish", null, "If-Match", "\"1\"");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("published");
        assertThat(ok.header("ETag")).isEqualTo("\"2\"");
        for (String tipId : tips) {
            assertThat(author.get("/api/v1/tips/" + tipId).json().get("status").asText()).isEqualTo("published");
        }

        // a step's tip is delivered inside its walkthrough, never on its own
        JsonNode list = deliver("/atomic/list", null);
        assertThat(list.get("tips").findValuesAsText("id")).doesNotContainAnyElementsOf(tips);
        JsonNode delivered = walkthroughIn(list, id);
        assertThat(delivered.get("steps").get(0).get("onPage").asBoolean()).isTrue();
        assertThat(delivered.get("steps").get(0).get("tip").get("id").asText()).isEqualTo(tips.get(0));
        assertThat(delivered.get("steps").get(1).get("onPage").asBoolean()).isFalse();
        assertThat(delivered.get("steps").get(1).get("tip").isNull()).isTrue();
        assertThat(delivered.get("steps").get(1).get("url").asText()).isEqualTo("https://crm.example.com/atomic/detail");
        assertThat(walkthroughIn(deliver("/elsewhere", null), id)).isNull();

        Http.Response archived = author.post("/api/v1/walkthroughs/" + id + "/archive", null);
        assertThat(archived.json().get("status").asText()).isEqualTo("archived");
        assertThat(walkthroughIn(deliver("/atomic/list", null), id)).isNull();
    }

    @Test
    void aPreviewPlaysDraftWalkthroughs() {
        JsonNode w = threePageWalkthrough("preview");
        JsonNode preview = author.get("/api/v1/delivery/preview?app=" + appId + "&url=" + encode("https://crm.example.com/preview/detail")).json();
        JsonNode delivered = walkthroughIn(preview, w.get("id").asText());
        assertThat(delivered.get("steps").get(1).get("tip").get("id").asText()).isEqualTo(stepTips(w).get(1));
        assertThat(preview.get("tips").findValuesAsText("id")).doesNotContain(stepTips(w).get(1));
    }

    // ---- progress ----

    @Test
    void progressIsIdempotentTheNewerWriteWinsAndARunningWalkthroughFollowsTheLearner() {
        String id = published("resume").get("id").asText();
        assertThat(walkthroughIn(deliver("/resume/list", "u-1"), id).get("progress").isNull()).isTrue();

        Http.Response first = progress(id, write("u-1", 2, "active", "2026-11-23T08:59:00Z"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        Http.Response again = progress(id, write("u-1", 2, "active", "2026-11-23T08:59:00Z"));
        assertThat(again.json()).isEqualTo(first.json());
        // an older write (an offline browser catching up late) does not undo a newer one
        Http.Response older = progress(id, write("u-1", 1, "active", "2026-11-23T08:00:00Z"));
        assertThat(older.json().get("step").asInt()).isEqualTo(2);

        // the running walkthrough comes with the delivery of any page, with the learner's step
        JsonNode elsewhere = walkthroughIn(deliver("/elsewhere", "u-1"), id);
        assertThat(elsewhere.get("progress").get("step").asInt()).isEqualTo(2);
        assertThat(elsewhere.get("progress").get("status").asText()).isEqualTo("active");
        assertThat(walkthroughIn(deliver("/elsewhere", "u-2"), id)).isNull();
        // the overlay may name the walkthrough it runs (one started offline)
        assertThat(walkthroughIn(deliver("/elsewhere", "u-2", "&walkthrough=" + id), id)).isNotNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(progress(id, write("u-1", 3, "completed", null)).json().get("status").asText()).isEqualTo("completed");
        assertThat(walkthroughIn(deliver("/elsewhere", "u-1"), id)).isNull();
        JsonNode onItsPage = walkthroughIn(deliver("/resume/list", "u-1"), id);
        assertThat(onItsPage.get("progress").get("status").asText()).isEqualTo("completed");

        // the learner's hash is stored, never the id, and erasing the learner erases the progress
        JsonNode exported = server.admin().post("/api/v1/learners/export", Map.of("learnerId", "u-1")).json();
        JsonNode rows = exported.get("apps").get(0).get("tables").get("walkthrough_progress");
        assertThat(rows.findValuesAsText("walkthrough_id")).containsExactly(id);
        assertThat(rows.toString()).doesNotContain("u-1");
        server.admin().post("/api/v1/learners/erase", Map.of("learnerId", "u-1"));
        assertThat(walkthroughIn(deliver("/resume/list", "u-1"), id).get("progress").isNull()).isTrue();
    }

    @Test
    void badProgressIsRefusedAndNothingIsWritten() {
        String id = published("badprogress").get("id").asText();
        Http.Response r = progress(id, Map.of("learnerId", "", "step", 0, "status", "paused", "at", "yesterday"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("learnerId", "step", "status", "at");
        assertThat(progress(id, write("u-bad", 4, "active", null)).json().get("errors").findValuesAsText("field")).containsExactly("step");
        assertThat(progress("wt_nope", write("u-bad", 1, "active", null)).status()).isEqualTo(404);
        assertThat(progress(id, Map.of("learnerId", "u-bad", "step", 1, "status", "active", "extra", 1)).status()).isEqualTo(400);
        Http.Response foreign = server.http().post("/api/v1/walkthroughs/" + id + "/progress?key=" + siteKey,
                write("u-bad", 1, "active", null), "Origin", "https://evil.example.com");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(walkthroughIn(deliver("/badprogress/list", "u-bad"), id).get("progress").isNull()).isTrue();
    }

    @Test
    void anAppThatVerifiesIdentitiesTakesProgressOnlyForSignedLearnerIds() {
        JsonNode app = server.admin().post("/api/v1/apps", Map.of("name", "Verified", "allowedOrigins", List.of(ORIGIN))).json();
        String otherApp = app.get("id").asText();
        String key = app.get("siteKey").asText();
        Http.Response t = author.post("/api/v1/tips", Map.of("appId", otherApp, "title", "Signed step", "body", "b",
                "presentation", "tooltip", "pageRule", "/signed", "anchor", ANCHOR));
        JsonNode w = author.post("/api/v1/walkthroughs", body(otherApp, "Signed", List.of(step(t.json().get("id").asText(), null)))).json();
        String id = w.get("id").asText();
        author.post("/api/v1/walkthroughs/" + id + "/publish", null);
        String secret = server.admin().put("/api/v1/apps/" + otherApp + "/identity", Map.of("required", true)).json().get("secret").asText();

        String path = "/api/v1/walkthroughs/" + id + "/progress?key=" + key;
        assertThat(server.http().post(path, write("u-signed", 1, "active", null)).status()).isEqualTo(403);
        Map<String, Object> signed = write("u-signed", 1, "active", null);
        signed.put("learnerSignature", Hashes.hmacSha256(secret, "u-signed"));
        Http.Response ok = server.http().post(path, signed);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        String delivery = "/api/v1/delivery?key=" + key + "&url=" + encode("https://crm.example.com/elsewhere") + "&learner=u-signed";
        assertThat(server.http().get(delivery).status()).isEqualTo(403);
        JsonNode delivered = server.http().get(delivery + "&learnerSignature=" + Hashes.hmacSha256(secret, "u-signed")).json();
        assertThat(walkthroughIn(delivered, id).get("progress").get("step").asInt()).isEqualTo(1);
    }
}
