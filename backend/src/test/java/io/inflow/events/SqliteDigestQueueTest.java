package io.inflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.analytics.Rollups;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.testing.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** SQLite's digest queue names a transaction's events by the first and last of them; before, by every id. */
class SqliteDigestQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queuedEventsAreReadBackFromTheirFirstToTheirLastEvenWhereRowsWereNumberedAnew() {
        try (Database db = Database.open(Databases.sqlite())) {
            Clock clock = Clock.systemUTC();
            App app = new Apps(db, new Ids(clock), clock, JSON).create("CRM", List.of("https://crm.example.com"));
            // a digest that keeps nothing in memory: every queued event is read back when folded
            Events events = new Events(db, clock, new WriteGate(4, 1), new Rollups(JSON), new Digest(db, List.of(), 0), new LearnerTraits(JSON));
            List<String> sent = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                List<EventBatch.Incoming> incoming = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String id = UUID.randomUUID().toString();
                    sent.add(id);
                    incoming.add(new EventBatch.Incoming(id, "tip_shown", "tip_" + i, Instant.now().toString(), "https://crm.example.com/a", null));
                }
                events.ingest(app, new EventBatch(app.siteKey(), "learner-" + batch, incoming));
            }
            // as a copy of the database made row by row may number the rows anew (their order stays)
            db.write(h -> h.execute("UPDATE events SET rowid = rowid + 1000000"));
            List<String> folded = new ArrayList<>();
            new Digest(db, List.of((h, stored) -> stored.forEach(e -> folded.add(e.id())))).catchUp();
            assertThat(folded).containsExactlyElementsOf(sent);
        }
    }

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
