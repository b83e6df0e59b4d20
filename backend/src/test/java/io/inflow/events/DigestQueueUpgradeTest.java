package io.inflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.store.Database;
import io.inflow.testing.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** SQLite's digest queue named events by id before it named rowids: rows queued then are folded after the upgrade. */
class DigestQueueUpgradeTest {
    @Test
    void aRowQueuedByThePreviousVersionIsFoldedOnceAfterTheUpgrade() throws Exception {
        String url = Databases.sqlite();
        // the schema as the previous version left it, with a row queued for two stored events
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration", "classpath:db/sqlite").target("16").load().migrate();
        String first = "0190f0c0-0000-7000-8000-000000000001";
        String second = "0190f0c0-0000-7000-8000-000000000002";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String id : List.of(first, second, "0190f0c0-0000-7000-8000-000000000003")) {
                s.executeUpdate("INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at) VALUES ('" + id
                        + "', 'app_1', 'tip_shown', 'tip_1', 'h', '2026-11-20T12:00:00.000Z', '2026-11-20T12:00:01.000Z')");
            }
            s.executeUpdate("INSERT INTO digest_queue (event_ids) VALUES ('" + first + "," + second + "')");
        }
        try (Database db = Database.open(url)) {
            List<String> folded = new ArrayList<>();
            new Digest(db, List.of((h, stored) -> stored.forEach(e -> folded.add(e.id())))).catchUp();
            assertThat(folded).containsExactly(first, second);
            int queued = db.read(h -> h.createQuery("SELECT COUNT(*) FROM digest_queue").mapTo(Integer.class).one());
            assertThat(queued).isZero();
        }
    }
}
