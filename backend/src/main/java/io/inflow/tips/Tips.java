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
import org.jdbi.v3.core.statement.Query;

/** Tips and their lifecycle: draft → published → archived. */
public final class Tips {
    public record Page(List<Tip> items, String next) {}

    private static final String SELECT = """
            SELECT t.id, t.app_id, t.title, t.body_markdown, t.body_html, t.body_tree, t.presentation, t.placement,
                   t.page_rule, t.anchor, t.learn_more_url, t.learn_more_label, t.status, a.email AS author,
                   t.created_at, t.updated_at, t.published_at, t.version, t.reinforce, t.check_json
            FROM tips t LEFT JOIN accounts a ON a.id = t.author_id
            """;
    private static final TypeReference<List<Object>> TREE = new TypeReference<>() {};

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Apps apps;
    private final Content content;
    private final ObjectMapper mapper;
    private final RowMapper<Tip> rowMapper;

    public Tips(Database db, Ids ids, Clock clock, Apps apps, Content content, ObjectMapper mapper) {
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
                rs.getString("status"), rs.getString("author"), rs.getString("created_at"), rs.getString("updated_at"),
                rs.getString("published_at"), rs.getInt("version"), rs.getInt("reinforce") != 0, readCheck(rs.getString("check_json")));
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
        db.write(h -> h.createUpdate("""
                        INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement,
                                          page_rule, anchor, learn_more_url, learn_more_label, status, author_id,
                                          created_at, updated_at, published_at, version, reinforce, check_json)
                        VALUES (:id, :app, :title, :md, :html, :tree, :presentation, :placement, :rule, :anchor,
                                :lmUrl, :lmLabel, 'draft', :author, :now, :now, NULL, 1, :reinforce, :check)""")
                .bind("id", id).bind("app", in.appId()).bind("author", authorId).bind("now", now)
                .bindMap(editable(in, body)).execute());
        return find(id).orElseThrow();
    }

    /** Replaces the editable fields; expectedVersion (from If-Match) refuses a lost update. */
    public Tip update(String id, TipInput in, Integer expectedVersion) {
        Validation v = new Validation();
        in.validate(v, false);
        find(id).ifPresent(existing -> checkRemedial(in, existing.appId(), id, v));
        v.throwIfInvalid();
        Content.Rendered body = content.markdown(in.bodyOrEmpty());
        return db.write(h -> {
            Tip current = find(h, id);
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new Problem(412, "version-conflict", "Changed by someone else",
                        "this tip is at version " + current.version() + ", not " + expectedVersion + ": reload it and apply your change again", List.of());
            }
            h.createUpdate("""
                            UPDATE tips SET title = :title, body_markdown = :md, body_html = :html, body_tree = :tree,
                                   presentation = :presentation, placement = :placement, page_rule = :rule, anchor = :anchor,
                                   learn_more_url = :lmUrl, learn_more_label = :lmLabel, reinforce = :reinforce, check_json = :check,
                                   updated_at = :now, version = version + 1
                            WHERE id = :id""")
                    .bind("id", id).bind("now", Times.format(clock.instant())).bindMap(editable(in, body)).execute();
            Apps.bumpContentVersion(h, current.appId());
            return find(h, id);
        });
    }

    public Tip setStatus(String id, String status) {
        return db.write(h -> {
            Tip current = find(h, id);
            if (!current.status().equals(status)) {
                String now = Times.format(clock.instant());
                h.createUpdate("""
                                UPDATE tips SET status = :status, updated_at = :now, version = version + 1,
                                       published_at = CASE WHEN :status = 'published' THEN :now ELSE published_at END
                                WHERE id = :id""")
                        .bind("id", id).bind("status", status).bind("now", now).execute();
                Apps.bumpContentVersion(h, current.appId());
            }
            return find(h, id);
        });
    }

    public Optional<Tip> find(String id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map(rowMapper).findOne());
    }

    private Tip find(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id).map(rowMapper).findOne()
                .orElseThrow(() -> Problem.notFound("no tip " + id));
    }

    /** Newest first; the cursor is the last id of the previous page. */
    public Page list(String appId, String status, String after, int limit) {
        List<Tip> rows = db.read(h -> {
            StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
            if (appId != null) sql.append(" AND t.app_id = :app");
            if (status != null) sql.append(" AND t.status = :status");
            if (after != null) sql.append(" AND t.id < :after");
            sql.append(" ORDER BY t.id DESC LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("limit", limit + 1);
            if (appId != null) q.bind("app", appId);
            if (status != null) q.bind("status", status);
            if (after != null) q.bind("after", after);
            return q.map(rowMapper).list();
        });
        boolean more = rows.size() > limit;
        List<Tip> items = more ? rows.subList(0, limit) : rows;
        return new Page(List.copyOf(items), more ? items.get(items.size() - 1).id() : null);
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
        values.put("reinforce", in.reinforceOrDefault() ? 1 : 0);
        values.put("check", in.check() == null ? null : write(in.check()));
        return values;
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

    private List<Object> readTree(String json) {
        try {
            return mapper.readValue(json, TREE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored body tree is not JSON", e);
        }
    }

    private JsonNode readJson(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored anchor is not JSON", e);
        }
    }
}
