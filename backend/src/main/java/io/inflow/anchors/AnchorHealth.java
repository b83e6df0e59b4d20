package io.inflow.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well each tip's anchor is found, per tip and page, from the overlay's events: {@code tip_shown} (with the
 * match's confidence and how it was found) and {@code anchor_missing} (with the miss type).
 */
public final class AnchorHealth {
    /** A match below this confidence counts as low-confidence: found, but by a margin worth an author's look. */
    public static final double LOW_CONFIDENCE = 0.8;
    /** The most recent events read per request; enough for a found-rate, bounded for a busy app. */
    private static final int MAX_EVENTS = 50_000;

    public enum Status { broken, degraded, ok }

    public record Row(String tipId, String page, Status status, double foundRate, int shown, int lowConfidence,
                      int missing, Map<String, Integer> misses, Double meanConfidence) {}

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;

    public AnchorHealth(Database db, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
    }

    private record Seen(String tipId, String url, String type, String data) {}

    private static final class Tally {
        int shown, low, missing, scored;
        double confidence;
        final Map<String, Integer> misses = new LinkedHashMap<>();
    }

    /** Rows for one app (optionally one tip) over the last {@code days}; broken first, then degraded, worst rate first. */
    public List<Row> of(String appId, String tipId, int days) {
        String since = Times.format(clock.instant().minus(Duration.ofDays(days)));
        // An untyped null parameter is refused by PostgreSQL, so the tip filter is added only when asked for.
        String sql = """
                SELECT tip_id, url, type, data FROM events
                WHERE app_id = :app AND occurred_at >= :since AND tip_id IS NOT NULL
                  AND type IN ('tip_shown', 'anchor_missing')""" + (tipId == null ? "" : " AND tip_id = :tip")
                + " ORDER BY occurred_at DESC LIMIT :limit";
        List<Seen> seen = db.read(h -> h.createQuery(sql)
                .bind("app", appId).bind("since", since).bind("tip", tipId).bind("limit", MAX_EVENTS)
                .map((rs, ctx) -> new Seen(rs.getString("tip_id"), rs.getString("url"), rs.getString("type"), rs.getString("data")))
                .list());
        Map<List<String>, Tally> tallies = new LinkedHashMap<>();
        for (Seen s : seen) {
            Tally t = tallies.computeIfAbsent(List.of(s.tipId(), pageOf(s.url())), k -> new Tally());
            JsonNode data = parse(s.data());
            if (s.type().equals("tip_shown")) {
                t.shown++;
                JsonNode c = data.get("confidence");
                if (c != null && c.isNumber()) {
                    t.scored++;
                    t.confidence += c.asDouble();
                    if (c.asDouble() < LOW_CONFIDENCE) t.low++;
                }
            } else {
                t.missing++;
                String reason = data.path("reason").asText("");
                t.misses.merge(reason.matches("not_found|ambiguous|not_visible") ? reason : "other", 1, Integer::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        tallies.forEach((key, t) -> {
            double rate = t.shown + t.missing == 0 ? 1 : (double) t.shown / (t.shown + t.missing);
            rows.add(new Row(key.get(0), key.get(1), status(rate, t), round(rate), t.shown, t.low, t.missing, t.misses,
                    t.scored == 0 ? null : round(t.confidence / t.scored)));
        });
        rows.sort(Comparator.comparing(Row::status).thenComparingDouble(Row::foundRate).thenComparing(Row::tipId).thenComparing(Row::page));
        return rows;
    }

    /** Broken: found on fewer than half of the visits. Degraded: missed now and then, or often found only narrowly. */
    static Status status(double rate, Tally t) {
        if (rate < 0.5) return Status.broken;
        if (rate < 0.95 || t.low * 5 > t.shown) return Status.degraded;
        return Status.ok;
    }

    /** The page a URL belongs to: its path, without query and fragment (a hash route stays). */
    static String pageOf(String url) {
        if (url == null || url.isBlank()) return "";
        try {
            URI u = URI.create(url.trim());
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String fragment = u.getRawFragment();
            return fragment != null && fragment.matches("!?/.*") ? path + "#" + fragment : path;
        } catch (IllegalArgumentException e) {
            return url.length() > 200 ? url.substring(0, 200) : url;
        }
    }

    private JsonNode parse(String data) {
        if (data == null) return mapper.createObjectNode();
        try {
            return mapper.readTree(data);
        } catch (java.io.IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
