package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Self-healing anchors over HTTP, on a real server and store: what is taken, what is refused, and that refusals write nothing. */
abstract class AnchorHealingContract extends StoreContract {
    private static final String ORIGIN = "https://crm.example.com";

    private static Map<String, Object> anchor(String testId, String text, List<String> classes) {
        Map<String, Object> props = new HashMap<>();
        props.put("testId", testId);
        props.put("text", text);
        props.put("accName", text);
        props.put("classes", classes);
        return Map.of("v", 1, "tag", "button",
                "selectors", List.of(Map.of("css", "[data-testid=\"" + testId + "\"]", "count", 1)),
                "props", props,
                "context", Map.of("heading", "Opportunity", "words", List.of("amount", "stage", "close", "date"), "prevText", "Cancel"));
    }

    private String publishedTip(String title, Map<String, Object> anchor) {
        Http.Response r = author.post("/api/v1/tips", Map.of("appId", appId, "title", title, "body", "Saves the record.",
                "presentation", "tooltip", "placement", "right", "pageRule", "/heal/*", "anchor", anchor));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private Http.Response refresh(String tipId, Object anchor, String... headers) {
        return server.http().post("/api/v1/anchor-refreshes?key=" + siteKey, Map.of("tipId", tipId, "anchor", anchor), headers);
    }

    private JsonNode versions(String tipId) {
        Http.Response r = author.get("/api/v1/tips/" + tipId + "/anchor-versions");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode delivered(String tipId) {
        JsonNode tips = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=https%3A%2F%2Fcrm.example.com%2Fheal%2F1").json().get("tips");
        for (JsonNode t : tips) if (t.get("id").asText().equals(tipId)) return t;
        throw new AssertionError("tip " + tipId + " not delivered");
    }

    @Test
    void aDriftedAnchorIsRefreshedTheOldOneKeptAndTheNextDeliveryUsesTheNewOne() {
        String id = publishedTip("Save heals", anchor("save-opp", "Save", List.of("btn")));
        String path = "/api/v1/delivery?key=" + siteKey + "&url=https%3A%2F%2Fcrm.example.com%2Fheal%2F1";
        String etag = server.http().get(path).header("ETag");

        Http.Response r = refresh(id, anchor("save-opp", "Save changes", List.of("btn", "btn-primary")), "Origin", ORIGIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(r.json().get("healed").asBoolean()).isTrue();
        assertThat(r.json().get("version").asInt()).isEqualTo(1);

        // the delivery cache is invalidated: the next delivery carries the refreshed anchor
        assertThat(server.http().get(path, "If-None-Match", etag).status()).isEqualTo(200);
        assertThat(delivered(id).get("anchor").get("props").get("text").asText()).isEqualTo("Save changes");
        JsonNode history = versions(id);
        assertThat(history.get("anchor").get("props").get("text").asText()).isEqualTo("Save changes");
        assertThat(history.get("previous")).hasSize(1);
        assertThat(history.get("previous").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(history.get("previous").get(0).get("anchor").get("props").get("text").asText()).isEqualTo("Save");
        assertThat(history.get("previous").get(0).get("replacedAt").asText()).isNotBlank();
        // the tip itself is not a new version: an author's open editor is not invalidated by healing
        assertThat(author.get("/api/v1/tips/" + id).json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aRefreshThatBreaksASafetyRuleIsRefusedAndWritesNothing() {
        Map<String, Object> stored = anchor("stage-next", "Next stage", List.of("btn"));
        String id = publishedTip("Refusals", stored);

        Http.Response otherTestId = refresh(id, anchor("delete-opp", "Next stage", List.of("btn")));
        assertThat(otherTestId.status()).as(otherTestId.body()).isEqualTo(422);
        assertThat(otherTestId.json().get("errors").findValuesAsText("field")).containsExactly("anchor.props.testId");

        Map<String, Object> otherTag = new HashMap<>(anchor("stage-next", "Next stage", List.of("btn")));
        otherTag.put("tag", "a");
        assertThat(refresh(id, otherTag).json().get("errors").findValuesAsText("field")).containsExactly("anchor.tag");

        Map<String, Object> unlike = new HashMap<>(anchor("stage-next", "Delete forever", List.of("danger")));
        unlike.put("context", Map.of("heading", "Danger zone", "words", List.of("irreversible"), "prevText", "Archive"));
        Http.Response tooUnlike = refresh(id, unlike);
        assertThat(tooUnlike.status()).as(tooUnlike.body()).isEqualTo(422);
        assertThat(tooUnlike.json().get("errors").findValuesAsText("field")).containsExactly("anchor");

        Http.Response notAFingerprint = refresh(id, Map.of("tag", "button"));
        assertThat(notAFingerprint.status()).isEqualTo(422);
        assertThat(notAFingerprint.json().get("errors").findValuesAsText("field")).contains("anchor.v");

        Http.Response foreign = refresh(id, anchor("stage-next", "Next step", List.of("btn")), "Origin", "https://evil.example.net");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();

        String big = "x".repeat(9000);
        Http.Response tooLarge = refresh(id, anchor("stage-next", "Next step", List.of(big)));
        assertThat(tooLarge.status()).isEqualTo(413);

        Http.Response wrongKey = server.http().post("/api/v1/anchor-refreshes?key=no-such-key",
                Map.of("tipId", id, "anchor", anchor("stage-next", "Next step", List.of("btn"))));
        assertThat(wrongKey.status()).isEqualTo(404);

        String draft = author.post("/api/v1/tips", Map.of("appId", appId, "title", "Draft", "body", "x", "presentation", "tooltip",
                "placement", "right", "pageRule", "/heal/*", "anchor", stored)).json().get("id").asText();
        assertThat(refresh(draft, anchor("stage-next", "Next step", List.of("btn"))).status()).isEqualTo(404);

        // nothing of the refused refreshes was written
        JsonNode history = versions(id);
        assertThat(history.get("previous")).isEmpty();
        assertThat(history.get("anchor").get("props").get("text").asText()).isEqualTo("Next stage");

        // one refresh an hour per tip: the second is refused, and its anchor is not written either
        assertThat(refresh(id, anchor("stage-next", "Next step", List.of("btn"))).status()).isEqualTo(200);
        Http.Response again = refresh(id, anchor("stage-next", "Go to next step", List.of("btn")));
        assertThat(again.status()).as(again.body()).isEqualTo(429);
        assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(3000, 3600);
        history = versions(id);
        assertThat(history.get("previous")).hasSize(1);
        assertThat(history.get("anchor").get("props").get("text").asText()).isEqualTo("Next step");
    }

    @Test
    void anAppThatTurnsHealingOffRefusesRefreshes() {
        String id = publishedTip("Setting", anchor("close-opp", "Close", List.of("btn")));
        assertThat(admin.get("/api/v1/apps/" + appId).json().get("anchorHealing").asBoolean()).isTrue();
        Http.Response off = admin.patch("/api/v1/apps/" + appId, Map.of("anchorHealing", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("anchorHealing").asBoolean()).isFalse();
        try {
            Http.Response refused = refresh(id, anchor("close-opp", "Close deal", List.of("btn")));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            JsonNode app = server.http().get("/api/v1/delivery?key=" + siteKey + "&url=https%3A%2F%2Fcrm.example.com%2Fheal%2F1").json().get("app");
            assertThat(app.get("anchorHealing").asBoolean()).as("the overlay is told not to offer refreshes").isFalse();
            assertThat(versions(id).get("previous")).isEmpty();
            assertThat(delivered(id).get("anchor").get("props").get("text").asText()).isEqualTo("Close");
        } finally {
            admin.patch("/api/v1/apps/" + appId, Map.of("anchorHealing", true));
        }
        assertThat(refresh(id, anchor("close-opp", "Close deal", List.of("btn"))).status()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/delivery?key=" + siteKey + "&url=https%3A%2F%2Fcrm.example.com%2Fheal%2F1").json()
                .get("app").get("anchorHealing").asBoolean()).isTrue();
    }
}
