package io.inflow.bench;

import io.inflow.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the events table with millions of synthetic events as a bulk load: the rows are made by the
 * database itself from a small sample (no driver round trip per row), a million per transaction,
 * and the table's own indexes are dropped first and built again at the end from the migrations'
 * definitions, because building an index sorts its rows once where inserting puts every row at a
 * random place in it. The schema afterwards is exactly the migrated one.
 */
final class EventFill {
    private static final int SAMPLE = 10_000;
    private static final long PER_TRANSACTION = 1_000_000;

    private EventFill() {}

    /** Stores count events of the app "app_bench"; the i-th has id UUID(i, 42) and the fields of sample row i % 10,000. */
    static void fill(Database db, long count) throws SQLException {
        boolean sqlite = db.dialect() == Database.Dialect.SQLITE;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String[]> indexes = indexes(c, sqlite);
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
            }
            s.execute("CREATE TEMPORARY TABLE bench_sample (n INTEGER PRIMARY KEY, type TEXT, tip_id TEXT, occurred_at TEXT, url TEXT, data TEXT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_sample VALUES (?, ?, ?, ?, ?, ?)")) {
                List<BenchRows.Row> rows = BenchRows.make(SAMPLE, 7);
                for (int n = 0; n < rows.size(); n++) {
                    BenchRows.Row r = rows.get(n);
                    insert.setInt(1, n);
                    insert.setString(2, r.type());
                    insert.setString(3, r.tipId());
                    insert.setString(4, io.inflow.store.Times.format(Instant.parse(r.at())));
                    insert.setString(5, r.url());
                    insert.setString(6, r.data());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.setAutoCommit(false);
            try (PreparedStatement generate = c.prepareStatement(sqlite ? SQLITE_ROWS : POSTGRESQL_ROWS)) {
                String received = io.inflow.store.Times.format(Instant.now());
                for (long from = 0; from < count; from += PER_TRANSACTION) {
                    generate.setLong(1, from);
                    generate.setLong(2, Math.min(count, from + PER_TRANSACTION) - 1);
                    generate.setString(3, received);
                    generate.executeUpdate();
                    c.commit();
                }
            }
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
            s.execute("DROP TABLE bench_sample");
            c.commit();
            c.setAutoCommit(true);
            if (!sqlite) {
                s.execute("ANALYZE events");
            }
        }
    }

    /** Name and CREATE statement of each index on events but the primary key's. */
    private static List<String[]> indexes(Connection c, boolean sqlite) throws SQLException {
        String sql = sqlite
                ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL"
                : "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events' AND indexname NOT IN (SELECT conname FROM pg_constraint)";
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return indexes;
    }

    // rows first..last, in order, each joined to its sample row by primary key
    private static final String SQLITE_ROWS = """
            INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)
            WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?2)
            SELECT printf('%08x-%04x-%04x-0000-00000000002a', i >> 32, (i >> 16) & 65535, i & 65535),
                   'app_bench', s.type, s.tip_id, 'h', s.occurred_at, ?3, s.url, s.data
            FROM seq JOIN bench_sample s ON s.n = seq.i % 10000""";

    private static final String POSTGRESQL_ROWS = """
            INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)
            SELECT lpad(to_hex(i >> 32), 8, '0') || '-' || lpad(to_hex((i >> 16) & 65535), 4, '0') || '-'
                       || lpad(to_hex(i & 65535), 4, '0') || '-0000-00000000002a',
                   'app_bench', s.type, s.tip_id, 'h', s.occurred_at, p.received, s.url, s.data
            FROM (SELECT ?::bigint AS first, ?::bigint AS last, ?::text AS received) p
            CROSS JOIN generate_series(p.first, p.last) AS g(i) JOIN bench_sample s ON s.n = g.i % 10000
            ORDER BY g.i""";
}
