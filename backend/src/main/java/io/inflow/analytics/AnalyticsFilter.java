package io.inflow.analytics;

import io.inflow.export.EventFilter;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Times;
import io.inflow.web.Validation;

/**
 * Which rollups a report reads: one app, whole UTC days [fromDay, toDay), optionally only tips
 * with one page rule, and optionally only learners with one trait value (team = support).
 * Rollups are kept per day, so a time inside a day counts from that day.
 */
public record AnalyticsFilter(String appId, String fromDay, String toDay, String pageRule, Trait trait) {
    static final String FIRST_DAY = "0000-01-01";
    static final String LAST_DAY = "9999-12-31";

    /** A learner trait and the value learners must have, written name:value in a query. */
    public record Trait(String name, String value) {}

    public AnalyticsFilter(String appId, String fromDay, String toDay, String pageRule) {
        this(appId, fromDay, toDay, pageRule, null);
    }

    public static AnalyticsFilter parse(String app, String from, String to, String pageRule, Validation v) {
        return parse(app, from, to, pageRule, null, v);
    }

    public static AnalyticsFilter parse(String app, String from, String to, String pageRule, String trait, Validation v) {
        v.check(app != null && !app.isBlank(), "app", "is required: the id of the app to report on");
        EventFilter range = EventFilter.parse(from, to, app, null, v);
        String fromDay = range.from() == null ? FIRST_DAY : Times.format(range.from()).substring(0, 10);
        String toDay = range.to() == null ? LAST_DAY : Times.format(range.to()).substring(0, 10);
        return new AnalyticsFilter(range.appId(), fromDay, toDay,
                pageRule == null || pageRule.isBlank() ? null : pageRule.trim(), trait(trait, v));
    }

    private static Trait trait(String text, Validation v) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        boolean ok = !name.isEmpty() && name.length() <= LearnerTraits.MAX_NAME && !value.isEmpty() && value.length() <= LearnerTraits.MAX_VALUE;
        v.check(ok, "trait", "must be name:value, such as team:support (names up to " + LearnerTraits.MAX_NAME
                + ", values up to " + LearnerTraits.MAX_VALUE + " characters)");
        return ok ? new Trait(name, value) : null;
    }
}
