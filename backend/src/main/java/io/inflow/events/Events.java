package io.inflow.events;

import io.inflow.analytics.Rollups;
import io.inflow.apps.App;
import io.inflow.crypto.Hashes;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Database;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Ingestion: a batch is checked whole, then written in one transaction (together with the
 * batches that arrived while the previous transaction committed: {@link GroupCommit}) where an
 * id already stored is skipped and only new events are queued for the {@link Digest}, and
 * acknowledged only after the commit. Writers wait in a bounded queue; when it is full the batch
 * is refused with 429 and the overlay tries again later.
 */
public final class Events {
    public static final int MAX_EVENTS = 500;
    /** Batches waiting while another commits are written together, up to this many events per transaction. */
    private static final int GROUP_EVENTS = 5_000;
    private static final int MAX_DATA = 4 * 1024;
    private static final Duration OLDEST = Duration.ofDays(30);
    private static final Duration NEWEST = Duration.ofDays(1);

    public record Receipt(int accepted, int duplicates) {}

    private final Database db;
    private final Clock clock;
    private final WriteGate gate;
    private final Rollups rollups;
    private final Digest digest;
    private final LearnerTraits traits;
    private final GroupCommit<Checked, Integer> commits;

    /** rollups keeps the overlays' loss reports; everything else derived from events is the digest's. */
    public Events(Database db, Clock clock, WriteGate gate, Rollups rollups, Digest digest, LearnerTraits traits) {
        this.db = db;
        this.clock = clock;
        this.gate = gate;
        this.rollups = rollups;
        this.digest = digest;
        this.traits = traits;
        this.commits = new GroupCommit<>(this::write, c -> c.events().size(), GROUP_EVENTS);
    }

    public Receipt ingest(App app, EventBatch batch) {
        List<Event> events = validate(app, batch);
        if (events.isEmpty()) {
            return new Receipt(0, 0);
        }
        int inserted = gate.admit(() -> commits.submit(new Checked(app, batch, events)));
        return new Receipt(inserted, batch.events().size() - inserted);
    }

    /** A batch that passed validation, waiting to be written. */
    private record Checked(App app, EventBatch batch, List<Event> events) {}

    /**
     * Writes batches in one transaction and answers how many events of each were new. An id already
     * stored (by an earlier transaction or an earlier batch of this group) is skipped, and only new
     * events are queued for the {@link Digest} (rollups, learning memory).
     */
    private List<Integer> write(java.util.function.Supplier<List<Checked>> waiting) {
        return retryingConflicts(() -> db.write(h -> {
            List<Checked> group = waiting.get();
            List<Integer> counts = new ArrayList<>();
            List<Event> all = new ArrayList<>();
            for (Checked c : group) {
                List<Event> stored = insertNew(h, c.events());
                traits.save(h, c.app().id(), learnerHash(c.app(), c.batch()), c.batch().traits(), clock.instant());
                // a replayed batch stores nothing new, so its loss report is not counted twice
                if (!stored.isEmpty() && c.batch().dropped() != null && c.batch().dropped() > 0) {
                    rollups.addLost(h, c.app().id(), stored.get(0).receivedAt().substring(0, 10), c.batch().dropped());
                }
                all.addAll(stored);
                counts.add(stored.size());
            }
            digest.enqueue(h, all);
            return counts;
        }));
    }

    /**
     * Inserts the events as one JDBC batch of a prepared single-row statement and answers those that
     * were new: ON CONFLICT skips ids already stored, and the batch's update count of each row (1 or
     * 0) tells which ones were, on both databases.
     */
    private static List<Event> insertNew(Handle h, List<Event> events) {
        try {
            return insertNew(h.getConnection(), events);
        } catch (SQLException e) {
            // the cause stays visible, so a PostgreSQL serialization conflict is still retried
            throw new IllegalStateException("storing events failed", e);
        }
    }

