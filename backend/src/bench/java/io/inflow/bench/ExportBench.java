package io.inflow.bench;

import io.inflow.export.EventExport;
import io.inflow.export.EventFilter;
import io.inflow.store.Database;
import io.inflow.testing.Databases;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;

/**
 * Export rows/s and peak heap (this JVM runs with -Xmx256m), for CSV and NDJSON, beside a plain
 * JDBC read of the same rows in the same run. Arguments: [rows, default 10000000] [store, default sqlite].
 */
public final class ExportBench {
    private static final long HEAP_LIMIT = 256L << 20;

    public static void main(String[] args) throws Exception {
        if (Runtime.getRuntime().maxMemory() > HEAP_LIMIT + (16L << 20)) {
            // measure under the heap the export must fit in: the same bench again in a JVM with -Xmx256m
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), ExportBench.class.getName()));
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            System.exit(child.waitFor());
        }
        long count = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        String store = args.length > 1 ? args[1] : "sqlite";
        String url = store.equals("sqlite") ? Databases.sqlite() : Databases.postgresql();
        try (Database db = Database.open(url)) {
            System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long fillStart = System.nanoTime();
            EventFill.fill(db, count);
            double fill = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf("%s: %,d events stored in %.1f s (%,.0f rows/s)%n", store, count, fill, count / fill);
            double read = plainRead(db);
            System.out.printf("plain JDBC read          %,12.0f rows/s%n", read);
            EventExport export = new EventExport(db, new io.inflow.web.Json().mapper());
            for (EventExport.Format format : List.of(EventExport.Format.CSV, EventExport.Format.NDJSON)) {
                System.gc();
                resetPeaks();
                CountingSink sink = new CountingSink();
                long start = System.nanoTime();
                long rows = export.write(new EventFilter(null, null, null, null), format, sink, n -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (rows != count) {
                    throw new IllegalStateException("exported " + rows + " of " + count);
                }
                System.out.printf("export %-6s            %,12.0f rows/s   %,d MB written   peak heap %,d MB (max %,d MB)%n", format,
                        rows / seconds, sink.bytes >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
            System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            // ten million events take gigabytes: the database goes with the run
            deleteSqlite(url);
        }
        System.exit(0);
    }

    private static double plainRead(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            long chars = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1_000);
                // the export's own query, so the baseline reads the same rows in the same order
                try (ResultSet rs = s.executeQuery(EventExport.sql(new EventFilter(null, null, null, null), db.dialect()))) {
                    while (rs.next()) {
                        for (int i = 1; i <= 9; i++) {
                            String v = rs.getString(i);
                            chars += v == null ? 0 : v.length();
                        }
                        rows++;
                    }
                }
            }
            c.commit();
            if (chars == 0) {
                throw new IllegalStateException("nothing read");
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Deletes the directory of a SQLite database made for a run (nothing for PostgreSQL, whose cluster is thrown away). */
    static void deleteSqlite(String url) throws java.io.IOException {
        if (!url.startsWith("jdbc:sqlite:")) {
            return;
        }
        Path dir = Path.of(url.substring("jdbc:sqlite:".length())).getParent();
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Counts what the export writes and throws it away. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
