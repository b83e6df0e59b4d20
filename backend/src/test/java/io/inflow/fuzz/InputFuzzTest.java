package io.inflow.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated input for the public endpoints (delivery, events) and the main
 * authoring endpoints (tips, apps): never a 5xx, and a refused request changes no row.
 */
class InputFuzzTest {
    private static Server server;
    private static Http author;
    private static Http admin;
    private static String siteKey;
    private static String appId;

    @BeforeContainer
    static void start() {
        server = Server.start(Databases.sqlite(), false);
        admin = server.admin();
        author = server.signedIn("author");
        JsonNode app = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
        siteKey = app.get("siteKey").asText();
        appId = app.get("id").asText();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    private static long rows(String table) {
        long count = server.inflow.database().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
        return count;
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.of("", " ", "null", "/", "//", "/a/:", "/a/:id/:id", "*", "javascript:alert(1)", "http://", "https://x/%zz",
                        "<script>alert(1)</script>", "\u0000", "\uD800", "💥".repeat(40), "9".repeat(400), "' OR 1=1 --",
                        "https://crm.example.com/opportunities/1", "/opportunities/:id", "tip_shown", "tooltip", "modal", "x".repeat(5000)));
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                text().map(s -> (JsonNode) Http.JSON.getNodeFactory().textNode(s)),
                Arbitraries.longs().map(n -> (JsonNode) Http.JSON.getNodeFactory().numberNode(n)),
                Arbitraries.doubles().map(n -> (JsonNode) Http.JSON.getNodeFactory().numberNode(n)),
                Arbitraries.of(true, false).map(b -> (JsonNode) Http.JSON.getNodeFactory().booleanNode(b)),
                Arbitraries.just(Http.JSON.getNodeFactory().nullNode()));
        return Arbitraries.recursive(() -> leaf, this::nest, 3);
    }

    private Arbitrary<JsonNode> nest(Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = Http.JSON.createArrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                Arbitraries.of("key", "events", "id", "type", "at", "title", "body", "pageRule", "presentation", "anchor",
                        "learnMore", "appId", "name", "allowedOrigins", "data", "url", "learnerId", "tipId", "x").list().ofMaxSize(5),
                inner.list().ofSize(5)).as((keys, values) -> {
                    ObjectNode o = Http.JSON.createObjectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.oneOf(array, object);
    }

    /** A valid tip with one field replaced by something random, or dropped. */
    @Provide
    Arbitrary<JsonNode> mutatedTip() {
        return Combinators.combine(Arbitraries.of("appId", "title", "body", "presentation", "placement", "pageRule", "anchor", "learnMore"),
                anyJson(), Arbitraries.of(true, false)).as((field, value, drop) -> {
                    ObjectNode tip = Http.JSON.valueToTree(Map.of("appId", appId, "title", "T", "body", "B", "presentation", "tooltip",
                            "placement", "auto", "pageRule", "/x/:id", "anchor", Map.of("v", 1, "tag", "input")));
                    if (drop) {
                        tip.remove(field);
                    } else {
                        tip.set(field, value);
                    }
                    return tip;
                });
    }

    /** A valid batch with one event field replaced by something random. */
    @Provide
    Arbitrary<JsonNode> mutatedBatch() {
        return Combinators.combine(Arbitraries.of("id", "type", "tipId", "at", "url", "data", "x"), anyJson()).as((field, value) -> {
            ObjectNode event = Http.JSON.valueToTree(Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown",
                    "at", java.time.Instant.now().toString()));
            event.set(field, value);
            ObjectNode batch = Http.JSON.createObjectNode().put("key", siteKey);
            batch.putArray("events").add(event).add(Http.JSON.valueToTree(Map.of("id", UUID.randomUUID().toString(),
                    "type", "tip_dismissed", "at", java.time.Instant.now().toString())));
            return batch;
        });
    }

    @Property(tries = 150)
    void tipsNeverFailServerSideAndRefusalsWriteNothing(@ForAll("mutatedTip") JsonNode tip) {
        long before = rows("tips");
        Http.Response r = author.post("/api/v1/tips", tip.toString());
        assertThat(r.status()).as(r.body()).isLessThan(500);
        if (r.status() != 201) {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(rows("tips")).isEqualTo(before);
        } else {
            assertThat(rows("tips")).isEqualTo(before + 1);
        }
    }

    @Property(tries = 150)
    void eventBatchesAreWrittenWholeOrNotAtAll(@ForAll("mutatedBatch") JsonNode batch) {
        long before = rows("events");
        Http.Response r = server.http().post("/api/v1/events", batch.toString(), "Content-Type", "text/plain");
        assertThat(r.status()).as(r.body()).isLessThan(500);
        assertThat(rows("events")).isEqualTo(r.status() == 200 ? before + r.json().get("accepted").asLong() : before);
        if (r.status() == 200) {
            assertThat(r.json().get("accepted").asLong() + r.json().get("duplicates").asLong()).isEqualTo(2);
        }
    }

    @Property(tries = 150)
    void anyBodyAnywhereIsAnsweredWithoutAServerError(@ForAll("anyJson") JsonNode body,
                                                     @ForAll("endpoint") String endpoint) {
        long tips = rows("tips");
        long apps = rows("apps");
        Http.Response r = (endpoint.startsWith("/api/v1/apps") ? admin : author).post(endpoint, body.toString());
        assertThat(r.status()).as(endpoint + " " + r.body()).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(rows("tips")).isEqualTo(tips);
            assertThat(rows("apps")).isEqualTo(apps);
        }
    }

    @Provide
    Arbitrary<String> endpoint() {
        return Arbitraries.of("/api/v1/events", "/api/v1/tips", "/api/v1/apps", "/api/v1/render", "/api/v1/session", "/api/v1/tokens");
    }

    @Property(tries = 200)
    void deliveryAnswersAnyQueryWithoutAServerError(@ForAll("text") String key, @ForAll("text") String url, @ForAll boolean realKey) {
        String query = "?key=" + URLEncoder.encode(realKey ? siteKey : key, StandardCharsets.UTF_8) + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
        Http.Response r = server.http().get("/api/v1/delivery" + query);
        assertThat(r.status()).as(r.body()).isIn(200, 404, 422);
    }
}
