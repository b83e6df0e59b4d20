package io.inflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.OneAppServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checks, memory, reinforcement and its budget, mastery and learner data, over HTTP on a real store; run once per store. */
abstract class LearningApiContract extends OneAppServer {
    private static final Map<String, Object> ANCHOR = Map.of("v", 1, "tag", "input",
            "selectors", List.of(Map.of("css", "[data-testid=\"opp-amount\"]", "count", 1)), "props", Map.of("name", "amount"));

    // ---- helpers ----

    private Http author() {
        return server.signedIn("author"); // a fresh session: the test clock moves past session lifetimes
    }

    private Map<String, Object> tip(String title, String rule, Object reinforce, Object check, boolean learnMore) {
        Map<String, Object> tip = new HashMap<>(Map.of("appId", appId, "title", title, "body", "Body of " + title,
                "presentation", "tooltip", "pageRule", rule, "anchor", ANCHOR));
        if (reinforce != null) tip.put("reinforce", reinforce);
        if (check != null) tip.put("check", check);
        if (learnMore) tip.put("learnMore", Map.of("url", "https://wiki.example.com/deeper", "label", "Deeper"));
        return tip;
    }

    private static Map<String, Object> check(String onWrong, boolean twoCorrect) {
        return Map.of("question", "What goes in Amount?", "onWrong", onWrong, "options", List.of(
                Map.of("id", "net", "text", "The net amount", "correct", true, "explanation", "Yes: net, without VAT."),
                Map.of("id", "gross", "text", "The gross amount", "correct", twoCorrect, "explanation", "No: VAT is added later."),
                Map.of("id", "eur", "text", "In EUR", "correct", twoCorrect, "explanation", "The currency is always EUR.")));
    }

