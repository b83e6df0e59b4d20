package io.inflow.tips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.Apps;
import io.inflow.content.Content;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Tips and their lifecycle: draft → published → archived. */
public final class Tips {
    public record Page(List<Tip> items, String next) {}

    private static final String SELECT = """
            SELECT t.id, t.app_id, t.title, t.body_markdown, t.body_html, t.body_tree, t.presentation, t.placement,
                   t.page_rule, t.anchor, t.learn_more_url, t.learn_more_label, t.media, t.status, a.email AS author,
                   t.created_at, t.updated_at, t.published_at, t.version,
                   t.trigger_on, t.frequency, t.audience, t.schedule_from, t.schedule_to, t.priority, t.locales, t.reinforce, t.check_json,
                   ws.walkthrough_id
            FROM tips t LEFT JOIN accounts a ON a.id = t.author_id LEFT JOIN walkthrough_steps ws ON ws.tip_id = t.id
            """;
    private static final TypeReference<List<Object>> TREE = new TypeReference<>() {};
    private static final TypeReference<List<Targeting.Condition>> CONDITIONS = new TypeReference<>() {};
    private static final TypeReference<java.util.Map<String, Stored>> TRANSLATIONS = new TypeReference<>() {};

    /** A translation as stored: the rendered tree is kept, unlike in the API's Translation. */
    private record Stored(String title, String body, String bodyHtml, List<Object> bodyTree) {}

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Apps apps;
    private final Content content;
    private final ObjectMapper mapper;
    private final RowMapper<Tip> rowMapper;
    private final TipVersions versions;

    public Tips(Database db, Ids ids, Clock clock, Apps apps, Content content, ObjectMapper mapper) {
        this.versions = new TipVersions(db, clock, mapper);
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.apps = apps;
        this.content = content;
        this.mapper = mapper;
        this.rowMapper = (rs, c) -> new Tip(rs.getString("id"), rs.getString("app_id"), rs.getString("title"),
                rs.getString("body_markdown"), rs.getString("body_html"), readTree(rs.getString("body_tree")),
                rs.getString("presentation"), rs.getString("placement"), rs.getString("page_rule"),
                readJson(rs.getString("anchor")),
                rs.getString("learn_more_url") == null ? null : new Tip.LearnMore(rs.getString("learn_more_url"), rs.getString("learn_more_label")),
                readMedia(rs.getString("media")),
                rs.getString("status"), rs.getString("author"), rs.getString("created_at"), rs.getString("updated_at"),
                rs.getString("published_at"), rs.getInt("version"),
                rs.getString("trigger_on"), rs.getString("frequency"), read(rs.getString("audience"), CONDITIONS),
                rs.getString("schedule_from") == null && rs.getString("schedule_to") == null ? null
                        : new Targeting.Schedule(rs.getString("schedule_from"), rs.getString("schedule_to")),
                rs.getInt("priority"), translations(rs.getString("locales")),
                rs.getInt("reinforce") != 0, readCheck(rs.getString("check_json")), rs.getString("walkthrough_id"));
    }

    public Tip create(TipInput in, String authorId) {
        Validation v = new Validation();
        in.validate(v, true);
        if (v.ok("appId") && apps.find(in.appId()).isEmpty()) {
            v.add("appId", "no app has this id");
        }
        checkRemedial(in, in.appId(), null, v);
        v.throwIfInvalid();
        String id = ids.next("tip");
        String now = Times.format(clock.instant());
        Content.Rendered body = content.markdown(in.bodyOrEmpty());
        return db.write(h -> {
            h.createUpdate("""
                        INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement,
                                          page_rule, anchor, learn_more_url, learn_more_label, media, status, author_id,
                                          created_at, updated_at, published_at, version,
                                          trigger_on, frequency, audience, schedule_from, schedule_to, priority, locales,
                                          reinforce, check_json)
                        VALUES (:id, :app, :title, :md, :html, :tree, :presentation, :placement, :rule, :anchor,
                                :lmUrl, :lmLabel, :media, 'draft', :author, :now, :now, NULL, 1,
                                :trigger, :frequency, :audience, :from, :to, :priority, :locales, :reinforce, :check)""")
                .bind("id", id).bind("app", in.appId()).bind("author", authorId).bind("now", now)
                .bindMap(editable(in, body)).execute();
            Tip created = find(h, id);
            versions.record(h, created, null, "created", created.author());
            return created;
        });
    }

    /** As below, by no one in particular (the version's `by` stays empty). */
    public Tip update(String id, TipInput in, Integer expectedVersion) {
        return update(id, in, expectedVersion, null);
    }

    /** Replaces the editable fields; expectedVersion (from If-Match) refuses a lost update; `by` is who saves. */
    public Tip update(String id, TipInput in, Integer expectedVersion, String by) {
        Validation v = new Validation();
        in.validate(v, false);
        find(id).ifPresent(existing -> checkRemedial(in, existing.appId(), id, v));
        v.throwIfInvalid();
        return db.write(h -> {
            Tip current = find(h, id);
            checkVersion(current, expectedVersion);
            return replace(h, current, in, "edited", by);
        });
    }

