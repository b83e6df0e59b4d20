package io.inflow.analytics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.events.Digest;
import io.inflow.events.Event;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Keeps the analytics rollups: {@link #add} folds newly stored events into them inside the
 * ingesting transaction; every count is additive and "unique" counts go through key tables,
 * so the result does not depend on how events were batched or in which order they arrived.
 * {@link #rebuild} recomputes everything from the raw events with the same fold.
 */
public final class Rollups implements Digest.Fold {
    /** The counters of one tip on one day, in the order of the rollup_tip_days columns after "learners". */
    static final List<String> TIP_COUNTERS = List.of("shown", "dismissed", "completed", "helpful_yes", "helpful_no",
            "links_opened", "checks_right", "checks_wrong", "anchor_missing");
    /** walkthrough_completed is kept as this step in rollup_walkthrough_learners. */
    static final int COMPLETED_STEP = -1;
    private static final int TERM_MAX = 200;
    private static final int REBUILD_PAGE = 5_000;

    private final ObjectMapper mapper;

    public Rollups(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    record TipDay(String tipId, String day) {}
    record TipLearner(String tipId, String day, String learner) {}
    record StepLearner(String walkthroughId, int step, String learner) {}
    record TermDay(String term, String day) {}
    record PageDay(String path, String day) {}

    // rows are written in these orders, so concurrent transactions take row locks in the same order (PostgreSQL would otherwise deadlock)
    private static final Comparator<TipDay> TIP_DAYS = Comparator.comparing(TipDay::tipId).thenComparing(TipDay::day);
    private static final Comparator<TipLearner> TIP_LEARNERS = Comparator.comparing(TipLearner::tipId).thenComparing(TipLearner::day)
            .thenComparing(TipLearner::learner);
    private static final Comparator<StepLearner> STEP_LEARNERS = Comparator.comparing(StepLearner::walkthroughId)
            .thenComparingInt(StepLearner::step).thenComparing(StepLearner::learner);
    private static final Comparator<TermDay> TERM_DAYS = Comparator.comparing(TermDay::term).thenComparing(TermDay::day);
    private static final Comparator<PageDay> PAGE_DAYS = Comparator.comparing(PageDay::path).thenComparing(PageDay::day);

    /**
     * What a set of events adds to the rollups of one app. Gathered in hash maps and sorted once when
     * written: most events repeat a key already seen, and a sorted map compared keys for every one.
     */
    final class Fold {
        final Map<TipDay, long[]> tips = new HashMap<>();
        final Set<TipLearner> learners = new HashSet<>();
        final Map<StepLearner, String> steps = new HashMap<>();
        final Map<TermDay, long[]> searches = new HashMap<>();
        final Map<PageDay, long[]> pages = new HashMap<>();

        void add(Event e) {
            String day = e.occurredAt().substring(0, 10);
            // most events carry no data worth reading: only the kinds below parse theirs
            JsonNode data = switch (e.type()) {
                case "step_viewed", "walkthrough_completed", "search", "page_viewed" -> e.dataTree(mapper);
                default -> null;
            };
            switch (e.type()) {
                case "tip_shown" -> {
                    count(e, day, "shown");
                    if (hasTip(e) && e.learnerHash() != null) {
                        learners.add(new TipLearner(e.tipId(), day, e.learnerHash()));
                    }
                }
                case "tip_dismissed" -> count(e, day, "dismissed");
                case "tip_completed" -> count(e, day, "completed");
                case "link_opened" -> count(e, day, "links_opened");
                case "anchor_missing" -> count(e, day, "anchor_missing");
                case "helpful_vote" -> {
                    Boolean helpful = flag(e, "helpful");
                    if (helpful != null) {
                        count(e, day, helpful ? "helpful_yes" : "helpful_no");
                    }
                }
                case "check_answered" -> {
                    Boolean correct = flag(e, "correct");
                    if (correct != null) {
                        count(e, day, correct ? "checks_right" : "checks_wrong");
                    }
                }
                case "step_viewed", "walkthrough_completed" -> {
                    String walkthrough = data.path("walkthroughId").asText("");
                    boolean done = e.type().equals("walkthrough_completed");
                    if (!walkthrough.isEmpty() && e.learnerHash() != null && (done || data.path("step").canConvertToInt())) {
                        int step = done ? COMPLETED_STEP : data.get("step").asInt();
                        steps.merge(new StepLearner(walkthrough, step, e.learnerHash()), day,
                                (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    }
                }
                case "search" -> {
                    String term = term(data.path("query").asText(""));
                    if (!term.isEmpty()) {
                        long[] c = searches.computeIfAbsent(new TermDay(term, day), k -> new long[2]);
                        c[0]++;
                        if (noResult(data.path("results"))) {
                            c[1]++;
                        }
                    }
                }
                case "page_viewed" -> {
                    String path = PagePath.of(data.path("path").asText(null), e.url());
                    if (path != null) {
                        pages.computeIfAbsent(new PageDay(path, day), k -> new long[1])[0]++;
                    }
                }
                default -> { }
            }
        }

        private void count(Event e, String day, String counter) {
            if (hasTip(e)) {
                tips.computeIfAbsent(new TipDay(e.tipId(), day), k -> new long[TIP_COUNTERS.size() + 1])[TIP_COUNTERS.indexOf(counter) + 1]++;
            }
        }

        void applyTo(Handle h, String appId) {
            if (!learners.isEmpty()) {
                PreparedBatch insert = h.prepareBatch("""
                        INSERT INTO rollup_tip_learners (app_id, tip_id, day, learner_hash) VALUES (:app, :tip, :day, :learner)
                        ON CONFLICT (app_id, tip_id, day, learner_hash) DO NOTHING""");
                List<TipLearner> order = learners.stream().sorted(TIP_LEARNERS).toList();
                for (TipLearner l : order) {
                    insert.bind("app", appId).bind("tip", l.tipId()).bind("day", l.day()).bind("learner", l.learner()).add();
                }
                int[] counts = insert.execute();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        TipLearner l = order.get(i);
                        tips.computeIfAbsent(new TipDay(l.tipId(), l.day()), k -> new long[TIP_COUNTERS.size() + 1])[0]++;
                    }
                }
            }
            if (!tips.isEmpty()) {
                StringBuilder columns = new StringBuilder("learners");
                StringBuilder values = new StringBuilder(":learners");
                StringBuilder updates = new StringBuilder("learners = rollup_tip_days.learners + excluded.learners");
                for (String c : TIP_COUNTERS) {
                    columns.append(", ").append(c);
                    values.append(", :").append(c);
                    updates.append(", ").append(c).append(" = rollup_tip_days.").append(c).append(" + excluded.").append(c);
                }
                PreparedBatch upsert = h.prepareBatch("INSERT INTO rollup_tip_days (app_id, tip_id, day, " + columns + ") VALUES (:app, :tip, :day, "
                        + values + ") ON CONFLICT (app_id, tip_id, day) DO UPDATE SET " + updates);
                sorted(tips, TIP_DAYS).forEach((key, c) -> {
                    upsert.bind("app", appId).bind("tip", key.tipId()).bind("day", key.day()).bind("learners", c[0]);
                    for (int i = 0; i < TIP_COUNTERS.size(); i++) {
                        upsert.bind(TIP_COUNTERS.get(i), c[i + 1]);
                    }
                    upsert.add();
                });
                upsert.execute();
            }
            if (!steps.isEmpty()) {
                PreparedBatch upsert = h.prepareBatch("""
                        INSERT INTO rollup_walkthrough_learners (app_id, walkthrough_id, step, learner_hash, day)
                        VALUES (:app, :walkthrough, :step, :learner, :day)
                        ON CONFLICT (app_id, walkthrough_id, step, learner_hash) DO UPDATE SET day =
                          CASE WHEN excluded.day < rollup_walkthrough_learners.day THEN excluded.day ELSE rollup_walkthrough_learners.day END""");
                sorted(steps, STEP_LEARNERS).forEach((key, day) -> upsert.bind("app", appId).bind("walkthrough", key.walkthroughId()).bind("step", key.step())
                        .bind("learner", key.learner()).bind("day", day).add());
                upsert.execute();
            }
            if (!searches.isEmpty()) {
                PreparedBatch upsert = h.prepareBatch("""
                        INSERT INTO rollup_search_days (app_id, term, day, searches, no_result) VALUES (:app, :term, :day, :searches, :noResult)
                        ON CONFLICT (app_id, term, day) DO UPDATE SET searches = rollup_search_days.searches + excluded.searches,
                          no_result = rollup_search_days.no_result + excluded.no_result""");
                sorted(searches, TERM_DAYS).forEach((key, c) -> upsert.bind("app", appId).bind("term", key.term()).bind("day", key.day())
                        .bind("searches", c[0]).bind("noResult", c[1]).add());
                upsert.execute();
            }
            if (!pages.isEmpty()) {
                PreparedBatch upsert = h.prepareBatch("""
                        INSERT INTO rollup_page_days (app_id, path, day, views) VALUES (:app, :path, :day, :views)
                        ON CONFLICT (app_id, path, day) DO UPDATE SET views = rollup_page_days.views + excluded.views""");
                sorted(pages, PAGE_DAYS).forEach((key, c) -> upsert.bind("app", appId).bind("path", key.path()).bind("day", key.day())
                        .bind("views", c[0]).add());
                upsert.execute();
            }
        }
    }

    private static <K, V> Map<K, V> sorted(Map<K, V> map, Comparator<K> order) {
        Map<K, V> sorted = new TreeMap<>(order);
        sorted.putAll(map);
        return sorted;
    }

    /** An empty fold, for reports computed from a selection of raw events instead of the stored rollups. */
    Fold fold() {
        return new Fold();
    }

    /** Folds events that were just stored (never ones already counted) into the rollups, on the caller's transaction. */
    @Override
    public void add(Handle h, List<Event> stored) {
        prepare(stored).apply(h);
    }

    /** The events folded per app in memory now; only the rows' updates are left for the transaction. */
    @Override
    public Digest.Step prepare(List<Event> stored) {
        Map<String, Fold> byApp = new TreeMap<>();
        for (Event e : stored) {
            byApp.computeIfAbsent(e.appId(), k -> new Fold()).add(e);
        }
        return h -> byApp.forEach((app, fold) -> fold.applyTo(h, app));
    }

    /** Adds events an overlay reports it had to drop, on the caller's transaction. */
    public void addLost(Handle h, String appId, String day, long lost) {
        h.createUpdate("""
                INSERT INTO rollup_lost_days (app_id, day, lost) VALUES (:app, :day, :lost)
                ON CONFLICT (app_id, day) DO UPDATE SET lost = rollup_lost_days.lost + excluded.lost""")
                .bind("app", appId).bind("day", day).bind("lost", lost).execute();
    }

    /**
     * Recomputes every rollup derived from events on the caller's transaction (one in which nothing waits
     * in the digest: {@link Digest#settled}), reading the events page by page in id order (the fold does
     * not depend on order). Lost counts are kept: they were never events. Answers the number of events read.
     */
    public long rebuild(Handle h) {
        for (String table : List.of("rollup_tip_days", "rollup_tip_learners", "rollup_walkthrough_learners", "rollup_search_days",
                "rollup_page_days")) {
            h.createUpdate("DELETE FROM " + table).execute();
        }
        long read = 0;
        String afterId = "";
        while (true) {
            List<Event> page = h.createQuery("SELECT " + Event.COLUMNS + " FROM events WHERE id > :id ORDER BY id LIMIT :limit")
                    .bind("id", afterId).bind("limit", REBUILD_PAGE)
                    .map((rs, c) -> Event.read(rs))
                    .list();
            if (page.isEmpty()) {
                return read;
            }
            add(h, page);
            read += page.size();
            afterId = page.get(page.size() - 1).id();
        }
    }

    /** Search terms are compared case-blind with runs of white space as one. */
    static String term(String query) {
        String t = query.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return t.length() > TERM_MAX ? t.substring(0, TERM_MAX) : t;
    }

    /**
     * The boolean of that name at the top of the event's data, or null (none, not a boolean, unreadable):
     * read as a stream, without building the tree, as votes and answers are most of the events with data.
     */
    private Boolean flag(Event e, String name) {
        if (e.data() == null) {
            return null;
        }
        try (JsonParser p = mapper.getFactory().createParser(e.data())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted) {
                    return value == JsonToken.VALUE_TRUE ? Boolean.TRUE : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (java.io.IOException ex) {
            return null;
        }
    }

    private static boolean noResult(JsonNode results) {
        return results.isNumber() ? results.asLong() == 0 : results.isArray() && results.isEmpty();
    }

    private static boolean hasTip(Event e) {
        return e.tipId() != null && !e.tipId().isEmpty();
    }
}
