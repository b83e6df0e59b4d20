package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authoring studio's API on a real server: versions, restore, preview delivery, media, search, accounts. It adds
 * these to {@link ApiContract}, so one server and one database per store serve both (SqliteApiTest, PostgresApiTest).
 */
abstract class AuthoringApiContract extends ApiContract {
    Http analyst;

    @BeforeAll
    void signInAnalyst() {
        analyst = server.signedIn("analyst");
    }

    private List<JsonNode> versions(Http who, String id) {
        Http.Response r = who.get("/api/v1/tips/" + id + "/versions");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void everySaveIsAVersionWithWhoWhenAndWhatChanged() {
        String id = create(tip("Amount", "/orders/:id", "Enter the **net** amount."));
        Map<String, Object> edit = tip("Amount in EUR", "/orders/:id", "Enter the **net** amount.");
        assertThat(admin.put("/api/v1/tips/" + id, edit, "If-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);

        List<JsonNode> versions = versions(analyst, id);
        assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(3, 2, 1);
        assertThat(versions).extracting(v -> v.get("change").asText()).containsExactly("published", "edited", "created");
        JsonNode edited = versions.get(1);
        assertThat(edited.get("by").asText()).isEqualTo(Server.ADMIN_EMAIL);
        assertThat(edited.get("changedFields")).extracting(JsonNode::asText).containsExactly("title");
        assertThat(edited.get("tip").get("title").asText()).isEqualTo("Amount in EUR");
        assertThat(edited.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(versions.get(0).get("changedFields")).extracting(JsonNode::asText).containsExactly("status");
        assertThat(versions.get(2).get("tip").get("title").asText()).isEqualTo("Amount");
        assertThat(versions.get(2).get("by").asText()).startsWith("author-");
    }

    @Test
    void restoringAnOldVersionBringsBackItsContentAsANewVersion() {
        String id = create(tip("First words", "/a", "The **first** body."));
        Map<String, Object> second = tip("Second words", "/b/:id", "The second body.");
        second.put("learnMore", Map.of("url", "https://wiki.example.com/x", "label", "Wiki"));
        assertThat(author.put("/api/v1/tips/" + id, second).status()).isEqualTo(200);
        assertThat(author.post("/api/v1/tips/" + id + "/publish", null).status()).isEqualTo(200);

        Http.Response restored = author.post("/api/v1/tips/" + id + "/versions/1/restore", null, "If-Match", "\"3\"");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        JsonNode tip = restored.json();
        assertThat(tip.get("version").asInt()).isEqualTo(4);
        assertThat(restored.header("ETag")).isEqualTo("\"4\"");
        assertThat(tip.get("title").asText()).isEqualTo("First words");
        assertThat(tip.get("bodyHtml").asText()).contains("<strong>first</strong>");
        assertThat(tip.get("pageRule").asText()).isEqualTo("/a");
        assertThat(tip.get("learnMore").isNull()).isTrue();
        assertThat(tip.get("status").asText()).as("restore keeps the status").isEqualTo("published");

        JsonNode newest = versions(author, id).get(0);
        assertThat(newest.get("change").asText()).isEqualTo("restored version 1");
        assertThat(newest.get("changedFields")).extracting(JsonNode::asText).contains("title", "body", "pageRule", "learnMore");
    }

    @Test
    void aStaleRestoreOrAMissingVersionIsRefusedAndChangesNothing() {
        String id = create(tip("Kept", "/k", "Body."));
        assertThat(author.put("/api/v1/tips/" + id, tip("Kept too", "/k", "Body.")).status()).isEqualTo(200);
        Http.Response stale = author.post("/api/v1/tips/" + id + "/versions/1/restore", null, "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("detail").asText()).contains("version 2");
        assertThat(author.post("/api/v1/tips/" + id + "/versions/9/restore", null).status()).isEqualTo(404);
        assertThat(author.post("/api/v1/tips/" + id + "/versions/0/restore", null).status()).isEqualTo(400);
        assertThat(analyst.post("/api/v1/tips/" + id + "/versions/1/restore", null).status()).isEqualTo(403);
        assertThat(author.get("/api/v1/tips/nope/versions").status()).isEqualTo(404);
        assertThat(author.get("/api/v1/tips/" + id).json().get("title").asText()).isEqualTo("Kept too");
        assertThat(versions(author, id)).hasSize(2);
    }

    @Test
    void tipsSavedBeforeVersionsExistedKeepTheirStateWhenFirstChanged() {
        String id = create(tip("Old state", "/o", "Old body."));
        // as if the tip predates the versions table
        server.inflow.database().write(h -> h.execute("DELETE FROM tip_versions WHERE tip_id = ?", id));
        assertThat(author.put("/api/v1/tips/" + id, tip("New state", "/o", "Old body.")).status()).isEqualTo(200);
        List<JsonNode> versions = versions(author, id);
        assertThat(versions).extracting(v -> v.get("change").asText()).containsExactly("edited", "recorded");
        assertThat(versions.get(1).get("tip").get("title").asText()).isEqualTo("Old state");
        assertThat(author.post("/api/v1/tips/" + id + "/versions/1/restore", null).json().get("title").asText()).isEqualTo("Old state");
    }

    @Test
    void previewDeliveryShowsDraftsToAuthorsOnly() {
        String draft = create(tip("Draft tip", "/preview/:id", "Draft."));
        String live = create(tip("Live tip", "/preview/:id", "Live."));
        String archived = create(tip("Gone tip", "/preview/:id", "Gone."));
        author.post("/api/v1/tips/" + live + "/publish", null);
        author.post("/api/v1/tips/" + archived + "/archive", null);
        String url = "/api/v1/delivery/preview?app=" + appId + "&url="
                + encode("https://crm.example.com/preview/7");

        Http.Response r = author.get(url);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("tips").forEach(t -> ids.add(t.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(draft, live);
        assertThat(r.json().get("drafts")).extracting(JsonNode::asText).containsExactly(draft);
        assertThat(r.json().get("tips").get(0).get("body").isArray()).isTrue();

        assertThat(analyst.get(url).status()).isEqualTo(403);
        assertThat(server.http().get(url).status()).isEqualTo(401);
        assertThat(author.get("/api/v1/delivery/preview?app=nope&url=https://x.example/").status()).isEqualTo(404);
        assertThat(author.get("/api/v1/delivery/preview?app=" + appId + "&url=notaurl").status()).isEqualTo(422);
    }

    @Test
    void mediaIsStoredDeliveredAndValidatedLikeLearnMore() {
        Map<String, Object> withMedia = tip("With a picture", "/m", "Look.");
        withMedia.put("media", Map.of("type", "image", "url", "https://cdn.example.com/a.png", "alt", "The amount field"));
        String id = create(withMedia);
        JsonNode media = author.get("/api/v1/tips/" + id).json().get("media");
        assertThat(media.get("type").asText()).isEqualTo("image");
        assertThat(media.get("url").asText()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(media.get("alt").asText()).isEqualTo("The amount field");
        author.post("/api/v1/tips/" + id + "/publish", null);
        String url = "/api/v1/delivery/preview?app=" + appId + "&url=" + encode("https://crm.example.com/m");
        assertThat(author.get(url).json().get("tips").get(0).get("media").get("type").asText()).isEqualTo("image");

        Map<String, Object> bad = tip("Bad media", "/m", "x");
        bad.put("media", Map.of("type", "audio", "url", "javascript:alert(1)"));
        Http.Response refused = author.post("/api/v1/tips", bad);
        assertThat(refused.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("media.type", "media.url");
    }

    @Test
    void listFindsTipsByWordsInTheTitleAndTextInThePageRule() {
        String word = "Zq" + System.nanoTime();
        String a = create(tip("Net " + word + " 100%_x", "/quotes-" + word + "/:id", "x"));
        String b = create(tip("Gross " + word, "/orders-" + word + "/:id", "x"));
        create(tip("Net " + word + " 100 x", "/quotes-" + word + "/:id", "x"));
        assertThat(ids("?limit=200&q=" + encode(word.toUpperCase() + " 100%_")))
                .as("case-insensitive; % and _ are literal").containsExactly(a);
        assertThat(ids("?limit=200&q=" + word + "&page=%2Forders-" + word.toLowerCase())).containsExactly(b);
        assertThat(author.get("/api/v1/tips?q=" + "x".repeat(201)).status()).isEqualTo(422);
    }

    private List<String> ids(String query) {
        Http.Response r = author.get("/api/v1/tips" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        r.json().get("items").forEach(t -> found.add(t.get("id").asText()));
        return found;
    }

    @Test
    void adminsChangeRolesAndRemoveAccountsButNeverTheLastAdmin() {
        String email = "writer-" + System.nanoTime() + "@example.com";
        JsonNode created = admin.post("/api/v1/accounts", Map.of("email", email, "name", "Writer", "role", "author",
                "password", "long enough password")).json();
        String id = created.get("id").asText();
        Http writer = server.http();
        writer.signIn(email, "long enough password");
        String token = writer.post("/api/v1/tokens", Map.of("name", "t")).json().get("token").asText();
        Http.Response written = writer.post("/api/v1/tips", tip("Kept after removal", "/r", "x"));
        assertThat(written.status()).isEqualTo(201);
        String tip = written.json().get("id").asText();
        assertThat(writer.put("/api/v1/tips/" + tip, tip("Edited by the writer", "/r", "x")).status()).isEqualTo(200);

        Http.Response changed = admin.patch("/api/v1/accounts/" + id, Map.of("role", "analyst"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("analyst");
        assertThat(writer.put("/api/v1/tips/" + tip, tip("Analysts cannot", "/r", "x")).status()).isEqualTo(403);
        assertThat(admin.patch("/api/v1/accounts/" + id, Map.of("role", "owner")).status()).isEqualTo(422);
        assertThat(author.patch("/api/v1/accounts/" + id, Map.of("role", "admin")).status()).isEqualTo(403);

        String adminId = admin.get("/api/v1/session").json().get("id").asText();
        assertThat(admin.patch("/api/v1/accounts/" + adminId, Map.of("role", "author")).status()).as("last admin").isEqualTo(409);
        assertThat(admin.delete("/api/v1/accounts/" + adminId).status()).as("own account").isEqualTo(409);

        assertThat(admin.delete("/api/v1/accounts/" + id).status()).isEqualTo(204);
        assertThat(writer.get("/api/v1/session").status()).as("its session ends").isEqualTo(401);
        assertThat(server.http().get("/api/v1/session", "Authorization", "Bearer " + token).status()).as("its tokens stop").isEqualTo(401);
        assertThat(author.get("/api/v1/tips/" + tip).status()).as("its tips stay").isEqualTo(200);
        assertThat(versions(author, tip).get(0).get("by").asText()).isEqualTo(email);
        assertThat(admin.delete("/api/v1/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void theOverlayIntegrityIsTheSha384OfTheServedScript() throws Exception {
        JsonNode overlay = analyst.get("/api/v1/overlay").json();
        Http.Response script = server.http().get(overlay.get("path").asText());
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Access-Control-Allow-Origin")).as("an integrity-checked script is fetched with CORS").isEqualTo("*");
        byte[] bytes = script.body().getBytes(StandardCharsets.UTF_8);
        String expected = "sha384-" + java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-384").digest(bytes));
        assertThat(overlay.get("integrity").asText()).isEqualTo(expected);
        // the extra bundle the overlay loads on first use: fetched with CORS too, and checked against the hash inflow.js carries
        Http.Response more = server.http().get("/inflow-more.js");
        assertThat(more.status()).isEqualTo(200);
        assertThat(more.header("Access-Control-Allow-Origin")).isEqualTo("*");
        String moreHash = "sha384-" + java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-384").digest(more.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(script.body()).as("inflow.js loads inflow-more.js with its integrity hash").contains(moreHash);
    }
}
