package io.inflow.events;

import io.inflow.store.Database;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * Folds stored events into what is derived from them (the analytics rollups, the learners' memory)
 * after the ingest commit instead of inside it. Ingestion then holds the one SQLite writer only to
 * store events and queue them (in the same transaction, so none is lost or folded twice); the
 * digest folds the queue on its own thread twice a second, thousands of events per
 * transaction, where many events of the same tip and day become one update. Whatever reads derived
 * data calls {@link #catchUp} first, so a read still sees every event acknowledged before it.
 */
public final class Digest implements AutoCloseable {
    /** Something kept from events: it adds newly stored events on the caller's transaction, never the same event twice. */
    public interface Fold {
        void add(Handle h, List<Event> stored);

        /**
         * What these events will add, worked out before the folding transaction has the database where that
         * needs no database (the writer is held for less); applied on that transaction.
         */
        default Step prepare(List<Event> stored) {
            return h -> add(h, stored);
        }
    }

    /** A fold's work for some events, ready to apply. */
    public interface Step {
        void apply(Handle h);
    }

    /**
     * Steps prepared for the queue rows seqs from their events (per row: the very list kept in memory, or
     * one read back), used only if the transaction takes exactly those rows.
     */
    private record Prepared(List<Long> seqs, List<List<Event>> events, List<Step> steps) {
        static final Prepared NONE = new Prepared(List.of(), List.of(), List.of());
    }

    private static final long EVERY_MS = 500;
    /** Queue rows per transaction: a row holds one ingest transaction's events (at most a few thousand). */
    private static final int ROWS_PER_FOLD = 32;
    private static final int IDS_PER_QUERY = 500;
    /** Events this server queued are kept in memory until folded, up to this many (some 40 MB); beyond, they are read back. */
    private static final int KEPT_EVENTS = 100_000;

    private final Database db;
    private final List<Fold> folds;
    /** The events of queue rows this server wrote, by seq: folding them needs no read of the events table. */
    private final ConcurrentSkipListMap<Long, List<Event>> kept = new ConcurrentSkipListMap<>();
    private final AtomicInteger keptEvents = new AtomicInteger();
    private final int keptLimit;
    private ScheduledExecutorService timer;

    public Digest(Database db, List<Fold> folds) {
        this(db, folds, KEPT_EVENTS);
    }

    /** keptEvents: how many queued events are kept in memory at most; beyond, they are read back when folded. */
    public Digest(Database db, List<Fold> folds, int keptEvents) {
        this.db = db;
        this.folds = List.copyOf(folds);
        this.keptLimit = keptEvents;
    }

    /** Folds on a background thread from now on (a server does; a command-line tool only catches up). */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inflow-digest");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::foldInBackground, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues events just stored, on the ingesting transaction (which has stored no other events). */
    void enqueue(Handle h, List<Event> stored) {
        if (stored.isEmpty()) {
            return;
        }
        long seq = db.dialect() == Database.Dialect.SQLITE ? queueEnds(h, stored) : queueIds(h, stored);
        if (keptEvents.addAndGet(stored.size()) <= keptLimit) {
            // kept before the commit makes the row visible, so the digest never sees the row without its events
            kept.put(seq, List.copyOf(stored));
            h.afterRollback(() -> forget(seq));
        } else {
            keptEvents.addAndGet(-stored.size());
        }
    }

    /**
     * SQLite names a transaction's new events by the ids of the first and last of them (instead of all their
     * ids, some 80 kB written into the log per transaction while the writer was held): they are consecutive
     * rows, as there is one writer and a new row takes the rowid one above the largest, and rows between two
     * rows stay between them even where a copy of the database numbers rows anew. Both ends stay stored while
     * queued: events are deleted only in {@link #settled}, with nothing queued.
     */
    private static long queueEnds(Handle h, List<Event> stored) {
        return h.createUpdate("INSERT INTO digest_queue (first_event, last_event) VALUES (:first, :last)")
                .bind("first", stored.get(0).id()).bind("last", stored.get(stored.size() - 1).id())
                .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
    }

    /** PostgreSQL names them by id: its rows have no order of insertion to go by. */
    private static long queueIds(Handle h, List<Event> stored) {
        StringBuilder ids = new StringBuilder(stored.size() * 37);
        for (Event e : stored) {
            if (ids.length() > 0) {
                ids.append(',');
            }
            ids.append(e.id());
        }
        return h.createUpdate("INSERT INTO digest_queue (event_ids) VALUES (:ids)").bind("ids", ids.toString())
                .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
    }

    /** Folds every event queued before this call, so what is read next counts them. Cheap when nothing waits. */
    public void catchUp() {
        Long last = db.read(h -> h.createQuery("SELECT MAX(seq) FROM digest_queue").mapTo(Long.class).one());
        if (last == null) {
            return;
        }
        while (db.write(h -> foldSome(h, last, false, Prepared.NONE)) > 0) {
            // more queued rows up to the last one seen
        }
    }

    /**
     * Runs work in a write transaction in which nothing is waiting to be folded and nothing can be queued
     * until it commits: for recomputing derived data from all events without counting any twice.
     */
    public <R, X extends Exception> R settled(HandleCallback<R, X> work) throws X {
        return db.write(h -> {
            if (db.dialect() == Database.Dialect.POSTGRESQL) {
                // blocks ingest transactions from queueing (and other servers from folding) until this one commits
                h.execute("LOCK TABLE digest_queue IN SHARE ROW EXCLUSIVE MODE");
            }
            while (foldSome(h, Long.MAX_VALUE, false, Prepared.NONE) > 0) {
                // fold everything queued inside this transaction
            }
            return work.withHandle(h);
        });
    }

    private void foldInBackground() {
        try {
            // a round that found fewer rows than it can take has caught up: the rest waits for the next
            // round, so rows gather into larger transactions instead of one each as they arrive
            while (true) {
                Prepared prepared = prepare();
                // only the rows prepared for: rows committed meanwhile would make the preparation useless
                long last = prepared.seqs().isEmpty() ? Long.MAX_VALUE : prepared.seqs().get(prepared.seqs().size() - 1);
                if (db.write(h -> foldSome(h, last, true, prepared)) < ROWS_PER_FOLD) {
                    break;
                }
            }
            forgetFoldedElsewhere();
        } catch (RuntimeException e) {
            // the rows stay queued and the next round (or a reader's catch-up) folds them
            org.slf4j.LoggerFactory.getLogger(Digest.class).warn("folding events failed: {}", e.getMessage());
        }
    }

    /**
     * The folds' steps for the oldest queued rows, what the next background transaction will most likely
     * take: their events as kept, or read back here, outside the writer (when more waited than are kept).
     */
    private Prepared prepare() {
        List<Long> seqs = new ArrayList<>();
        List<List<Event>> perRow = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        db.read(h -> {
            List<Queued> head = queued(h, Long.MAX_VALUE, "");
            head.forEach(q -> seqs.add(q.seq()));
            perRow.addAll(eventsPerRow(h, head));
            return null;
        });
        perRow.forEach(events::addAll);
        if (seqs.isEmpty()) {
            return Prepared.NONE;
        }
        List<Step> steps = new ArrayList<>();
        for (Fold fold : folds) {
            steps.add(fold.prepare(events));
        }
        return new Prepared(seqs, perRow, steps);
    }

    /**
     * A queued row: its events as kept by this server, or null and what names them to read back: their
     * ids (PostgreSQL), or the ids of the first and last of them (SQLite; else null).
     */
    private record Queued(long seq, List<Event> kept, List<String> ids, String first, String last) {}

    /** The oldest queued rows up to seq last, at most a fold's worth. */
    private List<Queued> queued(Handle h, long last, String lock) {
        boolean sqlite = db.dialect() == Database.Dialect.SQLITE;
        // rows queued on SQLite before it named the ends of a range still name every id
        String names = sqlite ? "event_ids, first_event, last_event" : "event_ids";
        return h.createQuery("SELECT seq, " + names + " FROM digest_queue WHERE seq <= :last ORDER BY seq LIMIT :rows" + lock)
                .bind("last", last).bind("rows", ROWS_PER_FOLD)
                .map((rs, ctx) -> {
                    List<Event> mine = kept.get(rs.getLong(1));
                    if (mine != null) {
                        return new Queued(rs.getLong(1), mine, List.of(), null, null);
                    }
                    String ids = rs.getString(2);
                    return ids == null ? new Queued(rs.getLong(1), null, List.of(), rs.getString(3), rs.getString(4))
                            : new Queued(rs.getLong(1), null, Arrays.asList(ids.split(",")), null, null);
                })
                .list();
    }

    /**
     * Each row's events: as kept, or read back in the row's order (events erased since they were queued
     * are gone from the table and left out).
     */
    private static List<List<Event>> eventsPerRow(Handle h, List<Queued> rows) {
        Map<String, Event> read = read(h, rows.stream().flatMap(q -> q.ids().stream()).toList());
        return rows.stream().map(q -> q.kept() != null ? q.kept()
                : q.first() != null ? read(h, q.first(), q.last())
                : q.ids().stream().map(read::get).filter(java.util.Objects::nonNull).toList()).toList();
    }

    /**
     * Folds the oldest queued rows up to seq last and deletes them, on one transaction; answers how many
     * rows it took. On PostgreSQL the rows are locked, so two servers never fold the same row; a background
     * round skips rows another server holds, a reader's catch-up waits for them.
     */
    private int foldSome(Handle h, long last, boolean skipLocked, Prepared prepared) {
        String lock = db.dialect() == Database.Dialect.POSTGRESQL ? (skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE") : "";
        List<Queued> rows = queued(h, last, lock);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> seqs = rows.stream().map(Queued::seq).toList();
        h.afterCommit(() -> seqs.forEach(this::forget));
        if (prepared.seqs().equals(seqs) && samePerRow(prepared.events(), rows)) {
            // the rows prepared for are the rows taken, with the very events kept for them: only the writes remain
            prepared.steps().forEach(step -> step.apply(h));
        } else {
            List<Event> events = new ArrayList<>();
            eventsPerRow(h, rows).forEach(events::addAll);
            if (!events.isEmpty()) {
                for (Fold fold : folds) {
                    fold.add(h, events);
                }
            }
        }
        h.createUpdate("DELETE FROM digest_queue WHERE seq IN (<seqs>)").bindList("seqs", seqs).execute();
        return seqs.size();
    }

    /**
     * Drops kept events whose rows another server folded (PostgreSQL): everything below the oldest row
     * still queued. A row of a transaction still in flight may go too; it is then read back when folded.
     */
    private void forgetFoldedElsewhere() {
        if (kept.isEmpty()) {
            return;
        }
        Long oldest = db.read(h -> h.createQuery("SELECT MIN(seq) FROM digest_queue").mapTo(Long.class).one());
        for (Long seq : List.copyOf(kept.keySet())) {
            if (oldest == null || seq < oldest) {
                forget(seq);
            }
        }
    }

    private void forget(long seq) {
        List<Event> gone = kept.remove(seq);
        if (gone != null) {
            keptEvents.addAndGet(-gone.size());
        }
    }

    /**
     * Whether the events prepared for each row are the ones the transaction takes: the very list kept for
     * it, or, for a row not kept, what was read back (a queued row's events change only by erasure, which
     * folds every queued row first, so a row still queued still holds the events read).
     */
    private static boolean samePerRow(List<List<Event>> prepared, List<Queued> taken) {
        for (int i = 0; i < prepared.size(); i++) {
            List<Event> kept = taken.get(i).kept();
            if (kept != null && prepared.get(i) != kept) {
                return false;
            }
        }
        return true;
    }

    /** The events still stored under these ids, by id. */
    private static Map<String, Event> read(Handle h, List<String> ids) {
        Map<String, Event> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            h.createQuery("SELECT " + Event.COLUMNS + " FROM events WHERE id IN (<ids>)")
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .map((rs, ctx) -> Event.read(rs))
                    .forEach(e -> byId.put(e.id(), e));
        }
        return byId;
    }

    /** The events stored from the one with id first to the one with id last, in the order stored (SQLite). */
    private static List<Event> read(Handle h, String first, String last) {
        return h.createQuery("SELECT " + Event.COLUMNS + " FROM events WHERE rowid BETWEEN (SELECT rowid FROM events WHERE id = :first)"
                        + " AND (SELECT rowid FROM events WHERE id = :last) ORDER BY rowid")
                .bind("first", first).bind("last", last)
                .map((rs, ctx) -> Event.read(rs))
                .list();
    }

    /** Stops the background thread and folds what is left, so a cleanly stopped server leaves nothing queued. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            // a round in progress finishes: interrupting it mid-transaction would only roll it back
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
        catchUp();
    }
}