    private String published(Map<String, Object> tip) {
        Http author = author();
        Http.Response created = author.post("/api/v1/tips", tip);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private void event(String learner, String type, String tipId) {
        Map<String, Object> e = Map.of("id", UUID.randomUUID().toString(), "type", type, "tipId", tipId, "at", clock.instant().toString());
        Http.Response r = server.http().post("/api/v1/events", Map.of("key", siteKey, "learnerId", learner, "events", List.of(e)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private Http.Response answer(String learner, String tipId, List<String> options, long elapsedMs) {
        return answer(learner, tipId, options, elapsedMs, Map.of());
    }

    private Http.Response answer(String learner, String tipId, List<String> options, long elapsedMs, Map<String, String> traits) {
        return server.http().post("/api/v1/checks/" + tipId + "/answers?key=" + siteKey,
                Map.of("learnerId", learner, "optionIds", options, "elapsedMs", elapsedMs, "traits", traits), "Origin", ORIGIN);
    }

    private JsonNode deliver(String path, String learner, String... extra) {
        String url = "/api/v1/delivery?key=" + siteKey + "&url=" + encode("https://crm.example.com" + path)
                + (learner == null ? "" : "&learner=" + encode(learner)) + String.join("", extra);
        Http.Response r = server.http().get(url);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode delivery) {
        List<String> ids = new ArrayList<>();
        delivery.get("tips").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode learnerExport(String learner) {
        Http.Response r = server.admin().post("/api/v1/learners/export", Map.of("learnerId", learner));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode memoryRow(String learner, String tipId) {
        for (JsonNode app : learnerExport(learner).get("apps")) {
            for (JsonNode row : app.get("tables").get("memories")) {
                if (row.get("tip_id").asText().equals(tipId)) return row;
            }
        }
        return null;
    }

    // ---- tests ----

    @Test
    void badChecksAreRefusedFieldByFieldAndNothingIsWritten() {
        Map<String, Object> noneCorrect = Map.of("question", "Q?", "onWrong", "learn_more", "options", List.of(
                Map.of("id", "a", "text", "A", "correct", false), Map.of("id", "a", "text", "B", "correct", false)));
        Http.Response r = author().post("/api/v1/tips", tip("Bad check", "/bad/*", true, noneCorrect, false));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .contains("check.options", "check.options[1].id", "check.onWrong");

        Map<String, Object> oneOption = Map.of("question", "", "onWrong", "explode", "remedialTipId", "tip_x", "options", List.of(
                Map.of("id", "a", "text", "A")));
        Http.Response r2 = author().post("/api/v1/tips", tip("Bad check 2", "/bad/*", null, oneOption, true));
        assertThat(r2.status()).isEqualTo(422);
        assertThat(r2.json().get("errors").findValuesAsText("field"))
                .contains("check.question", "check.options", "check.onWrong", "check.remedialTipId");

        Http.Response r3 = author().post("/api/v1/tips", tip("Bad remedial", "/bad/*", null,
                Map.of("question", "Q?", "onWrong", "remedial_tip", "remedialTipId", "tip_nope", "options", List.of(
                        Map.of("id", "a", "text", "A", "correct", true), Map.of("id", "b", "text", "B", "correct", false))), false));
        assertThat(r3.status()).isEqualTo(422);
        assertThat(r3.json().get("errors").findValuesAsText("field")).containsExactly("check.remedialTipId");
        assertThat(author().get("/api/v1/tips?app=" + appId).body()).doesNotContain("Bad check", "Bad remedial");
    }

    @Test
    void aCheckIsStoredWholeButDeliveredWithoutItsAnswers() {
        String id = published(tip("Stored check", "/stored/*", true, check("learn_more", false), true));
        JsonNode stored = author().get("/api/v1/tips/" + id).json();
        assertThat(stored.get("reinforce").asBoolean()).isTrue();
        assertThat(stored.get("check").get("options").get(0).get("correct").asBoolean()).isTrue();
        assertThat(stored.get("check").get("options").get(1).get("explanation").asText()).isEqualTo("No: VAT is added later.");

        JsonNode delivered = deliver("/stored/1", null).get("tips").get(0);
        assertThat(delivered.get("reinforce").asBoolean()).isTrue();
        assertThat(delivered.get("check").get("question").asText()).isEqualTo("What goes in Amount?");
        assertThat(delivered.get("check").get("multiple").asBoolean()).isFalse();
        assertThat(delivered.get("check").get("options").findValuesAsText("id")).containsExactly("net", "gross", "eur");
        assertThat(delivered.toString()).doesNotContain("correct", "explanation", "VAT is added", "onWrong");

        JsonNode plain = author().get("/api/v1/tips/" + published(tip("Plain tip", "/stored/*", null, null, false))).json();
        assertThat(plain.get("reinforce").asBoolean()).isFalse();
        assertThat(plain.get("check").isNull()).isTrue();
    }

    @Test
    void aWrongAnswerIsRecordedAndOpensTheLearnMoreLinkARightOneMovesTheReviewOut() {
        String id = published(tip("Graded", "/graded/*", true, check("learn_more", false), true));
        Http.Response wrong = answer("u-wrong", id, List.of("gross"), 30_000);
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(200);
        assertThat(wrong.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        JsonNode w = wrong.json();
        assertThat(w.get("correct").asBoolean()).isFalse();
        assertThat(w.get("next").get("action").asText()).isEqualTo("learn_more");
        assertThat(w.get("next").get("url").asText()).isEqualTo("https://wiki.example.com/deeper");
        assertThat(w.get("options").get(1).get("chosen").asBoolean()).isTrue();
        assertThat(w.get("options").get(1).get("explanation").asText()).isEqualTo("No: VAT is added later.");
        assertThat(w.get("options").get(0).get("correct").asBoolean()).isTrue();

        JsonNode row = memoryRow("u-wrong", id);
        assertThat(row.get("checks_wrong").asInt()).isEqualTo(1);
        assertThat(row.get("last_answer").asText()).isEqualTo("wrong");
        String events = server.admin().get("/api/v1/exports/events?format=ndjson&type=check_answered&app=" + appId).body();
        assertThat(events).contains("\"data\":{\"correct\":false,\"optionIds\":[\"gross\"]}").doesNotContain("u-wrong");

        // Again (wrong) < Good (right, slow) < Easy (right within 10 s): the next review is further out each time
        Instant dueWrong = Instant.parse(w.get("dueAt").asText());
        Instant dueSlow = Instant.parse(answer("u-slow", id, List.of("net"), 25_000).json().get("dueAt").asText());
        JsonNode fast = answer("u-fast", id, List.of("net"), 4_000).json();
        Instant dueFast = Instant.parse(fast.get("dueAt").asText());
        assertThat(fast.get("correct").asBoolean()).isTrue();
        assertThat(fast.get("next").get("action").asText()).isEqualTo("continue");
        assertThat(dueWrong).isBefore(dueSlow);
        assertThat(dueSlow).isBefore(dueFast);
        // the Java scheduler's own answer for a new card: Good → 2 days, Easy → 8 days (w2, w3 of FSRS-6)
        assertThat(Duration.between(clock.instant(), dueSlow)).isEqualTo(Duration.ofDays(2));
        assertThat(Duration.between(clock.instant(), dueFast)).isEqualTo(Duration.ofDays(8));

        Http.Response unknownOption = answer("u-x", id, List.of("vat"), 1000);
        assertThat(unknownOption.status()).isEqualTo(422);
        assertThat(answer("u-x", id, List.of("net", "gross"), 1000).status()).as("one answer only").isEqualTo(422);
        assertThat(server.http().post("/api/v1/checks/" + id + "/answers?key=" + siteKey,
                Map.of("learnerId", "u-x", "optionIds", List.of("net")), "Origin", "https://evil.example.net").status()).isEqualTo(403);
    }

    @Test
    void aWrongAnswerCanShowARemedialTipAndMultipleCorrectOptionsMustAllBeChosen() {
        String remedial = published(tip("Remedial", "/remedial-target/*", null, null, false));
        Map<String, Object> check = new HashMap<>(check("remedial_tip", true));
        check.put("remedialTipId", remedial);
        String id = published(tip("Multi", "/multi/*", null, check, false));
        assertThat(deliver("/multi/1", null).get("tips").get(0).get("check").get("multiple").asBoolean()).isTrue();
        JsonNode partly = answer("u-multi", id, List.of("net", "gross"), 20_000).json();
        assertThat(partly.get("correct").asBoolean()).isFalse();
        assertThat(partly.get("next").get("action").asText()).isEqualTo("remedial_tip");
        assertThat(partly.get("next").get("tip").get("title").asText()).isEqualTo("Remedial");
        assertThat(partly.get("next").get("tip").toString()).doesNotContain("\"correct\"");
        assertThat(answer("u-multi", id, List.of("net", "gross", "eur"), 20_000).json().get("correct").asBoolean()).isTrue();
    }

    @Test
    void anAnswerSentTwiceWithItsEventIdCountsOnce() {
        String id = published(tip("Retried", "/retried/*", true, check("learn_more", false), true));
        Map<String, Object> body = Map.of("learnerId", "u-retry", "optionIds", List.of("net"), "elapsedMs", 20_000,
                "eventId", UUID.randomUUID().toString());
        String path = "/api/v1/checks/" + id + "/answers?key=" + siteKey;
        JsonNode first = server.http().post(path, body).json();
        JsonNode again = server.http().post(path, Http.JSON.valueToTree(body).toString(), "Content-Type", "text/plain").json();
        assertThat(again.get("correct").asBoolean()).isTrue();
        assertThat(again.get("dueAt").asText()).isEqualTo(first.get("dueAt").asText());
        JsonNode row = memoryRow("u-retry", id);
        assertThat(row.get("checks_right").asInt()).isEqualTo(1);
        assertThat(row.get("reps").asInt()).isEqualTo(1);
    }

    @Test
    void eachLearnersDeliveryHasItsOwnETag() {
        String id = published(tip("Per learner", "/per-learner/*", true, null, false));
        event("u-etag-seen", "tip_shown", id);
        String path = "/api/v1/delivery?key=" + siteKey + "&url=" + encode("https://crm.example.com/per-learner/1") + "&learner=";
        Http.Response seen = server.http().get(path + "u-etag-seen");
        Http.Response fresh = server.http().get(path + "u-etag-new");
        assertThat(ids(seen.json())).doesNotContain(id);
        assertThat(ids(fresh.json())).contains(id);
        assertThat(seen.header("ETag")).isNotEqualTo(fresh.header("ETag"));
        assertThat(server.http().get(path + "u-etag-seen", "If-None-Match", seen.header("ETag")).status()).isEqualTo(304);
        assertThat(server.http().get(path + "u-etag-new", "If-None-Match", seen.header("ETag")).status()).isEqualTo(200);
    }

    @Test
    void aReinforceTipStaysAwayUntilDueThenComesBackOnceAndListsInReviews() {
        String id = published(tip("Reinforced", "/reinforced/*", true, null, false));
        String learner = "u-reinforce";
        assertThat(ids(deliver("/reinforced/1", learner))).contains(id); // first time: shown as any tip
        event(learner, "tip_shown", id);                                  // the first view is a review (Good)
        JsonNode after = deliver("/reinforced/1", learner);
        assertThat(ids(after)).doesNotContain(id);
        assertThat(after.get("reinforce").isNull()).isTrue();
        assertThat(ids(deliver("/reinforced/1", null))).as("without a learner nothing is filtered").contains(id);
        assertThat(server.http().get("/api/v1/reviews?key=" + siteKey + "&learner=" + learner).json().get("items").size()).isZero();

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        JsonNode due = deliver("/reinforced/1", learner);
        assertThat(ids(due)).contains(id);
        assertThat(due.get("reinforce").asText()).isEqualTo(id);
        JsonNode reviews = server.http().get("/api/v1/reviews?key=" + siteKey + "&learner=" + learner).json().get("items");
        assertThat(reviews.findValuesAsText("tipId")).containsExactly(id);

        event(learner, "tip_shown", id); // seeing a due tip without a check is its review: next one days away
        assertThat(ids(deliver("/reinforced/1", learner))).doesNotContain(id);
        assertThat(memoryRow(learner, id).get("reps").asInt()).isEqualTo(2);
    }

    @Test
    void theBudgetCapsPromptsPerDayWaitsAfterADismissalAndNeverInterruptsAWalkthrough() {
        List<String> tips = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tips.add(published(tip("Budget " + i, "/budget/*", true, null, false)));
        }
        String learner = "u-budget";
        tips.forEach(t -> event(learner, "tip_shown", t));
        assertThat(server.admin().put("/api/v1/apps/" + appId + "/learning-budget", Map.of("dailyCap", 2, "quietMinutes", 30)).json()
                .get("weeklyMinutesTarget").asInt()).isEqualTo(24);
        clock.advance(Duration.ofDays(3));

        assertThat(deliver("/budget/1", learner, "&walkthroughActive=true").get("reinforce").isNull()).isTrue();
        String first = deliver("/budget/1", learner).get("reinforce").asText();
        assertThat(tips).contains(first);
        assertThat(deliver("/budget/2", learner).get("reinforce").asText()).as("the same prompt again, not a new one").isEqualTo(first);
        event(learner, "tip_dismissed", first);
        assertThat(deliver("/budget/1", learner).get("reinforce").isNull()).as("quiet after a dismissal").isTrue();
        clock.advance(Duration.ofMinutes(31));
        String second = deliver("/budget/1", learner).get("reinforce").asText();
        assertThat(second).isNotEqualTo(first).isIn(tips);
        event(learner, "tip_dismissed", second);
        clock.advance(Duration.ofMinutes(31));
        JsonNode capped = deliver("/budget/1", learner);
        assertThat(capped.get("reinforce").isNull()).as("daily cap of 2 reached").isTrue();
        assertThat(server.http().get("/api/v1/reviews?key=" + siteKey + "&learner=" + learner).json().get("items").size())
                .as("the rest wait in the review list").isEqualTo(4);

        clock.advance(Duration.ofDays(1));
        assertThat(deliver("/budget/1", learner).get("reinforce").isNull()).as("a new day has new prompts").isFalse();
        server.admin().put("/api/v1/apps/" + appId + "/learning-budget", Map.of("dailyCap", 3));
        Http.Response bad = server.admin().put("/api/v1/apps/" + appId + "/learning-budget", Map.of("dailyCap", -1, "weeklyMinutesTarget", 9999));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("dailyCap", "weeklyMinutesTarget");
        assertThat(server.signedIn("author").put("/api/v1/apps/" + appId + "/learning-budget", Map.of("dailyCap", 9)).status()).isEqualTo(403);
    }

    @Test
    void learningMinutesAreCountedPerLearnerAndWeekAgainstTheTarget() {
        String id = published(tip("Minutes", "/minutes/*", null, check("learn_more", false), true));
        event("u-minutes", "tip_shown", id);                  // 15 s per view
        answer("u-minutes", id, List.of("net"), 45_000);      // 45 s answering
        server.admin().put("/api/v1/apps/" + appId + "/learning-budget", Map.of("weeklyMinutesTarget", 30));
        JsonNode week = server.admin().get("/api/v1/apps/" + appId + "/learning-minutes").json();
        assertThat(week.get("week").asText()).isEqualTo(Learning.week(clock.instant()));
        assertThat(week.get("targetMinutes").asInt()).isEqualTo(30);
        String hash = learnerExport("u-minutes").get("apps").get(0).get("learnerHash").asText();
        JsonNode mine = null;
        for (JsonNode item : week.get("items")) {
            if (hash.startsWith(item.get("learner").asText())) mine = item;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("minutes").asDouble()).isEqualTo(1.0);
        assertThat(mine.get("shareOfTarget").asDouble()).isEqualTo(0.033);
        assertThat(server.admin().get("/api/v1/apps/" + appId + "/learning-minutes?week=last").status()).isEqualTo(422);
        server.admin().put("/api/v1/apps/" + appId + "/learning-budget", Map.of("weeklyMinutesTarget", 24));
    }

    @Test
    void masteryShowsWhatALearnerKnowsOfAScreenAndEachTipAndTeam() {
        String a = published(tip("Mastery A", "/mastery/:id", null, check("learn_more", false), true));
        String b = published(tip("Mastery B", "/mastery/:id", null, null, false));
        event("u-m1", "tip_shown", a);
        event("u-m1", "tip_shown", b);
        answer("u-m1", a, List.of("net"), 20_000, Map.of("team", "emea"));
        event("u-m2", "tip_shown", a);
        answer("u-m2", a, List.of("gross"), 20_000, Map.of("team", "apac"));

        JsonNode whole = server.http().get("/api/v1/mastery?key=" + siteKey + "&learner=u-m2&lang=fr&url="
                + encode("https://crm.example.com/mastery/7")).json();
        List<String> delivered = new java.util.ArrayList<>();
        whole.get("tips").forEach(t -> delivered.add(t.get("id").asText()));
        assertThat(delivered).as("the launcher gets the tips to open").containsExactlyInAnyOrder(a, b);
        JsonNode screen = whole.get("pageRules").get(0);
        assertThat(screen.get("pageRule").asText()).isEqualTo("/mastery/:id");
        assertThat(screen.get("tips").asInt()).isEqualTo(2);
        assertThat(screen.get("seen").asInt()).isEqualTo(1);
        assertThat(screen.get("seenShare").asDouble()).isEqualTo(0.5);
        assertThat(screen.get("checks").asInt()).isEqualTo(1);
        assertThat(screen.get("checksRight").asInt()).isZero();

        JsonNode perTip = server.signedIn("analyst").get("/api/v1/apps/" + appId + "/mastery?by=tip").json().get("items");
        JsonNode tipA = null;
        for (JsonNode g : perTip) if (g.get("key").asText().equals(a)) tipA = g;
        assertThat(tipA.get("learners").asInt()).isEqualTo(2);
        assertThat(tipA.get("answered").asInt()).isEqualTo(2);
        assertThat(tipA.get("right").asInt()).isEqualTo(1);
        assertThat(tipA.get("rightShare").asDouble()).isEqualTo(0.5);

        JsonNode perTeam = server.admin().get("/api/v1/apps/" + appId + "/mastery?by=trait&trait=team").json().get("items");
        Map<String, Integer> right = new HashMap<>();
        perTeam.forEach(g -> right.put(g.get("key").asText(), g.get("right").asInt()));
        assertThat(right).containsEntry("emea", 1).containsEntry("apac", 0);
        assertThat(server.admin().get("/api/v1/apps/" + appId + "/mastery?by=team").status()).isEqualTo(422);

        // only reinforce-tips have reviews: A's wrong answer falls due, but A is not a reinforce-tip
        String c = published(tip("Mastery C", "/mastery/:id", true, null, false));
        event("u-m1", "tip_shown", c);
        clock.advance(Duration.ofDays(3));
        Map<String, Integer> due = new HashMap<>();
        server.admin().get("/api/v1/apps/" + appId + "/mastery?by=tip").json().get("items")
                .forEach(g -> due.put(g.get("key").asText(), g.get("reviewsDue").asInt()));
        assertThat(due).containsEntry(a, 0).containsEntry(c, 1);
        JsonNode mine = server.http().get("/api/v1/mastery?key=" + siteKey + "&learner=u-m1&url="
                + encode("https://crm.example.com/mastery/7")).json().get("pageRules").get(0);
        assertThat(mine.get("reviewsDue").asInt()).isEqualTo(1);
        assertThat(mine.get("seen").asInt()).isEqualTo(3);
        assertThat(mine.get("checksRightShare").asDouble()).isEqualTo(1.0);
    }

    @Test
    void anAppThatVerifiesIdentitiesRefusesUnsignedLearnersOnEveryLearningEndpoint() {
        JsonNode app = server.admin().post("/api/v1/apps", Map.of("name", "Verified", "allowedOrigins", List.of(ORIGIN))).json();
        String key = app.get("siteKey").asText();
        String secret = server.admin().put("/api/v1/apps/" + app.get("id").asText() + "/identity", Map.of("required", true)).json()
                .get("secret").asText();
        Map<String, Object> tip = new HashMap<>(tip("Verified tip", "/verified/*", true, check("learn_more", false), true));
        tip.put("appId", app.get("id").asText());
        String id = published(tip);
        String signature = io.inflow.crypto.Hashes.hmacSha256(secret, "u-signed");
        String delivery = "/api/v1/delivery?key=" + key + "&url=" + encode("https://crm.example.com/verified/1") + "&learner=u-signed";
        assertThat(server.http().get(delivery).status()).isEqualTo(403);
        assertThat(server.http().get(delivery + "&learnerSignature=" + "0".repeat(64)).status()).isEqualTo(403);
        assertThat(server.http().get(delivery + "&learnerSignature=" + signature).status()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/reviews?key=" + key + "&learner=u-signed").status()).isEqualTo(403);
        assertThat(server.http().get("/api/v1/reviews?key=" + key + "&learner=u-signed&learnerSignature=" + signature).status()).isEqualTo(200);
        String mastery = "/api/v1/mastery?key=" + key + "&learner=u-signed&url=" + encode("https://crm.example.com/verified/1");
        assertThat(server.http().get(mastery).status()).isEqualTo(403);
        assertThat(server.http().get(mastery + "&learnerSignature=" + signature).status()).isEqualTo(200);
        String answers = "/api/v1/checks/" + id + "/answers?key=" + key;
        assertThat(server.http().post(answers, Map.of("learnerId", "u-signed", "optionIds", List.of("net"))).status()).isEqualTo(403);
        assertThat(server.http().post(answers, Map.of("learnerId", "u-signed", "learnerSignature", signature, "optionIds", List.of("net")))
                .json().get("correct").asBoolean()).isTrue();
    }

    @Test
    void anAdminExportsEverythingAboutOneLearnerAndErasesIt() {
        String id = published(tip("Private", "/private/*", true, check("learn_more", false), true));
        String learner = "host-user-314";
        event(learner, "tip_shown", id);
        answer(learner, id, List.of("net"), 5_000, Map.of("team", "emea"));
        event("someone-else", "tip_shown", id);

        JsonNode export = learnerExport(learner);
        JsonNode app = export.get("apps").get(0);
        assertThat(app.get("learnerHash").asText()).hasSize(64).isNotEqualTo(learner);
        JsonNode tables = app.get("tables");
        assertThat(tables.get("events").size()).isEqualTo(2);
        assertThat(tables.get("memories").size()).isEqualTo(1);
        assertThat(tables.get("learners").get(0).get("traits").asText()).contains("emea");
        assertThat(tables.get("learning_time").size()).isEqualTo(1);
        assertThat(export.toString()).doesNotContain("someone-else");

        Http.Response erased = server.admin().post("/api/v1/learners/erase", Map.of("learnerId", learner));
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("rows").get("events").asInt()).isEqualTo(2);
        assertThat(learnerExport(learner).get("apps").size()).isZero();
        assertThat(learnerExport("someone-else").get("apps").get(0).get("tables").get("events").size()).isEqualTo(1);
        assertThat(server.signedIn("analyst").post("/api/v1/learners/export", Map.of("learnerId", learner)).status()).isEqualTo(403);
        assertThat(server.admin().post("/api/v1/learners/erase", Map.of("learnerId", "")).status()).isEqualTo(422);
    }
}
