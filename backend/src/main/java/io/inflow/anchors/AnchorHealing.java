package io.inflow.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.store.Database;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Self-healing anchors: after a confident match whose properties drifted, the overlay sends the element's fresh
 * fingerprint, and it becomes the tip's anchor, the replaced one kept as a previous version. Browsers are not trusted:
 * a refresh must keep the anchor's identity, stay alike, and come at most once an hour per tip.
 */
public final class AnchorHealing {
    /** A refresh must keep at least this share of the stored anchor's evidence (the resolver's own threshold). */
    public static final double MIN_SIMILARITY = 0.6;
    /** The least time between two refreshes of one tip's anchor. */
    public static final Duration MIN_INTERVAL = Duration.ofHours(1);

    public record Result(boolean healed, Integer version, double similarity) {}

    public record Version(int version, JsonNode anchor, String replacedAt, double similarity) {}

    public record History(String tipId, JsonNode anchor, List<Version> previous) {}

    private record Stored(String appId, String status, String anchor) {}

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;

    public AnchorHealing(Database db, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Takes a refreshed anchor for one of the app's published tips, or refuses it with a problem saying why. */
    public Result refresh(App app, String tipId, JsonNode fresh) {
        if (!app.anchorHealing()) {
            throw Problem.forbidden("anchor healing is turned off for this app");
        }
        checkShape(tipId, fresh);
        return db.write(h -> {
            Stored tip = h.createQuery("SELECT app_id, status, anchor FROM tips WHERE id = :id").bind("id", tipId)
                    .map((rs, c) -> new Stored(rs.getString("app_id"), rs.getString("status"), rs.getString("anchor"))).findOne()
                    .filter(t -> t.appId().equals(app.id()) && t.status().equals("published") && t.anchor() != null)
                    .orElseThrow(() -> Problem.notFound("this app has no published tip " + tipId + " with an anchor"));
            JsonNode stored = read(tip.anchor());
            List<String> changed = AnchorSimilarity.identityChanges(stored, fresh);
            if (!changed.isEmpty()) {
                Validation v = new Validation();
                for (String path : changed) v.add("anchor." + path, "differs from the stored anchor's; an anchor's identity is never healed");
                v.throwIfInvalid();
            }
            double similarity = Math.round(AnchorSimilarity.of(stored, fresh) * 1000) / 1000.0;
            if (similarity < MIN_SIMILARITY) {
                throw Problem.invalid("anchor", "is too unlike the stored anchor (similarity " + similarity + ", at least " + MIN_SIMILARITY + " is needed)");
            }
            String next = fresh.toString();
            if (stored.equals(fresh)) {
                return new Result(false, null, similarity);
            }
            Instant now = clock.instant();
            // Compare-and-set: of two refreshes racing on several servers, the second finds the anchor changed.
            int updated = h.createUpdate("UPDATE tips SET anchor = :next WHERE id = :id AND anchor = :old")
                    .bind("next", next).bind("id", tipId).bind("old", tip.anchor()).execute();
            if (updated == 0) {
                throw Problem.conflict("the anchor of tip " + tipId + " changed meanwhile");
            }
            Optional<String> last = h.createQuery("SELECT MAX(replaced_at) FROM anchor_versions WHERE tip_id = :id")
                    .bind("id", tipId).mapTo(String.class).findOne();
            if (last.isPresent() && last.get() != null) {
                Duration since = Duration.between(Times.parse(last.get()), now);
                if (since.compareTo(MIN_INTERVAL) < 0) {
                    // thrown inside the transaction: the anchor update above is rolled back
                    throw Problem.tooManyRequests("this tip's anchor was refreshed less than an hour ago",
                            (int) Math.max(1, MIN_INTERVAL.minus(since).toSeconds()));
                }
            }
            int version = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM anchor_versions WHERE tip_id = :id")
                    .bind("id", tipId).mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO anchor_versions (tip_id, version, anchor, replaced_at, similarity) VALUES (:id, :v, :anchor, :at, :s)")
                    .bind("id", tipId).bind("v", version).bind("anchor", tip.anchor()).bind("at", Times.format(now)).bind("s", similarity).execute();
            Apps.bumpContentVersion(h, app.id());
            return new Result(true, version, similarity);
        });
    }

    /** The tip's anchor now and every anchor a refresh replaced, newest first. */
    public History history(String tipId) {
        return db.read(h -> {
            String anchor = h.createQuery("SELECT anchor FROM tips WHERE id = :id").bind("id", tipId).mapTo(String.class).findOne()
                    .orElseThrow(() -> Problem.notFound("no tip " + tipId));
            List<Version> previous = h.createQuery("SELECT version, anchor, replaced_at, similarity FROM anchor_versions WHERE tip_id = :id ORDER BY version DESC")
                    .bind("id", tipId)
                    .map((rs, c) -> new Version(rs.getInt("version"), read(rs.getString("anchor")), rs.getString("replaced_at"), rs.getDouble("similarity")))
                    .list();
            return new History(tipId, anchor == null ? null : read(anchor), previous);
        });
    }

    /** A fingerprint as the overlay records it: version 1, a tag, at most 10 selectors of bounded length, props as an object. */
    private static void checkShape(String tipId, JsonNode fp) {
        Validation v = new Validation();
        v.text(tipId, "tipId", 100);
        if (fp == null || !fp.isObject()) {
            v.add("anchor", "is required: the refreshed fingerprint");
            v.throwIfInvalid();
        }
        v.check(fp.path("v").asInt(0) == 1, "anchor.v", "must be 1");
        v.check(fp.path("tag").isTextual() && fp.path("tag").asText().matches("[a-z][a-z0-9-]{0,39}"), "anchor.tag", "must be a lower-case tag name");
        JsonNode selectors = fp.get("selectors");
        if (selectors != null && !selectors.isNull()) {
            boolean ok = selectors.isArray() && selectors.size() <= 10;
            if (ok) for (JsonNode s : selectors) ok &= s.isObject() && s.path("css").isTextual() && s.path("css").asText().length() <= 500;
            v.check(ok, "anchor.selectors", "must be at most 10 objects with a css text of at most 500 characters");
        }
        for (String part : List.of("props", "context")) {
            JsonNode n = fp.get(part);
            v.check(n == null || n.isNull() || n.isObject(), "anchor." + part, "must be an object");
        }
        v.throwIfInvalid();
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored anchor is not JSON", e);
        }
    }
}
