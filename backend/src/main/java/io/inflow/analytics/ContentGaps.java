package io.inflow.analytics;

import io.inflow.events.Digest;
import io.inflow.apps.App;
import io.inflow.delivery.PageRule;
import io.inflow.store.Database;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages with traffic and no tips: the pages of an app viewed in a range of days (from the page-view
 * rollup) that no published tip's page rule matches, most viewed first. Page views keep only the
 * path, so a rule that names a host is tried on each of the app's allowed origins.
 */
public final class ContentGaps {
    public static final List<String> COLUMNS = List.of("path", "views");
    /** Stands for "any host" when the app lists no allowed origin; only host-free rules match it. */
    private static final String NO_ORIGIN = "https://app.invalid";

    private final Database db;
    private final Tips tips;
    private final Digest digest;

    public ContentGaps(Database db, Tips tips, Digest digest) {
        this.db = db;
        this.tips = tips;
        this.digest = digest;
    }

    public Report of(App app, AnalyticsFilter f, int limit) {
        digest.catchUp();
        List<PageRule> rules = new ArrayList<>();
        for (Tip tip : tips.published(app.id())) {
            try {
                rules.add(PageRule.parse(tip.pageRule()));
            } catch (IllegalArgumentException e) {
                // a rule that no longer parses matches no page
            }
        }
        List<String> origins = app.allowedOrigins().isEmpty() ? List.of(NO_ORIGIN) : app.allowedOrigins();
        List<Map<String, Object>> items = new ArrayList<>();
        db.stream(h -> {
            h.createQuery("""
                            SELECT path, SUM(views) AS views FROM rollup_page_days
                            WHERE app_id = :app AND day >= :from AND day < :to
                            GROUP BY path ORDER BY views DESC, path""")
                    .bind("app", f.appId()).bind("from", f.fromDay()).bind("to", f.toDay())
                    .setFetchSize(1_000)
                    .map((rs, c) -> Map.<String, Object>entry(rs.getString("path"), rs.getLong("views")))
                    .useStream(rows -> rows.filter(row -> !covered(row.getKey(), rules, origins)).limit(limit).forEach(row -> {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("path", row.getKey());
                        item.put("views", row.getValue());
                        items.add(item);
                    }));
            return null;
        });
        return new Report(COLUMNS, items);
    }

    private static boolean covered(String path, List<PageRule> rules, List<String> origins) {
        for (String origin : origins) {
            URI url;
            try {
                url = URI.create(origin + path);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (PageRule rule : rules) {
                if (rule.match(url).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
