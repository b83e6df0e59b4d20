package io.inflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.events.Digest;
import io.inflow.events.EventBatch;
import io.inflow.events.Events;
import io.inflow.events.WriteGate;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollups kept while events arrive, against a real store; run once per database. */
abstract class RollupContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TIPS = List.of("tip_a", "tip_b", "tip_c", "tip_d");
    private static final List<String> TERMS = List.of("Refund", "refund ", "invoice  date", "VAT", "discount");

    Database db;
    Rollups rollups;
    Digest digest;
    Analytics analytics;
    App app;

    abstract String databaseUrl();

    /** An event as the overlay makes it, with its learner. */
    record Made(String learner, EventBatch.Incoming event) {}

    @BeforeEach
    void open() {
        db = Database.open(databaseUrl());
        rollups = new Rollups(JSON);
        digest = new Digest(db, List.of(rollups));
        analytics = new Analytics(db, rollups, digest);
        app = new Apps(db, new Ids(CLOCK), CLOCK, JSON).create("CRM", List.of("https://crm.example.com"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Events events(WriteGate gate) {
        return new Events(db, CLOCK, gate, rollups, digest, new LearnerTraits(JSON));
    }

    private static List<Made> sample(long seed, int count) {
        Random random = new Random(seed);
        List<Made> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String learner = "learner-" + random.nextInt(12);
            String at = Instant.parse("2026-11-17T00:00:00Z").plusSeconds(random.nextInt(3 * 86_400)).toString();
            String tip = TIPS.get(random.nextInt(TIPS.size()));
            int kind = random.nextInt(11);
            String type;
            JsonNode data = null;
            switch (kind) {
                case 0 -> type = "tip_dismissed";
                case 1 -> type = "tip_completed";
                case 2 -> { type = "helpful_vote"; data = JSON.valueToTree(Map.of("helpful", random.nextBoolean())); }
                case 3 -> { type = "check_answered"; data = JSON.valueToTree(Map.of("correct", random.nextBoolean(), "optionIds", List.of("o1"))); }
                case 4 -> { type = "link_opened"; data = JSON.valueToTree(Map.of("url", "https://wiki.example.com")); }
                case 5 -> { type = "anchor_missing"; data = JSON.valueToTree(Map.of("reason", "not_found")); }
                case 6 -> {
                    type = "search";
                    tip = null;
                    data = JSON.valueToTree(Map.of("query", TERMS.get(random.nextInt(TERMS.size())), "results", random.nextInt(3)));
                }
                case 7 -> {
                    type = "step_viewed";
                    tip = null;
                    data = JSON.valueToTree(Map.of("walkthroughId", "wt_" + random.nextInt(2), "step", random.nextInt(4)));
                }
                case 8 -> {
                    type = random.nextInt(3) == 0 ? "walkthrough_completed" : "tip_shown";
                    if (type.equals("walkthrough_completed")) {
                        tip = null;
                        data = JSON.valueToTree(Map.of("walkthroughId", "wt_" + random.nextInt(2)));
                    }
                }
                case 10 -> {
                    type = "page_viewed";
                    tip = "";
                    // the overlay sends the path; an event without one counts under its URL's path
                    data = random.nextBoolean() ? JSON.valueToTree(Map.of("path", "/accounts/" + random.nextInt(3))) : null;
                }
                default -> type = "tip_shown";
            }
            made.add(new Made(learner, new EventBatch.Incoming(UUID.randomUUID().toString(), type, tip, at,
                    "https://crm.example.com/opportunities/" + random.nextInt(5), data)));
        }
        return made;
    }

    /** Sends events as overlays would: one learner per batch, in random sizes and order. */
    private void send(Events events, List<Made> made, Random random) {
        send(events, made, random, learner -> null);
    }

    /** The same, each batch with the traits its learner was identified with. */
    private void send(Events events, List<Made> made, Random random, java.util.function.Function<String, Map<String, String>> traits) {
        Map<String, List<EventBatch.Incoming>> byLearner = new LinkedHashMap<>();
        made.forEach(m -> byLearner.computeIfAbsent(m.learner(), k -> new ArrayList<>()).add(m.event()));
        List<Map.Entry<String, List<EventBatch.Incoming>>> learners = new ArrayList<>(byLearner.entrySet());
        Collections.shuffle(learners, random);
        for (var entry : learners) {
            List<EventBatch.Incoming> list = new ArrayList<>(entry.getValue());
            Collections.shuffle(list, random);
            for (int i = 0; i < list.size(); ) {
                int n = 1 + random.nextInt(25);
                events.ingest(app, new EventBatch(app.siteKey(), entry.getKey(), null, list.subList(i, Math.min(list.size(), i + n)), null,
                        traits.apply(entry.getKey())));
                i += n;
            }
        }
    }

    private static long count(List<Made> made, String tip, String type, java.util.function.Predicate<JsonNode> data) {
        return made.stream().filter(m -> type.equals(m.event().type()) && tip.equals(m.event().tipId()) && data.test(m.event().data())).count();
    }

    @Test
    void rollupsMatchTheEventsWhateverTheBatchingAndReplaysChangeNothing() {
        List<Made> made = sample(7, 1_500);
        Events events = events(new WriteGate(4, 1));
        Random random = new Random(11);
        send(events, made, random);
        Map<String, List<List<String>>> before = snapshot();
        // the same events again, differently batched: the overlay retried after a lost acknowledgement
        send(events, made, random);
        send(events, made.subList(100, 400), random);
        assertThat(snapshot()).isEqualTo(before);

        AnalyticsFilter all = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null);
        Map<String, Map<String, Object>> tips = analytics.tips(all).items().stream()
                .collect(Collectors.toMap(r -> (String) r.get("tipId"), r -> r));
        assertThat(tips.keySet()).containsExactlyInAnyOrderElementsOf(TIPS);
        for (String tip : TIPS) {
            Map<String, Object> row = tips.get(tip);
            assertThat(row.get("shown")).as(tip).isEqualTo(count(made, tip, "tip_shown", d -> true));
            assertThat(row.get("dismissed")).isEqualTo(count(made, tip, "tip_dismissed", d -> true));
            assertThat(row.get("completed")).isEqualTo(count(made, tip, "tip_completed", d -> true));
            assertThat(row.get("linksOpened")).isEqualTo(count(made, tip, "link_opened", d -> true));
            assertThat(row.get("anchorMissing")).isEqualTo(count(made, tip, "anchor_missing", d -> true));
            assertThat(row.get("helpfulYes")).isEqualTo(count(made, tip, "helpful_vote", d -> d.get("helpful").asBoolean()));
            assertThat(row.get("helpfulNo")).isEqualTo(count(made, tip, "helpful_vote", d -> !d.get("helpful").asBoolean()));
            assertThat(row.get("checksRight")).isEqualTo(count(made, tip, "check_answered", d -> d.get("correct").asBoolean()));
            assertThat(row.get("checksWrong")).isEqualTo(count(made, tip, "check_answered", d -> !d.get("correct").asBoolean()));
            long learners = made.stream().filter(m -> m.event().type().equals("tip_shown") && tip.equals(m.event().tipId()))
                    .map(Made::learner).distinct().count();
            assertThat(row.get("learners")).isEqualTo(learners);
            long shown = (Long) row.get("shown");
            long missing = (Long) row.get("anchorMissing");
            assertThat((Double) row.get("anchorFoundRate")).isCloseTo((double) shown / (shown + missing), org.assertj.core.data.Offset.offset(1e-9));
        }

        // per day: unique learners who saw any tip that day
        Map<String, Long> learnersPerDay = made.stream().filter(m -> m.event().type().equals("tip_shown"))
                .collect(Collectors.groupingBy(m -> m.event().at().substring(0, 10), TreeMap::new,
                        Collectors.mapping(Made::learner, Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        Map<String, Object> days = analytics.days(all).items().stream()
                .collect(Collectors.toMap(r -> (String) r.get("day"), r -> r.get("learners"), (a, b) -> a, TreeMap::new));
        assertThat(days).isEqualTo(new TreeMap<>(learnersPerDay));

        // searches: terms compared case-blind with white space collapsed
        Map<String, long[]> terms = new TreeMap<>();
        made.stream().filter(m -> m.event().type().equals("search")).forEach(m -> {
            long[] c = terms.computeIfAbsent(m.event().data().get("query").asText().trim().toLowerCase().replaceAll("\\s+", " "), k -> new long[2]);
            c[0]++;
            if (m.event().data().get("results").asInt() == 0) {
                c[1]++;
            }
        });
        assertThat(terms).containsKeys("refund", "invoice date", "vat").doesNotContainKey("Refund");
        Map<String, List<Long>> searched = analytics.searches(all, 100).items().stream().collect(Collectors.toMap(
                r -> (String) r.get("term"), r -> List.of((Long) r.get("searches"), (Long) r.get("noResult"))));
        assertThat(searched).isEqualTo(terms.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()[0], e.getValue()[1]))));

        // walkthrough funnels: reached a step; went on = reached a later one or finished
        Map<String, Set<Integer>> stepsOf = new HashMap<>();
        Set<String> finished = new TreeSet<>();
        for (Made m : made) {
            if (m.event().type().equals("step_viewed")) {
                stepsOf.computeIfAbsent(m.event().data().get("walkthroughId").asText() + "|" + m.learner(), k -> new TreeSet<>())
                        .add(m.event().data().get("step").asInt());
            } else if (m.event().type().equals("walkthrough_completed")) {
                finished.add(m.event().data().get("walkthroughId").asText() + "|" + m.learner());
            }
        }
        Map<String, List<Long>> funnel = new TreeMap<>();
        stepsOf.forEach((key, steps) -> {
            String walkthrough = key.substring(0, key.indexOf('|'));
            int last = Collections.max(steps);
            for (int step : steps) {
                List<Long> row = funnel.computeIfAbsent(walkthrough + "#" + step, k -> new ArrayList<>(List.of(0L, 0L)));
                row.set(0, row.get(0) + 1);
                if (step < last || finished.contains(key)) {
                    row.set(1, row.get(1) + 1);
                }
            }
        });
        Map<String, List<Long>> reported = new TreeMap<>();
        for (Map<String, Object> row : analytics.walkthroughs(all).items()) {
            reported.put(row.get("walkthroughId") + "#" + row.get("step"), List.of((Long) row.get("reached"), (Long) row.get("completed")));
            assertThat((Long) row.get("dropped")).isEqualTo((Long) row.get("reached") - (Long) row.get("completed"));
        }
        assertThat(reported).isEqualTo(funnel);
        assertThat(funnel).hasSizeGreaterThan(4);
    }

    @Test
    void pageViewsAreCountedPerPathAndDayWithoutQueryOrFragment() {
        List<Made> made = new ArrayList<>(sample(31, 800));
        made.add(new Made("learner-1", new EventBatch.Incoming(UUID.randomUUID().toString(), "page_viewed", "", "2026-11-18T09:00:00Z",
                "https://crm.example.com/reports?owner=ann#top", null)));
        send(events(new WriteGate(4, 1)), made, new Random(3));
        Map<String, Long> expected = new TreeMap<>();
        for (Made m : made) {
            if (m.event().type().equals("page_viewed")) {
                String path = m.event().data() != null ? m.event().data().get("path").asText() : java.net.URI.create(m.event().url()).getPath();
                expected.merge(path + "|" + m.event().at().substring(0, 10), 1L, Long::sum);
            }
        }
        Map<String, Long> stored = new TreeMap<>();
        digest.catchUp();
        db.read(h -> h.createQuery("SELECT path, day, views FROM rollup_page_days WHERE app_id = :app").bind("app", app.id())
                .map((rs, c) -> stored.put(rs.getString("path") + "|" + rs.getString("day"), rs.getLong("views"))).list());
        assertThat(stored).isEqualTo(expected).containsKey("/reports|2026-11-18");
        assertThat(stored.keySet()).noneMatch(k -> k.contains("?") || k.contains("#"));
    }

    @Test
    void votesAndAnswersCountOnlyABooleanAtTheTopOfTheirData() throws Exception {
        String at = "2026-11-18T09:00:00Z";
        List<EventBatch.Incoming> sent = new ArrayList<>();
        for (String data : List.of("{\"comment\":{\"helpful\":false,\"correct\":false},\"helpful\":true}", "{\"helpful\":\"no\"}",
                "{\"helpful\":0}", "{\"why\":[false,{\"helpful\":false}]}")) {
            sent.add(new EventBatch.Incoming(UUID.randomUUID().toString(), "helpful_vote", "tip_vote", at, "https://crm.example.com/a", JSON.readTree(data)));
        }
        for (String data : List.of("{\"optionIds\":[\"o2\"],\"extra\":{\"correct\":true},\"correct\":false}", "{\"correct\":null}")) {
            sent.add(new EventBatch.Incoming(UUID.randomUUID().toString(), "check_answered", "tip_vote", at, "https://crm.example.com/a", JSON.readTree(data)));
        }
        events(new WriteGate(4, 1)).ingest(app, new EventBatch(app.siteKey(), "learner-1", null, sent, null, null));
        digest.catchUp();
        List<Long> row = db.read(h -> h.createQuery("""
                        SELECT helpful_yes, helpful_no, checks_right, checks_wrong FROM rollup_tip_days
                        WHERE app_id = :app AND tip_id = 'tip_vote' AND day = '2026-11-18'""")
                .bind("app", app.id()).map((rs, c) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).one());
        // yes, no, right, wrong: only the true vote and the wrong answer at the top of their data
        assertThat(row).containsExactly(1L, 0L, 0L, 1L);
    }

    @Test
    void aTraitThatEveryLearnerHasGivesTheUnfilteredReports() {
        List<Made> made = sample(41, 1_500);
        send(events(new WriteGate(4, 1)), made, new Random(8), learner -> Map.of("company", "acme", "team", "t" + learner.hashCode() % 3));
        for (AnalyticsFilter f : List.of(new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null),
                new AnalyticsFilter(app.id(), "2026-11-18", "2026-11-19", null))) {
            AnalyticsFilter everyone = new AnalyticsFilter(f.appId(), f.fromDay(), f.toDay(), null, new AnalyticsFilter.Trait("company", "acme"));
            assertThat(analytics.tips(everyone)).isEqualTo(analytics.tips(f));
            assertThat(analytics.days(everyone)).isEqualTo(analytics.days(f));
            assertThat(analytics.walkthroughs(everyone)).isEqualTo(analytics.walkthroughs(f));
            assertThat(analytics.searches(everyone, 3)).isEqualTo(analytics.searches(f, 3));
            assertThat(analytics.tips(f).items()).isNotEmpty();
        }
    }

    @Test
    void aTraitFilterCountsOnlyTheLearnersWithThatValue() {
        List<Made> made = sample(43, 1_200);
        java.util.function.Function<String, String> team = learner -> Integer.parseInt(learner.substring("learner-".length())) % 2 == 0 ? "support" : "sales";
        send(events(new WriteGate(4, 1)), made, new Random(9), learner -> Map.of("team", team.apply(learner)));
        AnalyticsFilter support = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null,
                new AnalyticsFilter.Trait("team", "support"));
        Map<String, Map<String, Object>> tips = analytics.tips(support).items().stream().collect(Collectors.toMap(r -> (String) r.get("tipId"), r -> r));
        for (String tip : TIPS) {
            List<Made> theirs = made.stream().filter(m -> team.apply(m.learner()).equals("support")).toList();
            assertThat(tips.get(tip).get("shown")).as(tip).isEqualTo(count(theirs, tip, "tip_shown", d -> true));
            assertThat(tips.get(tip).get("learners")).isEqualTo(theirs.stream()
                    .filter(m -> m.event().type().equals("tip_shown") && tip.equals(m.event().tipId())).map(Made::learner).distinct().count());
        }
        AnalyticsFilter nobody = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null,
                new AnalyticsFilter.Trait("team", "legal"));
        assertThat(analytics.tips(nobody).items()).isEmpty();
        // a later identify with other traits replaces them: the learner moves team
        events(new WriteGate(1, 1)).ingest(app, new EventBatch(app.siteKey(), "learner-0", null, List.of(), null, Map.of("team", "legal")));
        assertThat(analytics.tips(nobody).items()).isEmpty(); // an empty batch stores nothing
        events(new WriteGate(1, 1)).ingest(app, new EventBatch(app.siteKey(), "learner-0", null, List.of(new EventBatch.Incoming(
                UUID.randomUUID().toString(), "tip_dismissed", "tip_a", "2026-11-19T10:00:00Z", "https://crm.example.com/", null)), null,
                Map.of("team", "legal")));
        assertThat(analytics.tips(nobody).items()).isNotEmpty();
    }

    @Test
    void concurrentBatchesOnTheSameTipsAreAllCountedWithoutAFailure() throws Exception {
        List<Made> made = sample(99, 2_000);
        Events events = events(new WriteGate(16, 1));
        List<List<Made>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            parts.add(made.subList(t * 500, (t + 1) * 500));
        }
        List<CompletableFuture<Void>> senders = parts.stream()
                .map(part -> CompletableFuture.runAsync(() -> send(events, part, new Random(part.size() + part.hashCode())))).toList();
        for (CompletableFuture<Void> f : senders) {
            f.get(120, TimeUnit.SECONDS);
        }
        AnalyticsFilter all = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null);
        long shown = analytics.tips(all).items().stream().mapToLong(r -> (Long) r.get("shown")).sum();
        assertThat(shown).isEqualTo(made.stream().filter(m -> m.event().type().equals("tip_shown")).count());
        Map<String, List<List<String>>> incremental = snapshot();
        digest.settled(rollups::rebuild);
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void rebuildFromRawEventsGivesIdenticalNumbers() {
        List<Made> made = sample(23, 1_200);
        send(events(new WriteGate(4, 1)), made, new Random(5));
        Map<String, List<List<String>>> incremental = snapshot();
        assertThat(incremental.get("rollup_tip_days")).isNotEmpty();
        assertThat(digest.settled(rollups::rebuild)).isEqualTo(made.size());
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void aDayRangeAndAPageRuleNarrowTheReport() {
        List<Made> made = sample(3, 600);
        send(events(new WriteGate(4, 1)), made, new Random(1));
        AnalyticsFilter oneDay = new AnalyticsFilter(app.id(), "2026-11-18", "2026-11-19", null);
        long shown = analytics.tips(oneDay).items().stream().mapToLong(r -> (Long) r.get("shown")).sum();
        assertThat(shown).isEqualTo(made.stream().filter(m -> m.event().type().equals("tip_shown") && m.event().at().startsWith("2026-11-18")).count());
        AnalyticsFilter noSuchRule = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, "/nowhere/*");
        assertThat(analytics.tips(noSuchRule).items()).isEmpty();
    }

    @Test
    void aFullWriteQueueRefusesWith429AndRetryAfterAndStoresNothingOfThatBatch() throws Exception {
        WriteGate gate = new WriteGate(1, 3);
        Events events = events(gate);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a slow write holds the queue's only slot
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> gate.admit(() -> {
            holding.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<EventBatch.Incoming> batch = sample(2, 3).stream().map(Made::event).toList();
        assertThatThrownBy(() -> events.ingest(app, new EventBatch(app.siteKey(), "u", batch)))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(429);
                    assertThat(p.retryAfterSeconds()).isEqualTo(3);
                });
        assertThat(stored(batch.get(0).id())).isFalse();
        release.countDown();
        slow.get(20, TimeUnit.SECONDS);
        // once the queue has room again the refused batch goes through
        assertThat(events.ingest(app, new EventBatch(app.siteKey(), "u", batch)).accepted()).isEqualTo(3);
        assertThat(stored(batch.get(0).id())).isTrue();
    }

    @Test
    void aLossReportIsCountedOnceEvenWhenTheBatchIsReplayed() {
        Events events = events(new WriteGate(2, 1));
        List<EventBatch.Incoming> batch = sample(4, 2).stream().map(Made::event).toList();
        events.ingest(app, new EventBatch(app.siteKey(), "u", null, batch, 7));
        events.ingest(app, new EventBatch(app.siteKey(), "u", null, batch, 7));
        assertThat(analytics.lost(new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null))).isEqualTo(7);
        assertThatThrownBy(() -> events.ingest(app, new EventBatch(app.siteKey(), "u", null, batch, -1)))
                .isInstanceOf(Problem.class).extracting(p -> ((Problem) p).status()).isEqualTo(422);
    }

    private boolean stored(String id) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE id = :id").bind("id", id).mapTo(Integer.class).one()) == 1;
    }

    /** Every rollup table, rows as text in a fixed order. */
    @Test
    void theDigestFoldsAfterTheIngestCommitAndReadsCatchItUp() {
        List<Made> made = sample(41, 400);
        send(events(new WriteGate(4, 1)), made, new Random(9));
        // acknowledged and stored, queued for the digest, not yet in the rollups
        assertThat(rows("events")).isEqualTo(made.size());
        assertThat(stored().get("rollup_tip_days")).isEmpty();
        assertThat(rows("digest_queue")).isPositive();
        // a report catches the digest up first, so it counts every acknowledged event
        AnalyticsFilter all = new AnalyticsFilter(app.id(), AnalyticsFilter.FIRST_DAY, AnalyticsFilter.LAST_DAY, null);
        long shown = analytics.tips(all).items().stream().mapToLong(r -> (Long) r.get("shown")).sum();
        assertThat(shown).isEqualTo(made.stream().filter(m -> m.event().type().equals("tip_shown")).count());
        assertThat(rows("digest_queue")).isZero();
        assertThat(stored()).isEqualTo(snapshot());
    }

    @Test
    void queuedEventsLeftByAStoppedServerAreFoldedOnceByTheNextDigest() throws Exception {
        List<Made> made = sample(43, 600);
        send(events(new WriteGate(4, 1)), made, new Random(11));
        // a server that died before folding: the queue survives in the database; two digests (a restarted
        // server in the background and a report run beside it) then fold it at the same time
        Digest background = new Digest(db, List.of(rollups));
        Digest report = new Digest(db, List.of(rollups));
        background.start();
        report.catchUp();
        background.close();
        assertThat(rows("digest_queue")).isZero();
        Map<String, List<List<String>>> folded = stored();
        assertThat(digest.settled(rollups::rebuild)).isEqualTo(made.size());
        assertThat(stored()).isEqualTo(folded);
    }

    @Test
    void eventsReadBackForAFoldAreExactlyTheNewEventsOfEachIngestTransaction() {
        List<Made> first = sample(51, 300);
        Events events = events(new WriteGate(4, 1));
        send(events, first, new Random(12));
        digest.catchUp();
        // batches mixing events already stored, repeated ids and new events: only the new ones are queued
        List<Made> second = sample(52, 300);
        List<EventBatch.Incoming> mixed = new ArrayList<>();
        for (int i = 0; i < second.size(); i++) {
            mixed.add(second.get(i).event());
            mixed.add(first.get(i).event());
            if (i % 7 == 0) {
                mixed.add(second.get(i).event());
            }
        }
        for (int i = 0; i < mixed.size(); i += 40) {
            events.ingest(app, new EventBatch(app.siteKey(), "learner-1", null, mixed.subList(i, Math.min(mixed.size(), i + 40)), null));
        }
        // a digest that kept nothing (another server, or this one restarted) reads every queued event back
        Recorder recorder = new Recorder();
        new Digest(db, List.of(rollups, recorder)).catchUp();
        assertThat(recorder.twice).hasValue(0);
        assertThat(recorder.folded).isEqualTo(second.stream().map(m -> m.event().id()).collect(Collectors.toSet()));
    }

    @Test
    void aQueuedRowThatNamesItsEventsByIdIsFolded() {
        // as ingestion queued them on SQLite before rows named rowids, and still does on PostgreSQL
        List<Made> made = sample(53, 50);
        events(new WriteGate(4, 1)).ingest(app, new EventBatch(app.siteKey(), "learner-2", null, made.stream().map(Made::event).toList(), null));
        List<String> ids = db.read(h -> h.createQuery("SELECT id FROM events ORDER BY id").mapTo(String.class).list());
        db.write(h -> h.execute("DELETE FROM digest_queue"));
        db.write(h -> h.createUpdate("INSERT INTO digest_queue (event_ids) VALUES (:ids)").bind("ids", String.join(",", ids)).execute());
        Recorder recorder = new Recorder();
        new Digest(db, List.of(rollups, recorder)).catchUp();
        assertThat(recorder.folded).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows("digest_queue")).isZero();
    }

    @Test
    void foldingWhileEventsArriveCountsEachOnce() throws Exception {
        List<Made> made = sample(47, 2_000);
        Events events = events(new WriteGate(16, 1));
        Digest second = new Digest(db, List.of(rollups));
        digest.start();
        second.start();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<Made> part = made.subList(t * 500, (t + 1) * 500);
            senders.add(CompletableFuture.runAsync(() -> send(events, part, new Random(part.hashCode()))));
        }
        for (CompletableFuture<Void> f : senders) {
            f.get(120, TimeUnit.SECONDS);
        }
        second.close();
        digest.close();
        Map<String, List<List<String>>> folded = stored();
        digest.settled(rollups::rebuild);
        assertThat(stored()).isEqualTo(folded);
    }

    /** A fold that records each event it is given, and whether it came through a step prepared before the writer was taken. */
    private static final class Recorder implements Digest.Fold {
        final Set<String> folded = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger twice = new java.util.concurrent.atomic.AtomicInteger();
        /** Events folded through prepared steps. */
        final java.util.concurrent.atomic.AtomicInteger preparedApplied = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void add(org.jdbi.v3.core.Handle h, List<io.inflow.events.Event> stored) {
            stored.forEach(e -> {
                if (!folded.add(e.id())) {
                    twice.incrementAndGet();
                }
            });
        }

        @Override
        public Digest.Step prepare(List<io.inflow.events.Event> stored) {
            return h -> {
                preparedApplied.addAndGet(stored.size());
                add(h, stored);
            };
        }
    }

    @Test
    void whileEventsKeepArrivingTheBackgroundDigestAppliesWhatItPreparedAndFoldsEachEventOnce() throws Exception {
        Recorder recorder = new Recorder();
        foldWhileEventsArrive(recorder, new Digest(db, List.of(rollups, recorder)));
    }

    @Test
    void eventsTooManyToKeepInMemoryAreReadBackAndPreparedOutsideTheWriterAndFoldedOnce() throws Exception {
        Recorder recorder = new Recorder();
        // keeps no more than one batch's events: nearly every queued row is read back before it is folded
        foldWhileEventsArrive(recorder, new Digest(db, List.of(rollups, recorder), 200));
    }

    private void foldWhileEventsArrive(Recorder recorder, Digest background) throws Exception {
        Events events = new Events(db, CLOCK, new WriteGate(16, 1), rollups, background, new LearnerTraits(JSON));
        background.start();
        List<Made> made = new ArrayList<>();
        // senders keep committing while the digest prepares: a round must still fold the rows it prepared for,
        // not give its preparation up because newer rows were queued meanwhile
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int round = 0; System.nanoTime() < until || round < 4; round++) {
            List<Made> part = sample(100 + round, 200);
            made.addAll(part);
            send(events, part, new Random(round));
        }
        background.close();
        assertThat(recorder.twice).hasValue(0);
        assertThat(recorder.folded).hasSize(made.size());
        // most events were folded by steps prepared before the writer was taken (the rest by the closing catch-up)
        assertThat(recorder.preparedApplied.get()).isGreaterThan(made.size() / 2);
        Map<String, List<List<String>>> folded = stored();
        digest.settled(rollups::rebuild);
        assertThat(stored()).isEqualTo(folded);
    }

    private long rows(String table) {
        Long n = db.read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
        return n;
    }

    /** The rollup tables as they are once every acknowledged event is folded in. */
    private Map<String, List<List<String>>> snapshot() {
        digest.catchUp();
        return stored();
    }

    /** The rollup tables as stored right now. */
    private Map<String, List<List<String>>> stored() {
        Map<String, List<List<String>>> tables = new TreeMap<>();
        for (String table : List.of("rollup_tip_days", "rollup_tip_learners", "rollup_walkthrough_learners", "rollup_search_days", "rollup_lost_days",
                "rollup_page_days")) {
            tables.put(table, db.read(h -> h.createQuery("SELECT * FROM " + table).map((rs, c) -> {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                return row;
            }).list()).stream().sorted(java.util.Comparator.comparing(Object::toString)).toList());
        }
        return tables;
    }

}
