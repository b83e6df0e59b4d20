package io.inflow.analytics;

import io.inflow.events.Event;
import io.inflow.store.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reports of {@link Analytics} for only the learners with one trait value. The stored rollups
 * do not know learners' traits, so these fold the raw events of those learners with the same fold
 * the rollups use, and then sum it as the rollup queries do: with a trait that every learner has,
 * the answers equal the unfiltered reports (RollupContract).
 */
final class TraitReports {
    private final Database db;
    private final Rollups rollups;

    TraitReports(Database db, Rollups rollups) {
        this.db = db;
        this.rollups = rollups;
    }

    private record TipFacts(String title, String pageRule) {}

    /** The events of the learners with the trait, up to the end of the range (walkthrough progress needs what came before). */
    private Rollups.Fold fold(AnalyticsFilter f) {
        Rollups.Fold fold = rollups.fold();
        db.stream(h -> {
            h.createQuery("SELECT " + prefixed() + """
                             FROM events e JOIN learner_traits t ON t.app_id = e.app_id AND t.learner_hash = e.learner_hash
                            WHERE e.app_id = :app AND t.name = :name AND t.value = :value AND e.occurred_at < :to""")
                    .bind("app", f.appId()).bind("name", f.trait().name()).bind("value", f.trait().value()).bind("to", f.toDay())
                    .setFetchSize(1_000)
                    .map((rs, c) -> Event.read(rs))
                    .useStream(events -> events.forEach(fold::add));
            return null;
        });
        return fold;
    }

    private static String prefixed() {
        return String.join(", ", java.util.Arrays.stream(Event.COLUMNS.split(", ")).map(c -> "e." + c).toList());
    }

