package io.inflow.export;

import io.inflow.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Writes the lines a query makes of a SQLite table's rows in rowid order, reading them in ranges
 * of rowids on two connections at once (the write-ahead log lets readers run side by side), so
 * formatting in the database runs on both cores. Ranges are written strictly in order and at most
 * a few are held at a time, so memory stays flat whatever the number of rows.
 */
final class RowidRanges {
    private static final long RANGE = 8_192;
    private static final int READERS = 2;
    private static final int HELD = 4;

    private RowidRanges() {}

    /** A range's bytes and how many rows made them. */
    private record Range(Blocks bytes, long rows) {}

    /**
     * Bytes in blocks of 64 kB: nothing is copied as a range grows, and no array is large enough
     * for the collector to place it on its own (a range is megabytes; the heap may be 256 MB).
     */
    private static final class Blocks {
        private static final int SIZE = 64 * 1024;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] block = new byte[SIZE];
        private int used;

        void write(byte[] bytes) {
            for (int from = 0; from < bytes.length; ) {
                if (used == SIZE) {
                    full.add(block);
                    block = new byte[SIZE];
                    used = 0;
                }
                int n = Math.min(bytes.length - from, SIZE - used);
                System.arraycopy(bytes, from, block, used, n);
                used += n;
                from += n;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] b : full) {
                out.write(b);
            }
            out.write(block, 0, used);
        }
    }

    /** The bytes of a row the query left null, made from the row itself (on the handle reading its range). */
    interface Fallback {
        byte[] row(Handle h, long rowid) throws java.sql.SQLException;
    }

    /**
     * Writes column one of "select, rowid FROM table WHERE conditions", row by row in rowid order,
     * as the database encoded it (or, where it is null, as fallback makes it); answers the row count.
     * Rows stored after the export starts are left out.
     */
    static long write(Database db, String table, String select, String conditions, UnaryOperator<Query> bind, Fallback fallback,
                      OutputStream out, LongConsumer progress) throws IOException {
        long[] bounds = db.read(h -> bind.apply(h.createQuery("SELECT (SELECT min(rowid) FROM " + table + conditions + "), (SELECT max(rowid) FROM "
                + table + conditions + ")")).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.wasNull() ? 1 : 0}).one());
        if (bounds[2] == 1) {
            return 0;
        }
        // NOT INDEXED: each range walks the table by rowid even when a filter column has an index
        String sql = select + ", rowid FROM " + table + " NOT INDEXED" + conditions + " AND rowid BETWEEN :first AND :last ORDER BY rowid";
        ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "inflow-export-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Range>> held = new ArrayDeque<>();
            long next = bounds[0];
            long rows = 0;
            while (next <= bounds[1] || !held.isEmpty()) {
                while (held.size() < HELD && next <= bounds[1]) {
                    long first = next;
                    long last = Math.min(bounds[1], first + RANGE - 1);
                    next = last + 1;
                    held.add(readers.submit(() -> read(db, sql, bind, fallback, first, last)));
                }
                Range range = take(held.removeFirst());
                range.bytes().writeTo(out);
                rows += range.rows();
                progress.accept(rows);
            }
            return rows;
        } finally {
            readers.shutdownNow();
        }
    }

    private static Range read(Database db, String sql, UnaryOperator<Query> bind, Fallback fallback, long first, long last) {
        return db.read(h -> bind.apply(h.createQuery(sql)).bind("first", first).bind("last", last).scanResultSet((supplier, ctx) -> {
            ResultSet rs = supplier.get();
            Blocks bytes = new Blocks();
            long rows = 0;
            while (rs.next()) {
                byte[] row = rs.getBytes(1);
                bytes.write(row != null ? row : fallback.row(h, rs.getLong(2)));
                rows++;
            }
            return new Range(bytes, rows);
        }));
    }

    private static Range take(Future<Range> range) throws IOException {
        try {
            return range.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the export was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