    /** Saves the content of an earlier version as a new version; the status stays as it is. */
    public Tip restore(String id, int version, Integer expectedVersion, String by) {
        return db.write(h -> {
            Tip current = find(h, id);
            checkVersion(current, expectedVersion);
            versions.recordIfMissing(h, current);
            TipVersions.Version old = versions.find(h, id, version)
                    .orElseThrow(() -> Problem.notFound("tip " + id + " has no version " + version));
            TipInput in = versions.input(old);
            Validation v = new Validation();
            in.validate(v, false);
            v.throwIfInvalid();
            return replace(h, current, in, "restored version " + version, by);
        });
    }

    public List<TipVersions.Version> versions(String id) {
        find(id).orElseThrow(() -> Problem.notFound("no tip " + id));
        return versions.list(id);
    }

    private static void checkVersion(Tip current, Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new Problem(412, "version-conflict", "Changed by someone else",
                    "this tip is at version " + current.version() + ", not " + expectedVersion + ": reload it and apply your change again", List.of());
        }
    }

    private Tip replace(Handle h, Tip current, TipInput in, String change, String by) {
        versions.recordIfMissing(h, current);
        Content.Rendered body = content.markdown(in.bodyOrEmpty());
        h.createUpdate("""
                        UPDATE tips SET title = :title, body_markdown = :md, body_html = :html, body_tree = :tree,
                               presentation = :presentation, placement = :placement, page_rule = :rule, anchor = :anchor,
                               learn_more_url = :lmUrl, learn_more_label = :lmLabel, media = :media, updated_at = :now, version = version + 1,
                               trigger_on = :trigger, frequency = :frequency, audience = :audience, schedule_from = :from,
                               schedule_to = :to, priority = :priority, locales = :locales, reinforce = :reinforce, check_json = :check
                        WHERE id = :id""")
                .bind("id", current.id()).bind("now", Times.format(clock.instant())).bindMap(editable(in, body)).execute();
        Apps.bumpContentVersion(h, current.appId());
        Tip saved = find(h, current.id());
        versions.record(h, saved, current, change, by);
        return saved;
    }

    public Tip setStatus(String id, String status) {
        return setStatus(id, status, null);
    }

    /** Moves the tip to a status; a real change is a new version, saved by `by`. */
    public Tip setStatus(String id, String status, String by) {
        return db.write(h -> setStatus(h, id, status, by));
    }

    /** As above, inside the caller's transaction (a walkthrough publishes all its steps at once). */
    public Tip setStatus(Handle h, String id, String status, String by) {
        Tip current = find(h, id);
        if (!current.status().equals(status)) {
            versions.recordIfMissing(h, current);
            String now = Times.format(clock.instant());
            h.createUpdate("""
                            UPDATE tips SET status = :status, updated_at = :now, version = version + 1,
                                   published_at = CASE WHEN :status = 'published' THEN :now ELSE published_at END
                            WHERE id = :id""")
                    .bind("id", id).bind("status", status).bind("now", now).execute();
            Apps.bumpContentVersion(h, current.appId());
            Tip saved = find(h, id);
            versions.record(h, saved, current, STATUS_CHANGE.get(status), by);
            return saved;
        }
        return current;
    }

    private static final java.util.Map<String, String> STATUS_CHANGE =
            java.util.Map.of("published", "published", "draft", "unpublished", "archived", "archived");

    public Optional<Tip> find(String id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map(rowMapper).findOne());
    }

    /** A tip of this app as it is inside the caller's transaction, if there is one. */
    public Optional<Tip> findIn(Handle h, String appId, String id) {
        return h.createQuery(SELECT + " WHERE t.id = :id AND t.app_id = :app").bind("id", id).bind("app", appId).map(rowMapper).findOne();
    }

    /** The tip as it is inside the caller's transaction. */
    public Tip find(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map(rowMapper).findOne()
                .orElseThrow(() -> Problem.notFound("no tip " + id));
    }

    /** Newest first; the cursor is the last id of the previous page. */
    public Page list(String appId, String status, String after, int limit) {
        return list(new Filter(appId, status, null, null), after, limit);
    }

    /** Which tips a list shows: app, status, words in the title, text in the page rule (each optional). */
    public record Filter(String appId, String status, String titleContains, String pageRuleContains) {}

    public Page list(Filter filter, String after, int limit) {
        List<Tip> rows = db.read(h -> {
            StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
            java.util.Map<String, Object> binds = new java.util.HashMap<>();
            if (filter.appId() != null) {
                sql.append(" AND t.app_id = :app");
                binds.put("app", filter.appId());
            }
            if (filter.status() != null) {
                sql.append(" AND t.status = :status");
                binds.put("status", filter.status());
            }
            if (filter.titleContains() != null) {
                sql.append(" AND LOWER(t.title) LIKE :title ESCAPE '!'");
                binds.put("title", containsPattern(filter.titleContains()));
            }
            if (filter.pageRuleContains() != null) {
                sql.append(" AND LOWER(t.page_rule) LIKE :rule ESCAPE '!'");
                binds.put("rule", containsPattern(filter.pageRuleContains()));
            }
            if (after != null) {
                sql.append(" AND t.id < :after");
                binds.put("after", after);
            }
            sql.append(" ORDER BY t.id DESC LIMIT :limit");
            return h.createQuery(sql.toString()).bind("limit", limit + 1).bindMap(binds).map(rowMapper).list();
        });
        boolean more = rows.size() > limit;
        List<Tip> items = more ? rows.subList(0, limit) : rows;
        return new Page(List.copyOf(items), more ? items.get(items.size() - 1).id() : null);
    }

    /** A LIKE pattern for text anywhere, case-insensitive; % and _ typed by the author are literal. */
    private static String containsPattern(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    /** What an author previews: drafts and published tips. */
    public List<Tip> previewed(String appId) {
        return db.read(h -> h.createQuery(SELECT + " WHERE t.app_id = :app AND t.status IN ('draft', 'published') ORDER BY t.id")
                .bind("app", appId).map(rowMapper).list());
    }

    public List<Tip> published(String appId) {
        return db.read(h -> h.createQuery(SELECT + " WHERE t.app_id = :app AND t.status = 'published' ORDER BY t.id")
                .bind("app", appId).map(rowMapper).list());
    }

    private java.util.Map<String, Object> editable(TipInput in, Content.Rendered body) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("title", in.title().trim());
        values.put("md", in.bodyOrEmpty());
        values.put("html", body.html());
        values.put("tree", write(body.tree()));
        values.put("presentation", in.presentation());
        values.put("placement", in.placementOrDefault());
        values.put("rule", in.pageRule().trim());
        values.put("anchor", in.anchor() == null || in.anchor().isNull() ? null : in.anchor().toString());
        values.put("lmUrl", in.learnMore() == null ? null : in.learnMore().url().trim());
        values.put("lmLabel", in.learnMore() == null ? null
                : in.learnMore().label() == null || in.learnMore().label().isBlank() ? "Learn more" : in.learnMore().label().trim());
        values.put("media", in.media() == null ? null : write(new Tip.Media(in.media().type(), in.media().url().trim(),
                in.media().alt() == null || in.media().alt().isBlank() ? null : in.media().alt().trim())));
        values.put("trigger", in.triggerOrDefault());
        values.put("frequency", in.frequencyOrDefault());
        values.put("audience", write(in.audienceOrEmpty()));
        values.put("from", in.schedule() == null || in.schedule().from() == null ? null : Times.format(java.time.Instant.parse(in.schedule().from())));
        values.put("to", in.schedule() == null || in.schedule().to() == null ? null : Times.format(java.time.Instant.parse(in.schedule().to())));
        values.put("priority", in.priorityOrDefault());
        java.util.Map<String, Stored> locales = new java.util.TreeMap<>();
        in.localesOrEmpty().forEach((tag, text) -> {
            String md = text.body() == null ? "" : text.body();
            Content.Rendered rendered = content.markdown(md);
            locales.put(Targeting.normalTag(tag), new Stored(text.title().trim(), md, rendered.html(), rendered.tree()));
        });
        values.put("locales", write(locales));
        values.put("reinforce", in.reinforceOrDefault() ? 1 : 0);
        values.put("check", in.check() == null ? null : write(in.check()));
        return values;
    }

    private java.util.Map<String, Targeting.Translation> translations(String json) {
        java.util.Map<String, Targeting.Translation> out = new java.util.LinkedHashMap<>();
        read(json, TRANSLATIONS).forEach((tag, t) -> out.put(tag, new Targeting.Translation(t.title(), t.body(), t.bodyHtml(), t.bodyTree())));
        return out;
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tip column is not JSON", e);
        }
    }

    /** A remedial tip must be another tip of the same app. */
    private void checkRemedial(TipInput in, String appId, String selfId, Validation v) {
        if (in.check() == null || in.check().remedialTipId() == null || !v.ok("check.remedialTipId")) {
            return;
        }
        String remedial = in.check().remedialTipId();
        boolean sameApp = find(remedial).map(t -> t.appId().equals(appId)).orElse(false);
        v.check(sameApp && !remedial.equals(selfId), "check.remedialTipId", "must be the id of another tip of the same app");
    }

    private Tip.Check readCheck(String json) {
        try {
            return json == null ? null : mapper.readValue(json, Tip.Check.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored check is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tip.Media readMedia(String json) {
        return json == null ? null : read(json, new TypeReference<Tip.Media>() {});
    }

    private List<Object> readTree(String json) {
        return read(json, TREE);
    }

    private JsonNode readJson(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored anchor is not JSON", e);
        }
    }
}
