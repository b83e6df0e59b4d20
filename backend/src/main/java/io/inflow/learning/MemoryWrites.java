package io.inflow.learning;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Counts this process's writes of learners' memories, so that changes worked out from memories read
 * earlier, outside the writer, can tell on the writing transaction whether those memories are still
 * as read. Only SQLite can rely on it: there this process is the only writer.
 */
public final class MemoryWrites {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    /** Called on a transaction before it changes memories; the transaction's end ends the write. */
    void changing(Handle h) {
        started.incrementAndGet();
        h.afterCommit(ended::incrementAndGet);
        h.afterRollback(ended::incrementAndGet);
    }

    /**
     * A mark to read memories after, or -1 while a write is under way (its changes may not be visible
     * yet). Read in this order, a write that starts after the mark moves {@link #unchangedSince} off it.
     */
    long mark() {
        long mark = started.get();
        return ended.get() == mark ? mark : -1;
    }

    /** Whether no write of memories started since the mark was taken (asked on the writing transaction). */
    boolean unchangedSince(long mark) {
        return mark >= 0 && started.get() == mark;
    }
}
