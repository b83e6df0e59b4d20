package io.inflow.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.Apps;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The webhooks of apps, as stored. */
public final class Webhooks {
    /** A new webhook as answered once: with its secret. */
    public record Created(String id, String appId, String url, List<String> eventTypes, String secret, String createdAt) {}

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Apps apps;
    private final ObjectMapper mapper;

    public Webhooks(Database db, Ids ids, Clock clock, Apps apps, ObjectMapper mapper) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.apps = apps;
        this.mapper = mapper;
    }

    public Created create(String appId, String url, List<String> eventTypes) {
        apps.find(appId).orElseThrow(() -> Problem.notFound("no app " + appId));
        Validation v = new Validation();
        v.check(url != null && validUrl(url), "url", "must be an absolute http(s) URL");
        v.check(eventTypes != null && !eventTypes.isEmpty(), "eventTypes", "must name at least one event type");
        if (eventTypes != null) {
            for (int i = 0; i < eventTypes.size(); i++) {
                v.oneOf(eventTypes.get(i), "eventTypes[" + i + "]", Event.TYPES);
            }
        }
        v.throwIfInvalid();
        Created made = new Created(ids.next("whk"), appId, url, List.copyOf(eventTypes), ids.secret(24), Times.format(clock.instant()));
        db.write(h -> {
            h.createUpdate("""
                    INSERT INTO webhooks (id, app_id, url, event_types, secret, created_at) VALUES (:id, :appId, :url, :types, :secret, :createdAt)""")
                    .bindMethods(made).bind("types", json(made.eventTypes())).execute();
            // a new webhook gets what happens from now on, not the app's history
            return h.createUpdate("""
                    INSERT INTO export_cursors (target, received_at, event_id, delivered, updated_at) VALUES (:target, :t, '', 0, :t)""")
                    .bind("target", WebhookPush.target(made.id())).bind("t", made.createdAt()).execute();
        });
        return made;
    }

    public List<Webhook> ofApp(String appId) {
        return query("WHERE app_id = :app ORDER BY created_at, id", appId);
    }

    public List<Webhook> all() {
        return query("ORDER BY created_at, id", null);
    }

    public Optional<Webhook> find(String id) {
        return db.read(h -> h.createQuery("SELECT id, app_id, url, event_types, secret, created_at FROM webhooks WHERE id = :id")
                .bind("id", id).map((rs, c) -> row(rs)).findOne());
    }

    public boolean delete(String id) {
        return db.write(h -> {
            h.createUpdate("DELETE FROM export_cursors WHERE target = :target").bind("target", WebhookPush.target(id)).execute();
            return h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute();
        }) == 1;
    }

    private List<Webhook> query(String tail, String appId) {
        return db.read(h -> {
            var q = h.createQuery("SELECT id, app_id, url, event_types, secret, created_at FROM webhooks " + tail);
            if (appId != null) {
                q.bind("app", appId);
            }
            return q.map((rs, c) -> row(rs)).list();
        });
    }

    private Webhook row(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            return new Webhook(rs.getString("id"), rs.getString("app_id"), rs.getString("url"),
                    mapper.readValue(rs.getString("event_types"), new TypeReference<List<String>>() { }), rs.getString("secret"),
                    rs.getString("created_at"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable event types of webhook " + rs.getString("id"), e);
        }
    }

    private String json(List<String> types) {
        try {
            return mapper.writeValueAsString(types);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
