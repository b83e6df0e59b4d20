package io.inflow.walkthroughs;

import io.inflow.apps.App;
import io.inflow.learning.Learning;
import io.inflow.store.Database;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each learner's progress through walkthroughs, kept under the learner's keyed hash. A write names the
 * step reached, the status and when the learner did it: writing it again changes nothing, and of two
 * writes the newer one wins, the later one on a tie (the overlay sends what it did offline once it is back online).
 */
public final class Progress {
    public static final List<String> STATUSES = List.of("active", "completed", "closed");

    /** Where a learner is in one walkthrough; updatedAt is when the learner got there. */
    public record Step(String walkthroughId, int step, String status, String updatedAt) {}

    /** What the overlay sends (as JSON or text/plain). */
    public record Write(String learnerId, String learnerSignature, Integer step, String status, String at) {}

    private final Database db;
    private final Learning learning;
    private final Walkthroughs walkthroughs;
    private final Clock clock;

    public Progress(Database db, Learning learning, Walkthroughs walkthroughs, Clock clock) {
        this.db = db;
        this.learning = learning;
        this.walkthroughs = walkthroughs;
        this.clock = clock;
    }

    /** The learner's progress in each walkthrough of the app they have started, by walkthrough id. */
    public Map<String, Step> of(App app, String learnerId) {
        String learner = learning.learnerHash(app, learnerId);
        Map<String, Step> out = new LinkedHashMap<>();
        db.read(h -> h.createQuery("""
                        SELECT walkthrough_id, step, status, updated_at FROM walkthrough_progress
                        WHERE app_id = :app AND learner_hash = :learner ORDER BY walkthrough_id""")
                .bind("app", app.id()).bind("learner", learner)
                .map((rs, c) -> new Step(rs.getString("walkthrough_id"), rs.getInt("step"), rs.getString("status"), rs.getString("updated_at")))
                .list()).forEach(s -> out.put(s.walkthroughId(), s));
        return out;
    }

    /** Saves the write unless the stored progress is newer; answers the progress stored now (which may be the newer one). */
    public Step save(App app, String walkthroughId, Write in) {
        Validation v = new Validation();
        v.check(in.learnerId() != null && !in.learnerId().isBlank() && in.learnerId().length() <= 200, "learnerId", "is required: 1 to 200 characters");
        v.check(in.step() != null && in.step() >= 1, "step", "is required: the position of the step reached, from 1");
        v.oneOf(in.status(), "status", STATUSES);
        Instant now = clock.instant();
        Instant at = now;
        if (in.at() != null) {
            try {
                at = Instant.parse(in.at());
                // a fast clock must not make a write win forever
                at = at.isAfter(now) ? now : at;
            } catch (DateTimeParseException e) {
                v.add("at", "must be an ISO-8601 UTC time such as 2026-11-23T09:00:00Z");
            }
        }
        v.throwIfInvalid();
        learning.verify(app, in.learnerId(), in.learnerSignature());
        Walkthrough walkthrough = walkthroughs.find(walkthroughId).filter(w -> w.appId().equals(app.id()) && w.status().equals("published"))
                .orElseThrow(() -> Problem.notFound("no published walkthrough " + walkthroughId + " in this app"));
        new Validation().check(in.step() <= walkthrough.steps().size(), "step", "this walkthrough has " + walkthrough.steps().size() + " steps")
                .throwIfInvalid();
        String learner = learning.learnerHash(app, in.learnerId());
        String when = Times.format(at);
        return db.write(h -> {
            h.createUpdate("""
                            INSERT INTO walkthrough_progress (app_id, learner_hash, walkthrough_id, step, status, updated_at)
                            VALUES (:app, :learner, :walkthrough, :step, :status, :at)
                            ON CONFLICT (app_id, learner_hash, walkthrough_id) DO UPDATE
                            SET step = excluded.step, status = excluded.status, updated_at = excluded.updated_at
                            WHERE excluded.updated_at >= walkthrough_progress.updated_at""")
                    .bind("app", app.id()).bind("learner", learner).bind("walkthrough", walkthroughId)
                    .bind("step", in.step()).bind("status", in.status()).bind("at", when).execute();
            return h.createQuery("""
                            SELECT walkthrough_id, step, status, updated_at FROM walkthrough_progress
                            WHERE app_id = :app AND learner_hash = :learner AND walkthrough_id = :walkthrough""")
                    .bind("app", app.id()).bind("learner", learner).bind("walkthrough", walkthroughId)
                    .map((rs, c) -> new Step(rs.getString("walkthrough_id"), rs.getInt("step"), rs.getString("status"), rs.getString("updated_at")))
                    .one();
        });
    }
}
