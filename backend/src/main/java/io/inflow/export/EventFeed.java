package io.inflow.export;

import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Follows the event stream for one consumer (an LRS, a webhook): pages of events in the order they
 * were received, after a cursor stored in the database and moved only after a page was delivered,
 * so a failure neither skips nor repeats a page. Events younger than the settle time wait: a write
 * committed a moment later with an earlier receive time would otherwise fall behind the cursor.
 * A lease on the cursor keeps two servers from delivering the same consumer at once.
 */
public final class EventFeed {
    /** Delivers one page; answers how many items went out, or throws {@link Failed}. */
    public interface Sink {
        int deliver(List<Event> page) throws Failed;
    }

    /** A page could not be delivered; the cursor stays before it. */
    public static final class Failed extends Exception {
        public Failed(String message) {
            super(message);
        }
    }

    /** How a run went: items delivered, events read, and the failure that stopped it (null when it reached the end or another server holds the lease). */
    public record Outcome(long delivered, long events, String failure) {}

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Database db;
    private final Clock clock;
    private final Duration settle;

    public EventFeed(Database db, Clock clock, Duration settle) {
        this.db = db;
        this.clock = clock;
        this.settle = settle;
    }

    public Outcome follow(String target, int pageSize, Sink sink) {
        if (!claim(target)) {
            return new Outcome(0, 0, null);
        }
        long delivered = 0;
        long read = 0;
        try {
            while (true) {
                String[] cursor = cursor(target);
                String settled = Times.format(clock.instant().minus(settle));
                List<Event> page = db.read(h -> h.createQuery("SELECT " + Event.COLUMNS + """
                         FROM events
                        WHERE (received_at > :t OR (received_at = :t AND id > :id)) AND received_at < :settled
                        ORDER BY received_at, id LIMIT :limit""")
                        .bind("t", cursor[0]).bind("id", cursor[1]).bind("settled", settled).bind("limit", pageSize)
                        .map((rs, c) -> Event.read(rs))
                        .list());
                if (page.isEmpty()) {
                    return new Outcome(delivered, read, null);
                }
                int sent;
                try {
                    sent = sink.deliver(page);
                } catch (Failed e) {
                    return new Outcome(delivered, read, e.getMessage());
                }
                advance(target, page.get(page.size() - 1), sent);
                delivered += sent;
                read += page.size();
            }
        } finally {
            release(target);
        }
    }

    private boolean claim(String target) {
        String now = Times.format(clock.instant());
        return db.write(h -> {
            h.createUpdate("""
                    INSERT INTO export_cursors (target, received_at, event_id, delivered, updated_at) VALUES (:target, '', '', 0, :now)
                    ON CONFLICT (target) DO NOTHING""").bind("target", target).bind("now", now).execute();
            return h.createUpdate("""
                    UPDATE export_cursors SET lease_until = :until
                    WHERE target = :target AND (lease_until IS NULL OR lease_until < :now)""")
                    .bind("target", target).bind("now", now).bind("until", Times.format(clock.instant().plus(LEASE))).execute() == 1;
        });
    }

    private void release(String target) {
        db.write(h -> h.createUpdate("UPDATE export_cursors SET lease_until = NULL WHERE target = :target").bind("target", target).execute());
    }

    private String[] cursor(String target) {
        return db.read(h -> h.createQuery("SELECT received_at, event_id FROM export_cursors WHERE target = :target")
                .bind("target", target)
                .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)})
                .findOne().orElse(new String[] {"", ""}));
    }

    private void advance(String target, Event last, int delivered) {
        db.write(h -> h.createUpdate("""
                UPDATE export_cursors SET received_at = :t, event_id = :id, delivered = delivered + :n, updated_at = :now
                WHERE target = :target""")
                .bind("target", target).bind("t", last.receivedAt()).bind("id", last.id()).bind("n", delivered)
                .bind("now", Times.format(clock.instant())).execute());
    }
}
