package io.inflow.analytics;

import io.inflow.apps.App;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A plain-text summary of one app's analytics over a date range, for a terminal or an e-mail. */
public final class TextReport {
    private static final int TOP = 5;

    private final Analytics analytics;

    public TextReport(Analytics analytics) {
        this.analytics = analytics;
    }

    public String of(App app, AnalyticsFilter filter) {
        Report days = analytics.days(filter);
        Report tips = analytics.tips(filter);
        StringBuilder out = new StringBuilder();
        out.append("Inflow report: ").append(app.name()).append(" (").append(app.id()).append(")\n");
        out.append("Days: ").append(filter.fromDay().equals(AnalyticsFilter.FIRST_DAY) ? "start" : filter.fromDay())
                .append(" up to ").append(filter.toDay().equals(AnalyticsFilter.LAST_DAY) ? "now" : filter.toDay() + " (excluded)")
                .append(", ").append(days.items().size()).append(" with activity\n\n");
        out.append("Totals\n");
        for (String[] c : new String[][] {{"shown", "tips shown"}, {"dismissed", "dismissed"}, {"completed", "completed"},
                {"helpfulYes", "helpful"}, {"helpfulNo", "not helpful"}, {"linksOpened", "learn more opened"},
                {"checksRight", "checks right"}, {"checksWrong", "checks wrong"}, {"anchorMissing", "anchor missing"}}) {
            long sum = days.items().stream().mapToLong(r -> (Long) r.get(c[0])).sum();
            out.append(String.format("  %-20s %,12d%n", c[1], sum));
        }
        out.append(String.format("  %-20s %,12d%n", "events lost", analytics.lost(filter)));

        out.append("\nMost shown tips\n");
        table(out, tips.items().stream().limit(TOP).toList(), r -> String.format("%,d shown, %,d learners, helpful %s, anchor found %s",
                (Long) r.get("shown"), (Long) r.get("learners"), percent(r.get("helpfulRate")), percent(r.get("anchorFoundRate"))));

        out.append("\nLeast helpful tips (with votes)\n");
        table(out, tips.items().stream().filter(r -> r.get("helpfulRate") != null)
                .sorted(Comparator.comparingDouble(r -> (Double) r.get("helpfulRate"))).limit(TOP).toList(),
                r -> String.format("helpful %s of %,d votes", percent(r.get("helpfulRate")), (Long) r.get("helpfulYes") + (Long) r.get("helpfulNo")));

        out.append("\nWalkthrough funnels\n");
        List<Map<String, Object>> steps = analytics.walkthroughs(filter).items();
        if (steps.isEmpty()) {
            out.append("  (none)\n");
        }
        for (Map<String, Object> s : steps) {
            out.append(String.format("  %-24s step %-3s reached %,8d  went on %,8d  dropped %,8d%n", s.get("walkthroughId"), s.get("step"),
                    (Long) s.get("reached"), (Long) s.get("completed"), (Long) s.get("dropped")));
        }

        out.append("\nSearches with no result\n");
        List<Map<String, Object>> gaps = analytics.searches(filter, 200).items().stream().filter(r -> (Long) r.get("noResult") > 0)
                .sorted(Comparator.comparingLong((Map<String, Object> r) -> (Long) r.get("noResult")).reversed()).limit(TOP).toList();
        if (gaps.isEmpty()) {
            out.append("  (none)\n");
        }
        for (Map<String, Object> g : gaps) {
            out.append(String.format("  %-40s %,8d of %,d%n", g.get("term"), (Long) g.get("noResult"), (Long) g.get("searches")));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Map<String, Object>> rows, java.util.function.Function<Map<String, Object>, String> detail) {
        if (rows.isEmpty()) {
            out.append("  (none)\n");
        }
        for (Map<String, Object> r : rows) {
            Object title = r.get("title") == null ? r.get("tipId") : r.get("title");
            out.append(String.format("  %-40s %s%n", abbreviate(String.valueOf(title)), detail.apply(r)));
        }
    }

    private static String percent(Object rate) {
        return rate == null ? "-" : Math.round((Double) rate * 100) + "%";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }
}
