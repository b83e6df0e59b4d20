package io.inflow.analytics;

import io.inflow.events.Digest;
import io.inflow.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** Reports read from the rollups: per tip, per day, walkthrough funnels, search terms. */
public final class Analytics {
    private static final String TIP_SUMS = """
            SUM(r.shown) AS shown, SUM(r.dismissed) AS dismissed, SUM(r.completed) AS completed,
            SUM(r.helpful_yes) AS helpful_yes, SUM(r.helpful_no) AS helpful_no, SUM(r.links_opened) AS links_opened,
            SUM(r.checks_right) AS checks_right, SUM(r.checks_wrong) AS checks_wrong, SUM(r.anchor_missing) AS anchor_missing""";
    private static final List<String> COUNTERS = List.of("shown", "learners", "dismissed", "completed", "helpfulYes", "helpfulNo",
            "linksOpened", "checksRight", "checksWrong", "anchorMissing");

    static final List<String> WALKTHROUGH_COLUMNS = List.of("walkthroughId", "step", "reached", "completed", "dropped");
    static final List<String> SEARCH_COLUMNS = List.of("term", "searches", "noResult");

    private final Database db;
    private final TraitReports byTrait;
    private final Digest digest;

    /** digest: reports catch it up first, so they count every event acknowledged before them. */
    public Analytics(Database db, Rollups rollups, Digest digest) {
        this.db = db;
        this.byTrait = new TraitReports(db, rollups);
        this.digest = digest;
    }

    static List<String> tipColumns() {
        List<String> columns = new ArrayList<>(List.of("tipId", "title", "pageRule"));
        columns.addAll(COUNTERS);
        columns.addAll(List.of("helpfulRate", "anchorFoundRate"));
        return columns;
    }

    static List<String> dayColumns() {
        List<String> columns = new ArrayList<>(List.of("day"));
        columns.addAll(COUNTERS);
        return columns;
    }

    /** Per tip over the range: counts, unique learners, helpful rate and anchor found-rate; most shown first. */
    public Report tips(AnalyticsFilter f) {
        digest.catchUp();
        if (f.trait() != null) {
            return byTrait.tips(f);
        }
        String sql = "SELECT r.tip_id, t.title, t.page_rule, " + TIP_SUMS + """
                , (SELECT COUNT(DISTINCT l.learner_hash) FROM rollup_tip_learners l
                   WHERE l.app_id = r.app_id AND l.tip_id = r.tip_id AND l.day >= :from AND l.day < :to) AS learners
                FROM rollup_tip_days r LEFT JOIN tips t ON t.id = r.tip_id
                WHERE r.app_id = :app AND r.day >= :from AND r.day < :to""" + rule(f, "t")
                + " GROUP BY r.app_id, r.tip_id, t.title, t.page_rule ORDER BY shown DESC, r.tip_id";
        List<Map<String, Object>> items = db.read(h -> bind(h.createQuery(sql), f).map((rs, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tipId", rs.getString("tip_id"));
            row.put("title", rs.getString("title"));
            row.put("pageRule", rs.getString("page_rule"));
            counters(rs, row);
            return rates(row);
        }).list());
        return new Report(tipColumns(), items);
    }

    /** Per day over the range: the same counts summed over tips, unique learners who saw any tip. */
    public Report days(AnalyticsFilter f) {
        digest.catchUp();
        if (f.trait() != null) {
            return byTrait.days(f);
        }
        String sql = "SELECT r.day, " + TIP_SUMS + """
                , (SELECT COUNT(DISTINCT l.learner_hash) FROM rollup_tip_learners l LEFT JOIN tips lt ON lt.id = l.tip_id
                   WHERE l.app_id = r.app_id AND l.day = r.day""" + rule(f, "lt") + """
                ) AS learners
                FROM rollup_tip_days r LEFT JOIN tips t ON t.id = r.tip_id
                WHERE r.app_id = :app AND r.day >= :from AND r.day < :to""" + rule(f, "t") + " GROUP BY r.app_id, r.day ORDER BY r.day";
        List<Map<String, Object>> items = db.read(h -> bind(h.createQuery(sql), f).map((rs, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", rs.getString("day"));
            counters(rs, row);
            return row;
        }).list());
        return new Report(dayColumns(), items);
    }

