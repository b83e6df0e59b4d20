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

    private BenchRows() {}

    /** A version 7 UUID for the given time, as the overlay makes them. */
    static String uuid7(Instant at, Random random) {
        long high = (at.toEpochMilli() << 16) | 0x7000L | random.nextInt(0x1000);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Events as the overlay sends them: they arrive roughly in the order they happened (spread over
     * the last day, each up to 5 s out of order, as batches from many pages interleave) and carry the
     * overlay's time-ordered ids (UUID version 7, made when the event happened).
     */
    static List<Row> make(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        double step = 86_400_000.0 / count;
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = start.plusMillis((long) (i * step) + random.nextInt(5_000));
            String type = TYPES[random.nextInt(TYPES.length)];
            String data = switch (type) {
                case "helpful_vote" -> "{\"helpful\":" + random.nextBoolean() + "}";
                case "check_answered" -> "{\"correct\":" + random.nextBoolean() + ",\"optionIds\":[\"o1\"]}";
                case "link_opened" -> "{\"url\":\"https://wiki.example.com/page\"}";
                default -> null;
            };
            rows.add(new Row(uuid7(at, random), type, "tip_" + random.nextInt(50), at.toString(),
                    "https://crm.example.com/opportunities/" + random.nextInt(1000), data));
        }
        return rows;
    }
}
