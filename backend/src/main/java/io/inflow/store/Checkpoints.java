package io.inflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log into the database file a few times a second, on its own thread.
 * Left to SQLite, the copy runs inside the commit that crosses the log's size threshold, with its
 * own syncs, while the one writer holds the lock and every other write waits. A passive checkpoint
 * never blocks writers or readers, and commits stay as durable as before: each one still syncs the
 * log. Once the log is fully copied and no reader still needs it, the next write starts it over.
 */
final class Checkpoints implements AutoCloseable {
    private static final long EVERY_MS = 1000;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;

    Checkpoints(DataSource dataSource) {
        this.dataSource = dataSource;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inflow-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> run("PASSIVE"), EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void run(String mode) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException | RuntimeException e) {
            // a busy or closing database: the next round tries again, and the log only grows meanwhile
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
        run("TRUNCATE");
    }
}
