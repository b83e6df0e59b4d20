package io.inflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    private static final long RESTART_BYTES = Checkpoints.RESTART_FRAMES * 4096L;

    @Test
    void theWriteAheadLogIsStartedOverWhileWritesNeverPauseAndReadersComeAndGo(@TempDir Path dir) throws Exception {
        Path wal = dir.resolve("inflow.db-wal");
        AtomicLong largestLog = new AtomicLong();
        long written = 0;
        long rows = 0;
        long seconds = 8;
        try (Database db = Database.open(Databases.sqliteIn(dir))) {
            db.write(h -> h.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, bytes BLOB NOT NULL)"));
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    db.read(h -> h.createQuery("SELECT MAX(n) FROM filler").mapTo(Long.class).findOne());
                    largestLog.accumulateAndGet(sizeOf(wal), Math::max);
                    sleep(5);
                }
            }, "reader");
            reader.start();
            // one write after another, as under steady ingestion: the background copy never finds the log idle
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < until) {
                db.write(h -> h.execute("INSERT INTO filler (bytes) VALUES (randomblob(262144))"));
                written += 262_144;
                rows++;
                largestLog.accumulateAndGet(sizeOf(wal), Math::max);
            }
            running.set(false);
            reader.join();
            long stored = db.read(h -> h.createQuery("SELECT COUNT(*) FROM filler").mapTo(Long.class).one());
            assertThat(stored).isEqualTo(rows);
        }
        long perSecond = written / seconds;
        // the log may grow by what a few seconds of writes add before a round starts it over, never with all of them
        assertThat(written).as("bytes written").isGreaterThan(3 * (RESTART_BYTES + 3 * perSecond) / 2);
        assertThat(largestLog.get()).as("largest write-ahead log, %,d bytes written", written).isLessThan(RESTART_BYTES + 3 * perSecond);
        // a cleanly closed database is one file again
        assertThat(sizeOf(wal)).isZero();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException gone) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
