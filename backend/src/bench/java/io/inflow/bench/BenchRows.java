package io.inflow.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** The same synthetic events for the API and for the plain-JDBC baseline. */
final class BenchRows {
    record Row(String id, String type, String tipId, String at, String url, String data) {}

    private static final String[] TYPES = {"tip_shown", "tip_shown", "tip_shown", "tip_dismissed", "helpful_vote", "check_answered", "link_opened"};

    /** The plain-JDBC insert of an event row, as the baselines run it. */
    static final String INSERT = """
            INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)
            VALUES (?, 'app_bench', ?, ?, 'h', ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""";

    private BenchRows() {}

    /** Binds a row to {@link #INSERT} and adds it to the statement's batch. */
    static void add(java.sql.PreparedStatement insert, String id, Row r, String receivedAt) throws java.sql.SQLException {
        insert.setString(1, id);
        insert.setString(2, r.type());
        insert.setString(3, r.tipId());
        insert.setString(4, io.inflow.store.Times.format(Instant.parse(r.at())));
        insert.setString(5, receivedAt);
        insert.setString(6, r.url());
        insert.setString(7, r.data());
        insert.addBatch();
    }

    static List<Row> make(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String data = switch (type) {
                case "helpful_vote" -> "{\"helpful\":" + random.nextBoolean() + "}";
                case "check_answered" -> "{\"correct\":" + random.nextBoolean() + ",\"optionIds\":[\"o1\"]}";
                case "link_opened" -> "{\"url\":\"https://wiki.example.com/page\"}";
                default -> null;
            };
            rows.add(new Row(new UUID(random.nextLong(), random.nextLong()).toString(), type, "tip_" + random.nextInt(50),
                    start.plusMillis(random.nextInt(86_400_000)).toString(), "https://crm.example.com/opportunities/" + random.nextInt(1000), data));
        }
        return rows;
    }
}