    private static List<Event> insertNew(Connection c, List<Event> events) throws SQLException {
        List<Event> added = new ArrayList<>(events.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Event e : events) {
                insert.setString(1, e.id());
                insert.setString(2, e.appId());
                insert.setString(3, e.type());
                insert.setString(4, e.tipId());
                insert.setString(5, e.learnerHash());
                insert.setString(6, e.occurredAt());
                insert.setString(7, e.receivedAt());
                insert.setString(8, e.url());
                insert.setString(9, e.data());
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    added.add(events.get(i));
                }
            }
        }
        return added;
    }

    private static final String INSERT = """
            INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""";

    /** PostgreSQL may abort one of two transactions that wait on each other; the aborted one runs again. */
    private static <T> T retryingConflicts(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (attempt >= 3 || !conflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private List<Event> validate(App app, EventBatch batch) {
        Validation v = new Validation();
        if (batch.events() == null) {
            throw Problem.invalid("events", "is required: a list of events");
        }
        if (batch.events().size() > MAX_EVENTS) {
            throw Problem.tooLarge("a batch holds at most " + MAX_EVENTS + " events; send " + batch.events().size() + " in several");
        }
        v.check(batch.dropped() == null || batch.dropped() >= 0, "dropped", "must not be negative");
        v.check(batch.learnerId() == null || (!batch.learnerId().isBlank() && batch.learnerId().length() <= 200),
                "learnerId", "must be 1 to 200 characters when given");
        LearnerTraits.validate(batch.traits(), "traits", v);
        Instant now = clock.instant();
        Instant oldest = now.minus(OLDEST);
        Instant newest = now.plus(NEWEST);
        String receivedAt = Times.format(now);
        String learnerHash = learnerHash(app, batch);
        // an id repeated within the batch needs no check here: the insert skips it like any id already stored
        List<Event> events = new ArrayList<>(batch.events().size());
        for (int i = 0; i < batch.events().size(); i++) {
            EventBatch.Incoming in = batch.events().get(i);
            if (in == null) {
                v.add("events[" + i + "]", "must be an object");
                continue;
            }
            String id = uuid(in.id());
            Instant occurred = instant(in.at());
            String data = in.data() == null || in.data().isNull() ? null : in.data().toString();
            boolean dataOk = in.data() == null || in.data().isNull() || in.data().isObject() && data.length() <= MAX_DATA;
            boolean fresh = occurred != null && !occurred.isBefore(oldest) && !occurred.isAfter(newest);
            if (id == null || in.type() == null || !Event.TYPES.contains(in.type()) || !dataOk || !fresh
                    || in.tipId() != null && in.tipId().length() > 64 || in.url() != null && in.url().length() > 4096) {
                // the field names are only spelled out for a batch that is refused
                String at = "events[" + i + "]";
                v.check(id != null, at + ".id", "must be a UUID made by the client");
                v.oneOf(in.type(), at + ".type", Event.TYPES);
                v.check(in.tipId() == null || in.tipId().length() <= 64, at + ".tipId", "must be at most 64 characters");
                v.check(in.url() == null || in.url().length() <= 4096, at + ".url", "must be at most 4096 characters");
                v.check(dataOk, at + ".data", "must be an object of at most " + MAX_DATA + " bytes");
                if (occurred == null) {
                    v.add(at + ".at", "must be an ISO-8601 UTC time such as 2026-11-23T12:00:00.000Z");
                } else {
                    v.check(fresh, at + ".at", "must be within the last 30 days");
                }
            } else {
                events.add(new Event(id, app.id(), in.type(), in.tipId(), learnerHash, Times.format(occurred), receivedAt,
                        in.url(), data));
            }
        }
        v.throwIfInvalid();
        return events;
    }

    private static String learnerHash(App app, EventBatch batch) {
        return batch.learnerId() == null ? null : Hashes.hmacSha256(app.learnerSecret(), batch.learnerId());
    }

    /** The text as a lower-case UUID, or null when it is not one. */
    public static String uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        if (canonical(text)) {
            // as overlays send them: nothing to make of it (this runs for every event ingested)
            return text;
        }
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 8-4-4-4-12 lower-case hexadecimal digits, the form UUID.toString gives. */
    private static boolean canonical(String text) {
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Instant instant(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            return Times.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
