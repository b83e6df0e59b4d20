package io.inflow.analytics;

import io.inflow.export.EventFilter;
import io.inflow.store.Times;
import io.inflow.web.Validation;

/**
 * Which rollups a report reads: one app, whole UTC days [fromDay, toDay), and optionally only tips
 * with one page rule. Rollups are kept per day, so a time inside a day counts from that day.
 */
public record AnalyticsFilter(String appId, String fromDay, String toDay, String pageRule) {
    static final String FIRST_DAY = "0000-01-01";
    static final String LAST_DAY = "9999-12-31";

    public static AnalyticsFilter parse(String app, String from, String to, String pageRule, Validation v) {
        v.check(app != null && !app.isBlank(), "app", "is required: the id of the app to report on");
        EventFilter range = EventFilter.parse(from, to, app, null, v);
        String fromDay = range.from() == null ? FIRST_DAY : Times.format(range.from()).substring(0, 10);
        String toDay = range.to() == null ? LAST_DAY : Times.format(range.to()).substring(0, 10);
        return new AnalyticsFilter(range.appId(), fromDay, toDay,
                pageRule == null || pageRule.isBlank() ? null : pageRule.trim());
    }
}
