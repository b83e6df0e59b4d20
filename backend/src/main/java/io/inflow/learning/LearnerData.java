package io.inflow.learning;

import io.inflow.events.Digest;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.crypto.Hashes;
import io.inflow.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Everything stored about one learner, found by the id the host app uses (hashed with each app's
 * secret, since the clear id is never stored), to hand over or to erase.
 */
public final class LearnerData {
    /** Tables keyed by app and learner hash; rollups of other features belong here too when they exist. */
    private static final List<String> TABLES = List.of("events", "memories", "learners", "learning_time", "reinforcement_prompts",
            "rollup_tip_learners", "rollup_walkthrough_learners", "walkthrough_progress", "learner_traits");

    private final Database db;
    private final Apps apps;
    private final Digest digest;
    private final MemoryWrites writes;
    private final Runnable rebuildRollups;

    /**
     * rebuildRollups recomputes the analytics rollups from the events left, so an erased learner leaves no
     * count behind; the digest is caught up first, so nothing of the learner is still waiting to be folded.
     */
    public LearnerData(Database db, Apps apps, Digest digest, MemoryWrites writes, Runnable rebuildRollups) {
        this.db = db;
        this.writes = writes;
        this.apps = apps;
        this.digest = digest;
        this.rebuildRollups = rebuildRollups;
    }

    public record AppData(String appId, String learnerHash, Map<String, List<Map<String, Object>>> tables) {}

    public record Export(String learnerId, List<AppData> apps) {}

    public record Erased(String learnerId, Map<String, Integer> rows) {}

    public Export export(String learnerId) {
        digest.catchUp();
        List<AppData> out = new ArrayList<>();
        for (App app : apps.list()) {
            String hash = Hashes.hmacSha256(app.learnerSecret(), learnerId);
            Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
            db.read(h -> {
                for (String table : TABLES) {
                    tables.put(table, rows(h, table, app.id(), hash));
                }
                return null;
            });
            if (tables.values().stream().anyMatch(rows -> !rows.isEmpty())) {
                out.add(new AppData(app.id(), hash, tables));
            }
        }
        return new Export(learnerId, out);
    }

    /** Deletes every row about the learner in every app, in one transaction. */
    public Erased erase(String learnerId) {
        List<App> all = apps.list();
        Map<String, Integer> counts = new LinkedHashMap<>();
        // settled: the learner's queued events are folded first, and none can be queued until the rows are gone
        digest.settled(h -> {
            writes.changing(h);
            for (App app : all) {
                String hash = Hashes.hmacSha256(app.learnerSecret(), learnerId);
                for (String table : TABLES) {
                    int n = h.createUpdate("DELETE FROM " + table + " WHERE app_id = :app AND learner_hash = :learner")
                            .bind("app", app.id()).bind("learner", hash).execute();
                    counts.merge(table, n, Integer::sum);
                }
            }
            return null;
        });
        if (counts.values().stream().anyMatch(n -> n > 0)) {
            rebuildRollups.run();
        }
        return new Erased(learnerId, counts);
    }

    private static List<Map<String, Object>> rows(Handle h, String table, String appId, String hash) {
        return h.createQuery("SELECT * FROM " + table + " WHERE app_id = :app AND learner_hash = :learner")
                .bind("app", appId).bind("learner", hash).mapToMap().list();
    }
}