    private Map<String, TipFacts> tips(String appId) {
        Map<String, TipFacts> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT id, title, page_rule FROM tips WHERE app_id = :app").bind("app", appId)
                .map((rs, c) -> out.put(rs.getString("id"), new TipFacts(rs.getString("title"), rs.getString("page_rule")))).list());
        return out;
    }

    private static boolean inRange(AnalyticsFilter f, String day) {
        return day.compareTo(f.fromDay()) >= 0 && day.compareTo(f.toDay()) < 0;
    }

    private static boolean ruleAllows(AnalyticsFilter f, TipFacts tip) {
        return f.pageRule() == null || tip != null && f.pageRule().equals(tip.pageRule());
    }

    /** Tip counters and unique learners in the range, for tips the page rule allows, summed per key (a tip, a day). */
    private record Sums(Map<String, long[]> counters, Map<String, Set<String>> learners) {
        long learners(String key) {
            return learners.getOrDefault(key, Set.of()).size();
        }
    }

    private static Sums sums(AnalyticsFilter f, Rollups.Fold fold, Map<String, TipFacts> tips, Function<Rollups.TipDay, String> key) {
        Sums sums = new Sums(new TreeMap<>(), new HashMap<>());
        fold.tips.forEach((tipDay, c) -> {
            if (inRange(f, tipDay.day()) && ruleAllows(f, tips.get(tipDay.tipId()))) {
                add(sums.counters().computeIfAbsent(key.apply(tipDay), k -> new long[c.length]), c);
            }
        });
        fold.learners.forEach(l -> {
            Rollups.TipDay tipDay = new Rollups.TipDay(l.tipId(), l.day());
            if (inRange(f, l.day()) && ruleAllows(f, tips.get(l.tipId()))) {
                sums.learners().computeIfAbsent(key.apply(tipDay), k -> new HashSet<>()).add(l.learner());
            }
        });
        return sums;
    }

    Report tips(AnalyticsFilter f) {
        Map<String, TipFacts> tips = tips(f.appId());
        Sums sums = sums(f, fold(f), tips, Rollups.TipDay::tipId);
        List<Map<String, Object>> items = new ArrayList<>();
        sums.counters().forEach((tipId, c) -> {
            TipFacts tip = tips.get(tipId);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tipId", tipId);
            row.put("title", tip == null ? null : tip.title());
            row.put("pageRule", tip == null ? null : tip.pageRule());
            counters(row, c, sums.learners(tipId));
            items.add(Analytics.rates(row));
        });
        items.sort(Comparator.<Map<String, Object>>comparingLong(r -> -(Long) r.get("shown")).thenComparing(r -> (String) r.get("tipId")));
        return new Report(Analytics.tipColumns(), items);
    }

    Report days(AnalyticsFilter f) {
        Sums sums = sums(f, fold(f), tips(f.appId()), Rollups.TipDay::day);
        List<Map<String, Object>> items = new ArrayList<>();
        sums.counters().forEach((day, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", day);
            counters(row, c, sums.learners(day));
            items.add(row);
        });
        return new Report(Analytics.dayColumns(), items);
    }

    Report walkthroughs(AnalyticsFilter f) {
        Rollups.Fold fold = fold(f);
        record Step(String walkthroughId, int step) {}
        Map<String, Map<String, Set<Integer>>> reachedBy = new HashMap<>();
        fold.steps.keySet().forEach(s -> reachedBy.computeIfAbsent(s.walkthroughId(), k -> new HashMap<>())
                .computeIfAbsent(s.learner(), k -> new HashSet<>()).add(s.step()));
        Map<Step, long[]> funnel = new TreeMap<>(Comparator.comparing(Step::walkthroughId).thenComparingInt(Step::step));
        fold.steps.forEach((s, day) -> {
            if (s.step() == Rollups.COMPLETED_STEP || !inRange(f, day)) {
                return;
            }
            long[] c = funnel.computeIfAbsent(new Step(s.walkthroughId(), s.step()), k -> new long[2]);
            c[0]++;
            if (reachedBy.get(s.walkthroughId()).get(s.learner()).stream().anyMatch(n -> n > s.step() || n == Rollups.COMPLETED_STEP)) {
                c[1]++;
            }
        });
        List<Map<String, Object>> items = new ArrayList<>();
        funnel.forEach((step, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("walkthroughId", step.walkthroughId());
            row.put("step", step.step());
            row.put("reached", c[0]);
            row.put("completed", c[1]);
            row.put("dropped", c[0] - c[1]);
            items.add(row);
        });
        return new Report(Analytics.WALKTHROUGH_COLUMNS, items);
    }

    Report searches(AnalyticsFilter f, int limit) {
        Rollups.Fold fold = fold(f);
        Map<String, long[]> sums = new TreeMap<>();
        fold.searches.forEach((key, c) -> {
            if (inRange(f, key.day())) {
                add(sums.computeIfAbsent(key.term(), k -> new long[c.length]), c);
            }
        });
        List<Map<String, Object>> items = new ArrayList<>();
        sums.forEach((term, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("term", term);
            row.put("searches", c[0]);
            row.put("noResult", c[1]);
            items.add(row);
        });
        items.sort(Comparator.<Map<String, Object>>comparingLong(r -> -(Long) r.get("searches")).thenComparing(r -> (String) r.get("term")));
        return new Report(Analytics.SEARCH_COLUMNS, items.subList(0, Math.min(limit, items.size())));
    }

    private static void add(long[] into, long[] c) {
        for (int i = 0; i < c.length; i++) {
            into[i] += c[i];
        }
    }

    /** c holds, as the fold keeps them, the unique-learner slot first and then {@link Rollups#TIP_COUNTERS}. */
    private static void counters(Map<String, Object> row, long[] c, long learners) {
        row.put("shown", c[1]);
        row.put("learners", learners);
        row.put("dismissed", c[2]);
        row.put("completed", c[3]);
        row.put("helpfulYes", c[4]);
        row.put("helpfulNo", c[5]);
        row.put("linksOpened", c[6]);
        row.put("checksRight", c[7]);
        row.put("checksWrong", c[8]);
        row.put("anchorMissing", c[9]);
    }
}