    /**
     * Walkthrough funnels: per step, the learners who reached it (first reached within the range),
     * those who went on (reached a later step or finished) and those who dropped there.
     */
    public Report walkthroughs(AnalyticsFilter f) {
        digest.catchUp();
        if (f.trait() != null) {
            return byTrait.walkthroughs(f);
        }
        String sql = """
                SELECT s.walkthrough_id, s.step, COUNT(*) AS reached,
                  SUM(CASE WHEN EXISTS (SELECT 1 FROM rollup_walkthrough_learners n
                        WHERE n.app_id = s.app_id AND n.walkthrough_id = s.walkthrough_id AND n.learner_hash = s.learner_hash
                          AND (n.step > s.step OR n.step = :done)) THEN 1 ELSE 0 END) AS completed
                FROM rollup_walkthrough_learners s
                WHERE s.app_id = :app AND s.step <> :done AND s.day >= :from AND s.day < :to
                GROUP BY s.walkthrough_id, s.step ORDER BY s.walkthrough_id, s.step""";
        List<Map<String, Object>> items = db.read(h -> bind(h.createQuery(sql), f).bind("done", Rollups.COMPLETED_STEP).map((rs, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("walkthroughId", rs.getString("walkthrough_id"));
            row.put("step", rs.getInt("step"));
            long reached = rs.getLong("reached");
            long completed = rs.getLong("completed");
            row.put("reached", reached);
            row.put("completed", completed);
            row.put("dropped", reached - completed);
            return row;
        }).list());
        return new Report(WALKTHROUGH_COLUMNS, items);
    }

    /** Search terms over the range, most searched first; noResult counts searches that found nothing. */
    public Report searches(AnalyticsFilter f, int limit) {
        digest.catchUp();
        if (f.trait() != null) {
            return byTrait.searches(f, limit);
        }
        String sql = """
                SELECT term, SUM(searches) AS searches, SUM(no_result) AS no_result FROM rollup_search_days
                WHERE app_id = :app AND day >= :from AND day < :to
                GROUP BY term ORDER BY searches DESC, term LIMIT :limit""";
        List<Map<String, Object>> items = db.read(h -> bind(h.createQuery(sql), f).bind("limit", limit).map((rs, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("term", rs.getString("term"));
            row.put("searches", rs.getLong("searches"));
            row.put("noResult", rs.getLong("no_result"));
            return row;
        }).list());
        return new Report(SEARCH_COLUMNS, items);
    }

    /** Events overlays reported they had to drop, per day. */
    public long lost(AnalyticsFilter f) {
        digest.catchUp();
        return db.read(h -> bind(h.createQuery("""
                SELECT COALESCE(SUM(lost), 0) FROM rollup_lost_days WHERE app_id = :app AND day >= :from AND day < :to"""), f)
                .mapTo(Long.class).one());
    }

    private static String rule(AnalyticsFilter f, String alias) {
        return f.pageRule() == null ? "" : " AND " + alias + ".page_rule = :rule";
    }

    private static Query bind(Query q, AnalyticsFilter f) {
        q.bind("app", f.appId()).bind("from", f.fromDay()).bind("to", f.toDay());
        if (f.pageRule() != null) {
            q.bind("rule", f.pageRule());
        }
        return q;
    }

    private static void counters(java.sql.ResultSet rs, Map<String, Object> row) throws java.sql.SQLException {
        row.put("shown", rs.getLong("shown"));
        row.put("learners", rs.getLong("learners"));
        row.put("dismissed", rs.getLong("dismissed"));
        row.put("completed", rs.getLong("completed"));
        row.put("helpfulYes", rs.getLong("helpful_yes"));
        row.put("helpfulNo", rs.getLong("helpful_no"));
        row.put("linksOpened", rs.getLong("links_opened"));
        row.put("checksRight", rs.getLong("checks_right"));
        row.put("checksWrong", rs.getLong("checks_wrong"));
        row.put("anchorMissing", rs.getLong("anchor_missing"));
    }

    static Map<String, Object> rates(Map<String, Object> row) {
        long yes = (Long) row.get("helpfulYes");
        long no = (Long) row.get("helpfulNo");
        long shown = (Long) row.get("shown");
        long missing = (Long) row.get("anchorMissing");
        row.put("helpfulRate", yes + no == 0 ? null : (double) yes / (yes + no));
        row.put("anchorFoundRate", shown + missing == 0 ? null : (double) shown / (shown + missing));
        return row;
    }

}
