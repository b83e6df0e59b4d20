package io.inflow.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log into the database file every second, on its own thread.
 * Left to SQLite, the copy runs inside the commit that crosses the log's size threshold, with its
 * own syncs, while the one writer holds the lock and every other write waits. A passive checkpoint
 * never blocks writers or readers, and commits stay as durable as before: each one still syncs the
 * log. But while writes keep coming, a passive copy never catches up with the log's end, and a log
 * not wholly copied is never started over: under steady ingestion it grew by half a gigabyte per
 * million events, and every commit appended to an ever longer file. So once the log is long, the
 * writers pause for the few frames written since the last copy, the copy completes, and the next
 * write starts the log over from its beginning.
 */
final class Checkpoints implements AutoCloseable {
    private static final long EVERY_MS = 1000;
    /**
     * 64 MB of 4 kB pages: past this the log is started over. Each restart pauses the writers while the tail is
     * copied and the database file synced: at 32 MB that was every second under steady ingestion, 0.6 s of the
     * writer per million events; at 64 MB it is 0.36 s.
     */
    static final int RESTART_FRAMES = 16_384;

    private final DataSource dataSource;
    private final Lock writer;
    private final ScheduledExecutorService timer;

    /** writer: the lock every write transaction holds. */
    Checkpoints(DataSource dataSource, Lock writer) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inflow-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::round, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try (Connection c = dataSource.getConnection()) {
            // the bulk is copied while writes go on; only the tail written meanwhile waits for them
            if (checkpoint(c, "PASSIVE") >= RESTART_FRAMES) {
                writer.lock();
                try {
                    checkpoint(c, "PASSIVE");
                } finally {
                    writer.unlock();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // a busy or closing database: the next round tries again, and the log only grows meanwhile
        }
    }

    /** Runs a checkpoint and answers how many frames the log held. */
    private static long checkpoint(Connection c, String mode) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    /** Stops the timer and copies what is left, so a closed database is one file again. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = dataSource.getConnection()) {
            checkpoint(c, "TRUNCATE");
        } catch (SQLException | RuntimeException e) {
            // left to the next start, which replays the log
        }
    }
}
