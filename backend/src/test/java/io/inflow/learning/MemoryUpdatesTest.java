package io.inflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.events.Digest;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.testing.Databases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory changes worked out before the writer is taken (SQLite), on a real database file. */
class MemoryUpdatesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private Database db;
    private App app;
    private final MemoryWrites writes = new MemoryWrites();
    private MemoryUpdates updates;

    @BeforeEach
    void open() {
        db = Database.open(Databases.sqlite());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        app = new Apps(db, new Ids(clock), clock, new ObjectMapper()).create("CRM", List.of());
        updates = new MemoryUpdates(db, writes);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Event event(String type, String learner, int minute) {
        String at = NOW.plusSeconds(60L * minute).toString();
        return new Event(UUID.randomUUID().toString(), app.id(), type, "tip_a", learner, at, at, null, null);
    }

    private Memory memory(String learner) {
        return db.read(h -> Memories.findForUpdate(h, db.dialect(), app.id(), learner, "tip_a")).orElseThrow();
    }

    @Test
    void preparedChangesAreWrittenWhenNoMemoryWasWrittenMeanwhile() {
        Digest.Step step = updates.prepare(List.of(event("tip_dismissed", "ada", 1), event("tip_completed", "ada", 2)));
        // worked out from what was read: nothing is written before the step is applied
        java.util.Optional<Memory> before = db.read(h -> Memories.findForUpdate(h, db.dialect(), app.id(), "ada", "tip_a"));
        assertThat(before).isEmpty();
        db.write(h -> {
            step.apply(h);
            return null;
        });
        assertDismissedOnceAndCompleted(memory("ada"));
    }

    private static void assertDismissedOnceAndCompleted(Memory ada) {
        assertThat(ada.dismissals()).isEqualTo(1);
        assertThat(ada.completedAt()).isEqualTo(NOW.plusSeconds(120));
    }

    private void fold(Event... events) {
        Digest.Step step = updates.prepare(List.of(events));
        db.write(h -> {
            step.apply(h);
            return null;
        });
    }

    @Test
    void aViewThatGivesAStoredMemoryItsFirstCardSavesTheCardAndLaterViewsKeepIt() {
        db.write(h -> h.execute("""
                INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement, page_rule,
                                  status, created_at, updated_at, version)
                VALUES ('tip_a', ?, 'Amount', 'Net', '<p>Net</p>', '[]', 'tooltip', 'right', '/*', 'published', ?, ?, 1)""",
                app.id(), NOW.toString(), NOW.toString()));
        // stored without a card (a dismissal is no review), then the first view reviews it, then a view changes no card
        fold(event("tip_dismissed", "ada", 1));
        assertThat(memory("ada").card()).isNull();
        fold(event("tip_shown", "ada", 2));
        Memory reviewed = memory("ada");
        assertThat(reviewed.card()).isNotNull();
        assertThat(reviewed.card().reps()).isEqualTo(1);
        assertThat(reviewed.dueAt(reviewed.card().due())).isTrue();
        fold(event("tip_shown", "ada", 3));
        Memory viewedAgain = memory("ada");
        assertThat(viewedAgain.views()).isEqualTo(2);
        assertThat(viewedAgain.lastSeenAt()).isEqualTo(NOW.plusSeconds(180));
        assertThat(viewedAgain.card()).isEqualTo(reviewed.card());
        // the due-date index answers with the stored card's due date
        String due = db.read(h -> h.createQuery("SELECT due_at FROM memories INDEXED BY memories_due WHERE app_id = :app AND learner_hash = 'ada'")
                .bind("app", app.id()).mapTo(String.class).one());
        assertThat(io.inflow.store.Times.parse(due)).isEqualTo(reviewed.card().due());
        assertThat(viewedAgain.dismissals()).isEqualTo(1);
    }

    @Test
    void aMemoryWrittenBetweenPreparingAndApplyingIsKeptNotOverwritten() {
        db.write(h -> {
            updates.add(h, List.of(event("tip_dismissed", "ada", 1)));
            return null;
        });
        Digest.Step step = updates.prepare(List.of(event("tip_dismissed", "ada", 3)));
        // another write of the same memory after the step read it (a check answered, a catch-up fold)
        db.write(h -> {
            updates.add(h, List.of(event("tip_completed", "ada", 2)));
            return null;
        });
        db.write(h -> {
            step.apply(h);
            return null;
        });
        Memory ada = memory("ada");
        // the step worked its change out again on the current memory: both dismissals and the completion stay
        assertThat(ada.dismissals()).isEqualTo(2);
        assertThat(ada.lastDismissedAt()).isEqualTo(NOW.plusSeconds(180));
        assertThat(ada.completedAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void aWriteStillOpenWhenPreparingIsNotTrusted() {
        // a transaction that has started changing memories and not committed: its change may not be visible to the read
        db.write(h -> {
            writes.changing(h);
            Memories.save(h, app.id(), "ada", Memory.empty("tip_a").completed(NOW.plusSeconds(120)));
            // the digest's thread prepares meanwhile (its read does not see this transaction's change)
            Digest.Step step = java.util.concurrent.CompletableFuture.supplyAsync(() -> updates.prepare(List.of(event("tip_dismissed", "ada", 1)))).join();
            step.apply(h);
            return null;
        });
        assertDismissedOnceAndCompleted(memory("ada"));
    }
}
