package io.inflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.testing.Databases;
import io.inflow.testing.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion events/s through the HTTP API (batches of 500, several senders) on SQLite and on
 * PostgreSQL, beside a plain-JDBC insert of the very rows the API stored, in batches of the same
 * size, same run.
 * The API's figure runs until the last event is also folded into the rollups and learners' memory
 * (the digest), not only acknowledged; both times are printed, with the CPU seconds each kind of
 * thread used meanwhile. Each round of the API runs on a new database, and only the last one counts:
 * the rounds before it warm the JVM up as a server that has run for a while is. The JIT compilers take
 * a quarter of the CPU of a first million events and still a tenth of the fourth, so warm-up rounds
 * run until one leaves them under 5% (at most 8).
 * Arguments: [events per round, default 1000000] [senders, default 16: the server meets many browsers at once] [stores, default sqlite,postgresql].
 */
public final class IngestBench {
    private static final int BATCH = 500;
    private static final int COLUMNS = Event.COLUMNS.split(",").length;
    /** The JVM counts as warm once its JIT compilers use less than this share of a round's CPU. */
    private static final double WARM = 0.05;
    private static final int MAX_WARM_UPS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        List<String> stores = List.of((args.length > 2 ? args[2] : "sqlite,postgresql").split(","));
        System.out.printf("ingestion of %,d events, batches of %d, %d senders%n", count, BATCH, senders);
        for (String store : stores) {
            // the plain-JDBC baseline runs after the API's rounds, so its JDBC path is warm too
            for (int round = 1; ; round++) {
                System.out.printf("%s: warm-up round %d%n", store, round);
                String warmUrl = url(store);
                double compiling = throughApi(warmUrl, count, senders).compiling();
                ExportBench.deleteSqlite(warmUrl);
                // where the JIT's threads cannot be seen (no /proc), three rounds stand in for watching it
                if (Double.isNaN(compiling) ? round >= 3 : compiling < WARM || round >= MAX_WARM_UPS) {
                    break;
                }
            }
            System.out.printf("%s: measured round%n", store);
            String apiUrl = url(store);
            double api = throughApi(apiUrl, count, senders).eventsPerSecond();
            List<String[]> stored = storedRows(apiUrl);
            ExportBench.deleteSqlite(apiUrl);
            String plainUrl = url(store);
            double jdbc = plainJdbc(plainUrl, stored);
            ExportBench.deleteSqlite(plainUrl);
            System.out.printf("%-10s  HTTP API %,10.0f events/s   plain JDBC %,10.0f events/s   API/JDBC %.2f (the API also keeps rollups and memory)%n",
                    store, api, jdbc, api / jdbc);
        }
        System.exit(0);
    }

    private static String url(String store) {
        return store.equals("sqlite") ? Databases.sqlite() : Databases.postgresql();
    }

    /** A round through the API: its figure, and the share of its CPU the JIT compilers used (NaN when unknown). */
    private record Round(double eventsPerSecond, double compiling) {}

    private static Round throughApi(String databaseUrl, int count, int senders) throws Exception {
        // the senders all come from this machine's address, unlike an office of browsers: the per-address
        // limit is lifted so that it does not decide the figure (the per-site-key limit stays as shipped)
        io.inflow.Settings settings = new io.inflow.Settings(0, java.nio.file.Path.of("unused"), databaseUrl, "", "", false)
                .withLimits(new io.inflow.Settings.Limits(new io.inflow.limits.RateLimits.Rule("address", 100_000, 100_000),
                        io.inflow.Settings.Limits.DEFAULT.perSiteKey()));
        try (Server server = Server.start(settings, java.time.Clock.systemUTC())) {
            io.inflow.testing.Http admin = server.admin();
            com.fasterxml.jackson.databind.JsonNode app = admin.post("/api/v1/apps", Map.of("name", "Bench", "allowedOrigins", List.of())).json();
            String key = app.get("siteKey").asText();
            // the rows' tips exist and are published (every fifth reinforced), so views update learners' memory as they would
            Map<String, String> tipIds = new java.util.HashMap<>();
            for (int k = 0; k < 50; k++) {
                Map<String, Object> tip = Map.of("appId", app.get("id").asText(), "title", "Bench tip " + k, "body", "Enter the **net** amount.",
                        "presentation", "tooltip", "placement", "right", "pageRule", "/opportunities/*", "reinforce", k % 5 == 0,
                        "anchor", Map.of("v", 1, "tag", "input", "selectors", List.of(Map.of("css", "#amount-" + k, "count", 1))));
                String id = admin.post("/api/v1/tips", tip).json().get("id").asText();
                admin.post("/api/v1/tips/" + id + "/publish", null);
                tipIds.put("tip_" + k, id);
            }
            List<byte[]> bodies = bodies(count, tipIds);
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create(server.base + "/api/v1/events?key=" + key);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger retried = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(senders, r -> {
                Thread t = new Thread(r, "sender");
                t.setDaemon(true);
                return t;
            });
            // the garbage of making the bodies (and of the round before) is not the round's to collect
            System.gc();
            CpuUse cpuBefore = CpuUse.now();
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        while (true) {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                break;
                            }
                            if (r.statusCode() != 429) {
                                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
                            }
                            retried.incrementAndGet();
                            Thread.sleep(50);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double acknowledged = (System.nanoTime() - start) / 1e9;
            // the figure counts until the rollups and learners' memory hold every event, not only until the last acknowledgement
            server.inflow.digest().catchUp();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  all %,d acknowledged after %.2f s (%,.0f events/s), folded into rollups and memory after %.2f s%n",
                    count, acknowledged, count / acknowledged, seconds);
            CpuUse cpuAfter = CpuUse.now();
            System.out.printf("  CPU seconds in %.2f s: %s%n", seconds, cpuAfter.since(cpuBefore));
            pool.shutdown();
            long stored = server.inflow.database().read(h -> h.createQuery("SELECT COUNT(*) FROM events").mapTo(Long.class).one());
            if (stored != count) {
                throw new IllegalStateException("stored " + stored + " of " + count);
            }
            if (retried.get() > 0) {
                System.out.printf("  (%d batches answered 429 and were sent again)%n", retried.get());
            }
            return new Round(count / seconds, cpuAfter.share("C CompilerThre", cpuBefore));
        }
    }

    /**
     * The requests' bodies, made before a round's clock starts. They are kept as bytes and the rows they
     * come from are dropped: the senders stand in for browsers, which do not share the server's heap, and
     * millions of live row objects made the server's garbage collector mark them again and again (some
     * 4 CPU-seconds a round on this machine) where byte arrays have nothing in them to mark.
     */
    private static List<byte[]> bodies(int count, Map<String, String> tipIds) throws Exception {
        List<BenchRows.Row> rows = BenchRows.make(count, 42);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i += BATCH) {
            ObjectNode body = JSON.createObjectNode();
            body.put("learnerId", "learner-" + (i / BATCH) % 300);
            ArrayNode events = body.putArray("events");
            for (BenchRows.Row r : rows.subList(i, Math.min(count, i + BATCH))) {
                ObjectNode e = events.addObject().put("id", r.id()).put("type", r.type()).put("tipId", tipIds.get(r.tipId())).put("at", r.at()).put("url", r.url());
                if (r.data() != null) {
                    e.set("data", JSON.readTree(r.data()));
                }
            }
            bodies.add(JSON.writeValueAsBytes(body));
        }
        return bodies;
    }

    /** Every row the API stored, its columns in {@link Event#COLUMNS} order, in the order they were stored. */
    private static List<String[]> storedRows(String databaseUrl) {
        try (Database db = Database.open(databaseUrl)) {
            String order = db.dialect() == Database.Dialect.SQLITE ? " ORDER BY rowid" : "";
            return db.read(h -> h.createQuery("SELECT " + Event.COLUMNS + " FROM events" + order).map((rs, ctx) -> {
                String[] row = new String[COLUMNS];
                for (int i = 0; i < COLUMNS; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }).list());
        }
    }

    /**
     * The rows the API stored (same ids, app, tips, learners' hashes, times, same sizes) into a fresh
     * database of the same schema, by plain JDBC batches of the API's batch size, one transaction each.
     */
    private static double plainJdbc(String databaseUrl, List<String[]> rows) throws Exception {
        try (Database db = Database.open(databaseUrl); Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (" + Event.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING")) {
                for (int i = 0; i < rows.size(); i++) {
                    for (int column = 0; column < COLUMNS; column++) {
                        insert.setString(column + 1, rows.get(i)[column]);
                    }
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            return rows.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
