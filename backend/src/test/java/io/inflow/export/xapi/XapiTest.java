package io.inflow.export.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.inflow.analytics.Rollups;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.events.Event;
import io.inflow.events.EventBatch;
import io.inflow.events.Digest;
import io.inflow.events.Events;
import io.inflow.events.WriteGate;
import io.inflow.export.EventFeed;
import io.inflow.export.HttpDelivery;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.testing.Databases;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class XapiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOME = "https://crm.example.com";
    private final Statements statements = new Statements(JSON, "https://inflow.example.com/", app -> HOME);

    private static Event event(String type, String tip, String data) {
        return new Event(UUID.randomUUID().toString(), "app_1", type, tip, "h4sh3dl34rn3r", "2026-11-23T10:15:30.123Z",
                "2026-11-23T10:15:31.000Z", "https://crm.example.com/opportunities/7", data);
    }

    @Test
    void everyLearningEventBecomesAStatementThatKeepsTheRules() {
        List<Event> events = List.of(
                event("tip_shown", "tip_1", null),
                event("tip_dismissed", "tip_1", "{\"how\":\"close\"}"),
                event("tip_completed", "tip_1", null),
                event("link_opened", "tip_1", "{\"url\":\"https://wiki\"}"),
                event("helpful_vote", "tip_1", "{\"helpful\":false}"),
                event("check_answered", "tip_1", "{\"correct\":true,\"optionIds\":[\"o2\",\"o3\"]}"),
                event("check_answered", "tip_1", "{\"correct\":false,\"optionIds\":[\"o1\"]}"),
                event("step_viewed", null, "{\"walkthroughId\":\"wt 1\",\"step\":2}"),
                event("walkthrough_completed", null, "{\"walkthroughId\":\"wt 1\"}"));
        for (Event e : events) {
            ObjectNode s = statements.of(e).orElseThrow();
            assertThat(XapiRules.violations(s)).as(e.type() + ": " + s).isEmpty();
            assertThat(s.get("id").asText()).isEqualTo(e.id());
            assertThat(s.at("/actor/account/homePage").asText()).isEqualTo(HOME);
            assertThat(s.at("/actor/account/name").asText()).isEqualTo("h4sh3dl34rn3r");
            assertThat(s.at("/verb/id").asText()).startsWith("http://adlnet.gov/expapi/verbs/");
            assertThat(s.get("timestamp").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        }
        assertThat(statements.of(events.get(0)).orElseThrow().at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/experienced");
        assertThat(statements.of(events.get(0)).orElseThrow().at("/object/id").asText()).isEqualTo("https://inflow.example.com/xapi/activities/tips/tip_1");
        ObjectNode right = statements.of(events.get(5)).orElseThrow();
        assertThat(right.at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/answered");
        assertThat(right.at("/result/success").asBoolean()).isTrue();
        assertThat(right.at("/result/score/scaled").asDouble()).isEqualTo(1.0);
        assertThat(right.at("/result/response").asText()).isEqualTo("o2[,]o3");
        assertThat(statements.of(events.get(6)).orElseThrow().at("/result/score/scaled").asDouble()).isEqualTo(0.0);
        assertThat(statements.of(events.get(7)).orElseThrow().at("/object/id").asText())
                .isEqualTo("https://inflow.example.com/xapi/activities/walkthroughs/wt%201/steps/2");
        // the same tip is the same activity in every statement
        assertThat(statements.of(events.get(2)).orElseThrow().at("/object/id")).isEqualTo(statements.of(events.get(0)).orElseThrow().at("/object/id"));
        assertThat(statements.of(event("search", null, "{\"query\":\"x\",\"results\":0}"))).isEmpty();
        assertThat(statements.of(new Event(UUID.randomUUID().toString(), "app_1", "tip_shown", "tip_1", null, "2026-11-23T10:15:30.123Z",
                "2026-11-23T10:15:31.000Z", null, null))).as("no learner, no actor").isEmpty();
    }

    @Test
    void theRulesCatchABrokenStatement() throws Exception {
        JsonNode bad = JSON.readTree("""
                {"id": "not-a-uuid", "actor": {"mbox": "mailto:a@b", "account": {"homePage": "crm", "name": ""}},
                 "verb": {"id": "answered", "display": {"english": "answered"}},
                 "object": {"id": "tip 1"}, "result": {"score": {"scaled": 2, "raw": 5, "min": 0, "max": 1}, "success": "yes"},
                 "timestamp": "yesterday", "context": {"extensions": {"url": null}}}""");
        assertThat(XapiRules.violations(bad)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void theLrsReceivesEveryStatementExactlyOnceThoughItFailsMidWay() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger requests = new AtomicInteger();
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        HttpServer lrs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString("inflow:s3cret".getBytes(StandardCharsets.UTF_8));
        lrs.createContext("/xapi/statements", exchange -> {
            int n = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || !"1.0.3".equals(exchange.getRequestHeaders().getFirst("X-Experience-API-Version"))) {
                status = 401;
            } else if (n == 3) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                status = 503; // a passing hiccup: retried at once
            } else if (n >= 6 && n <= 8) {
                status = 500; // down for longer than the push retries: the run stops
            } else {
                JsonNode batch = JSON.readTree(body);
                for (JsonNode s : batch) {
                    List<String> wrong = XapiRules.violations(s);
                    if (!wrong.isEmpty()) {
                        refusals.add(wrong.toString());
                    }
                    received.add(s.get("id").asText());
                }
                status = 200;
            }
            if (status != 200) {
                refusals.add("request " + n + ": " + status);
            }
            byte[] answer = status == 200 ? "[]".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        lrs.start();
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(Databases.sqlite())) {
            App app = new Apps(db, new Ids(clock), clock, JSON).create("CRM", List.of(HOME));
            Rollups rollups = new Rollups(JSON);
            Events events = new Events(db, clock, new WriteGate(4, 1), rollups, new Digest(db, List.of(rollups)),
                    new io.inflow.learners.LearnerTraits(JSON));
            Set<String> expected = new TreeSet<>();
            ingest(events, app, 130, expected);
            LrsPush push = new LrsPush(new EventFeed(db, clock, Duration.ZERO), new Statements(JSON, "https://inflow.example.com", a -> HOME),
                    JSON, new HttpDelivery(HttpClient.newHttpClient(), 3, Duration.ofMillis(10)), 20);
            LrsPush.Target target = new LrsPush.Target("http://127.0.0.1:" + lrs.getAddress().getPort() + "/xapi/", "inflow", "s3cret");

            EventFeed.Outcome first = push.push(target);
            assertThat(first.failure()).contains("answered 500").contains("3 attempts");
            assertThat(received).hasSizeLessThan(expected.size()).isNotEmpty();

            ingest(events, app, 40, expected); // more arrive while the LRS is down
            Thread.sleep(5);
            EventFeed.Outcome second = push.push(target);
            assertThat(second.failure()).isNull();
            assertThat(push.push(target).delivered()).as("nothing left to send").isZero();

            assertThat(received).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(received)).isEqualTo(expected);
            assertThat(refusals).containsExactly("request 3: 503", "request 6: 500", "request 7: 500", "request 8: 500");
        } finally {
            lrs.stop(0);
        }
    }

    /** Events of several learners, a third of them searches (which make no statement). */
    private static void ingest(Events events, App app, int count, Set<String> statementIds) {
        List<EventBatch.Incoming> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            boolean search = i % 3 == 0;
            batch.add(new EventBatch.Incoming(id, search ? "search" : "tip_shown", search ? null : "tip_" + (i % 4),
                    Instant.now().toString(), "https://crm.example.com/x", search ? JSON.valueToTree(Map.of("query", "q", "results", 0)) : null));
            if (!search) {
                statementIds.add(id);
            }
            if (batch.size() == 25 || i == count - 1) {
                events.ingest(app, new EventBatch(app.siteKey(), "learner-" + i, batch));
                batch = new ArrayList<>();
            }
        }
    }
}
