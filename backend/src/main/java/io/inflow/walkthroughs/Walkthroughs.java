package io.inflow.walkthroughs;

import io.inflow.apps.Apps;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.store.Times;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Walkthroughs and their lifecycle (draft → published → archived); every change is one transaction. */
public final class Walkthroughs {
    private static final String SELECT = "SELECT id, app_id, title, status, start_on, version, created_at, updated_at, updated_by FROM walkthroughs";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Apps apps;
    private final Tips tips;

    public Walkthroughs(Database db, Ids ids, Clock clock, Apps apps, Tips tips) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.apps = apps;
        this.tips = tips;
    }

    public Walkthrough create(WalkthroughInput in, String by) {
        Validation v = new Validation();
        in.validate(v, true);
        if (v.ok("appId") && apps.find(in.appId()).isEmpty()) {
            v.add("appId", "no app has this id");
        }
        v.throwIfInvalid();
        String id = ids.next("wt");
        String now = Times.format(clock.instant());
        return db.write(h -> {
            checkSteps(h, in, in.appId(), id);
            h.createUpdate("""
                            INSERT INTO walkthroughs (id, app_id, title, status, start_on, version, created_at, updated_at, updated_by)
                            VALUES (:id, :app, :title, 'draft', :startOn, 1, :now, :now, :by)""")
                    .bind("id", id).bind("app", in.appId()).bind("title", in.title().trim()).bind("startOn", in.startOnOrDefault())
                    .bind("now", now).bind("by", by).execute();
            insertSteps(h, id, in);
            Apps.bumpContentVersion(h, in.appId()); // its tips are steps now, no longer delivered on their own
            return find(h, id);
        });
    }

    /** Replaces title, start and steps (a reorder is the new order); expectedVersion (If-Match) refuses a lost update. */
    public Walkthrough update(String id, WalkthroughInput in, Integer expectedVersion, String by) {
        Validation v = new Validation();
        in.validate(v, false);
        v.throwIfInvalid();
        return db.write(h -> {
            Walkthrough current = find(h, id);
            checkVersion(current, expectedVersion);
            checkSteps(h, in, current.appId(), id);
            h.createUpdate("""
                            UPDATE walkthroughs SET title = :title, start_on = :startOn, version = version + 1, updated_at = :now,
                                   updated_by = :by WHERE id = :id""")
                    .bind("id", id).bind("title", in.title().trim()).bind("startOn", in.startOnOrDefault())
                    .bind("now", Times.format(clock.instant())).bind("by", by).execute();
            h.createUpdate("DELETE FROM walkthrough_steps WHERE walkthrough_id = :id").bind("id", id).execute();
            insertSteps(h, id, in);
            Apps.bumpContentVersion(h, current.appId());
            return find(h, id);
        });
    }

    /**
     * Publishes the walkthrough and every step's tip together, or refuses with one error per failing
     * step (422) and changes nothing.
     */
    public Walkthrough publish(String id, Integer expectedVersion, String by) {
        return db.write(h -> {
            Walkthrough current = find(h, id);
            checkVersion(current, expectedVersion);
            Validation v = new Validation();
            v.check(!current.status().equals("archived"), "status", "an archived walkthrough cannot be published: copy its steps into a new one");
            for (Walkthrough.Step step : current.steps()) {
                Tip tip = tips.find(h, step.tipId());
                String at = "steps[" + (step.position() - 1) + "].tipId";
                v.check(!tip.status().equals("archived"), at, "step " + step.position() + "'s tip " + tip.id()
                        + " is archived: unarchive it or replace the step");
                if (tip.check() != null && tip.check().remedialTipId() != null) {
                    String remedial = tip.check().remedialTipId();
                    boolean ready = current.steps().stream().anyMatch(s -> s.tipId().equals(remedial))
                            || tips.find(h, remedial).status().equals("published");
                    v.check(ready, at, "step " + step.position() + "'s check points to the remedial tip " + remedial + ", which is not published");
                }
            }
            v.throwIfInvalid();
            for (Walkthrough.Step step : current.steps()) {
                tips.setStatus(h, step.tipId(), "published", by);
            }
            return setStatus(h, current, "published", by);
        });
    }

    public Walkthrough archive(String id, Integer expectedVersion, String by) {
        return db.write(h -> {
            Walkthrough current = find(h, id);
            checkVersion(current, expectedVersion);
            return setStatus(h, current, "archived", by);
        });
    }

    public Optional<Walkthrough> find(String id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, c) -> rs.getString("id")).findOne()
                .map(found -> find(h, found)));
    }

    /** An app's walkthroughs, newest first. */
    public List<Walkthrough> list(String appId) {
        return db.read(h -> h.createQuery("SELECT id FROM walkthroughs WHERE app_id = :app ORDER BY id DESC")
                .bind("app", appId).mapTo(String.class).list().stream().map(id -> find(h, id)).toList());
    }

    /** What workers may be shown: the app's published walkthroughs, oldest first. */
    public List<Walkthrough> published(String appId) {
        return withStatus(appId, List.of("published"));
    }

    /** What an author's test run may play: drafts and published ones. */
    public List<Walkthrough> previewed(String appId) {
        return withStatus(appId, List.of("draft", "published"));
    }

    private List<Walkthrough> withStatus(String appId, List<String> statuses) {
        return db.read(h -> h.createQuery("SELECT id FROM walkthroughs WHERE app_id = :app AND status IN (<statuses>) ORDER BY id")
                .bind("app", appId).bindList("statuses", statuses).mapTo(String.class).list().stream().map(id -> find(h, id)).toList());
    }

    private Walkthrough setStatus(Handle h, Walkthrough current, String status, String by) {
        if (current.status().equals(status)) {
            return current;
        }
        h.createUpdate("UPDATE walkthroughs SET status = :status, version = version + 1, updated_at = :now, updated_by = :by WHERE id = :id")
                .bind("id", current.id()).bind("status", status).bind("now", Times.format(clock.instant())).bind("by", by).execute();
        Apps.bumpContentVersion(h, current.appId());
        return find(h, current.id());
    }

    /** Each step's tip must be a tip of the app that is no other walkthrough's step; all errors at once. */
    private void checkSteps(Handle h, WalkthroughInput in, String appId, String selfId) {
        Validation v = new Validation();
        for (int i = 0; i < in.steps().size(); i++) {
            String tipId = in.steps().get(i).tipId();
            Optional<Tip> tip = tips.findIn(h, appId, tipId);
            if (tip.isEmpty()) {
                v.add("steps[" + i + "].tipId", "no tip " + tipId + " in this app");
            } else if (tip.get().walkthroughId() != null && !tip.get().walkthroughId().equals(selfId)) {
                v.add("steps[" + i + "].tipId", "tip " + tipId + " is already a step of walkthrough " + tip.get().walkthroughId());
            }
        }
        v.throwIfInvalid();
    }

    private static void insertSteps(Handle h, String id, WalkthroughInput in) {
        var batch = h.prepareBatch("""
                INSERT INTO walkthrough_steps (walkthrough_id, position, tip_id, url, on_right, on_wrong)
                VALUES (:walkthrough, :position, :tip, :url, :onRight, :onWrong)""");
        for (int i = 0; i < in.steps().size(); i++) {
            WalkthroughInput.StepInput step = in.steps().get(i);
            batch.bind("walkthrough", id).bind("position", i + 1).bind("tip", step.tipId())
                    .bind("url", step.url() == null ? null : step.url().trim())
                    .bind("onRight", step.onRight()).bind("onWrong", step.onWrong()).add();
        }
        batch.execute();
    }

    private static Integer position(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static void checkVersion(Walkthrough current, Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new Problem(412, "version-conflict", "Changed by someone else", "this walkthrough is at version " + current.version()
                    + ", not " + expectedVersion + ": reload it and apply your change again", List.of());
        }
    }

    private static Walkthrough find(Handle h, String id) {
        List<Walkthrough.Step> steps = new ArrayList<>(h.createQuery("""
                        SELECT s.position, s.tip_id, t.title, t.page_rule, s.url, s.on_right, s.on_wrong
                        FROM walkthrough_steps s JOIN tips t ON t.id = s.tip_id
                        WHERE s.walkthrough_id = :id ORDER BY s.position""")
                .bind("id", id)
                .map((rs, c) -> new Walkthrough.Step(rs.getInt("position"), rs.getString("tip_id"), rs.getString("title"),
                        rs.getString("page_rule"), rs.getString("url"), position(rs, "on_right"), position(rs, "on_wrong")))
                .list());
        return h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, c) -> new Walkthrough(rs.getString("id"), rs.getString("app_id"), rs.getString("title"), rs.getString("status"),
                        rs.getString("start_on"), List.copyOf(steps), rs.getInt("version"), rs.getString("created_at"),
                        rs.getString("updated_at"), rs.getString("updated_by")))
                .findOne().orElseThrow(() -> Problem.notFound("no walkthrough " + id));
    }
}
