package io.inflow.apps;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Apps: their site keys, allowed origins and the version stamp that invalidates delivery caches. */
public final class Apps implements AutoCloseable {
    private static final String COLUMNS = "id, name, site_key, allowed_origins, learner_secret, content_version, created_at, updated_at, theme, anchor_healing";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<java.util.Map<String, String>> THEME = new TypeReference<>() {};

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final RowMapper<App> rowMapper;
    private final SiteKeys siteKeys;

    public Apps(Database db, Ids ids, Clock clock, ObjectMapper mapper) {
        this(db, ids, clock, mapper, false);
    }

    /** cacheSiteKeys: serve the overlay's site-key lookups from memory (see {@link SiteKeys}); a server does, commands don't. */
    public Apps(Database db, Ids ids, Clock clock, ObjectMapper mapper, boolean cacheSiteKeys) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.rowMapper = (rs, c) -> new App(rs.getString("id"), rs.getString("name"), rs.getString("site_key"),
                readOrigins(rs.getString("allowed_origins")), rs.getString("learner_secret"),
                rs.getLong("content_version"), rs.getString("created_at"), rs.getString("updated_at"), readTheme(rs.getString("theme")),
                rs.getBoolean("anchor_healing"));
        this.siteKeys = cacheSiteKeys ? new SiteKeys(db, this::bySiteKeyFromStore) : null;
        if (siteKeys != null) {
            db.jdbi().getConfig(AppChanges.class).listen(siteKeys::forget);
        }
    }

    public App create(String name, List<String> allowedOrigins) {
        return create(name, allowedOrigins, ids.secret(18));
    }

    /** Creates an app with a chosen site key (the demo uses a readable one). */
    public App create(String name, List<String> allowedOrigins, String siteKey) {
        List<String> origins = validate(name, allowedOrigins);
        String id = ids.next("app");
        String now = Times.format(clock.instant());
        db.write(h -> h.createUpdate("INSERT INTO apps (" + COLUMNS + ") VALUES (:id, :name, :key, :origins, :secret, 1, :now, :now, '{}', TRUE)")
                .bind("id", id).bind("name", name.trim()).bind("key", siteKey).bind("origins", writeOrigins(origins))
                .bind("secret", ids.secret(32)).bind("now", now).execute());
        return find(id).orElseThrow();
    }

    public App update(String id, String name, List<String> allowedOrigins) {
        return update(id, name, allowedOrigins, null);
    }

    /** Changes what is given (null: unchanged); a theme replaces the whole theme. */
    public App update(String id, String name, List<String> allowedOrigins, java.util.Map<String, String> theme) {
        return update(id, name, allowedOrigins, theme, null);
    }

    /** As above; anchorHealing null leaves the setting as it is. */
    public App update(String id, String name, List<String> allowedOrigins, java.util.Map<String, String> theme, Boolean anchorHealing) {
        App current = find(id).orElseThrow(() -> Problem.notFound("no app " + id));
        String newName = name == null ? current.name() : name;
        Validation themeErrors = new Validation();
        java.util.Map<String, String> newTheme = theme == null ? current.theme() : Theme.check(themeErrors, theme);
        themeErrors.throwIfInvalid();
        List<String> origins = validate(newName, allowedOrigins == null ? current.allowedOrigins() : allowedOrigins);
        db.write(h -> {
            h.createUpdate("UPDATE apps SET name = :name, allowed_origins = :origins, theme = :theme, anchor_healing = :healing, updated_at = :now WHERE id = :id")
                    .bind("healing", anchorHealing == null ? current.anchorHealing() : anchorHealing).bind("id", id).bind("name", newName.trim()).bind("origins", writeOrigins(origins)).bind("theme", write(newTheme))
                    .bind("now", Times.format(clock.instant())).execute();
            return bumpContentVersion(h, id);
        });
        return find(id).orElseThrow();
    }

    public Optional<App> find(String id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM apps WHERE id = :id").bind("id", id).map(rowMapper).findOne());
    }

    /** The app of a site key: its current key, or a rotated-out one still within its grace period. */
    public Optional<App> bySiteKey(String siteKey) {
        return siteKeys == null ? bySiteKeyFromStore(siteKey) : siteKeys.find(siteKey);
    }

    private Optional<App> bySiteKeyFromStore(String siteKey) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM apps WHERE site_key = :key").bind("key", siteKey).map(rowMapper).findOne()
                .or(() -> h.createQuery("SELECT " + COLUMNS.replaceAll("(^|, )", "$1a.") + " FROM apps a JOIN retired_site_keys r ON r.app_id = a.id "
                                + "WHERE r.site_key = :key AND r.valid_until > :now")
                        .bind("key", siteKey).bind("now", Times.format(clock.instant())).map(rowMapper).findOne()));
    }

    /**
     * Gives the app a new site key; the old one keeps working for the grace period, so the
     * snippet can be updated on the host app without a moment in which tips disappear.
     */
    public App rotateSiteKey(String id, java.time.Duration grace) {
        App current = find(id).orElseThrow(() -> Problem.notFound("no app " + id));
        String now = Times.format(clock.instant());
        db.write(h -> {
            h.createUpdate("INSERT INTO retired_site_keys (site_key, app_id, valid_until) VALUES (:key, :app, :until)")
                    .bind("key", current.siteKey()).bind("app", id).bind("until", Times.format(clock.instant().plus(grace))).execute();
            h.createUpdate("UPDATE apps SET site_key = :key, updated_at = :now WHERE id = :id")
                    .bind("key", ids.secret(18)).bind("now", now).bind("id", id).execute();
            return bumpContentVersion(h, id);
        });
        return find(id).orElseThrow();
    }

    public List<App> list() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM apps ORDER BY name, id").map(rowMapper).list());
    }

    /** Marks the app's content as changed, so every server's delivery cache reloads it. */
    public static int bumpContentVersion(Handle h, String appId) {
        int changed = h.createUpdate("UPDATE apps SET content_version = content_version + 1 WHERE id = :id").bind("id", appId).execute();
        h.getConfig(AppChanges.class).changed(h, appId);
        return changed;
    }

    /** Stops this server's site-key cache, if it has one. */
    @Override
    public void close() {
        if (siteKeys != null) {
            siteKeys.close();
        }
    }

    private static List<String> validate(String name, List<String> allowedOrigins) {
        Validation v = new Validation().text(name, "name", 200);
        List<String> origins = new ArrayList<>();
        if (allowedOrigins == null) {
            v.add("allowedOrigins", "is required (an empty list is allowed)");
        } else {
            v.check(allowedOrigins.size() <= 50, "allowedOrigins", "must list at most 50 origins");
            for (int i = 0; i < allowedOrigins.size(); i++) {
                String origin = normaliseOrigin(allowedOrigins.get(i));
                if (origin == null) {
                    v.add("allowedOrigins[" + i + "]", "must be an origin such as https://crm.example.com (scheme, host and optional port, no path)");
                } else if (!origins.contains(origin)) {
                    origins.add(origin);
                }
            }
        }
        v.throwIfInvalid();
        return origins;
    }

    /** scheme://host[:port] in lower case, or null when the text is not such an origin. */
    static String normaliseOrigin(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private String writeOrigins(List<String> origins) {
        return write(origins);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> readOrigins(String json) {
        try {
            return List.copyOf(mapper.readValue(json, STRINGS));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored allowed origins are not JSON", e);
        }
    }

    private java.util.Map<String, String> readTheme(String json) {
        try {
            return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(mapper.readValue(json == null ? "{}" : json, THEME)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored theme is not JSON", e);
        }
    }
}
