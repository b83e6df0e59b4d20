package io.inflow.bench;

import io.inflow.Inflow;
import io.inflow.Settings;
import io.inflow.content.Content;
import io.inflow.limits.RateLimits;
import io.inflow.store.Times;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery under load: 100,000 published tips over 1,000 apps, wrk on loopback at 64
 * connections, beside a bare Javalin route answering the same number of bytes in the same run
 * (in alternating rounds; medians reported).
 */
public final class DeliveryLoad {
    /** cpuMicrosPerRequest: this JVM's CPU time over the requests served, which the machine's other load disturbs far less than requests/s. */
    record Figures(double requestsPerSecond, double p50Millis, double p99Millis, double cpuMicrosPerRequest) {}

    private static final String[] RULES = {"/accounts/:id", "/accounts/*", "/opportunities/:id", "/opportunities/:id/edit",
            "/reports", "/reports/*", "/contacts/:id", "/cases/:id", "/settings/*", "*://crm.example.com/accounts/:id"};

    private static final String[] PAGES = {"accounts%2F42", "opportunities%2F7", "reports", "contacts%2F3", "nothing%2Fhere"};

    public static void main(String[] args) throws Exception {
        int apps = intArg(args, "--apps", 1_000);
        int tipsPerApp = intArg(args, "--tips", 100_000) / apps;
        int seconds = intArg(args, "--seconds", 5);
        int rounds = intArg(args, "--rounds", 3);
        int connections = intArg(args, "--connections", 64);
        Path dir = Files.createTempDirectory("inflow-bench");
        Settings.Limits unlimited = new Settings.Limits(new RateLimits.Rule("address", 1e9, 1e9), new RateLimits.Rule("site-key", 1e9, 1e9));
        Settings settings = new Settings(0, dir, "jdbc:sqlite:" + dir.resolve("inflow.db"), "bench@example.com", "bench password 1", false, Set.of(), unlimited);
        try (Inflow inflow = Inflow.create(settings)) {
            long started = System.nanoTime();
            List<String> keys = seed(inflow, apps, tipsPerApp);
            System.out.printf("seeded %,d apps with %,d tips each in %.1f s%n", apps, tipsPerApp, (System.nanoTime() - started) / 1e9);
            inflow.listen();
            String base = "http://127.0.0.1:" + inflow.port();
            String path = "/api/v1/delivery?key=" + keys.get(0) + "&url=https%3A%2F%2Fcrm.example.com%2Faccounts%2F42";
            byte[] sample = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            Javalin bare = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.routes.get("/bare", ctx -> ctx.contentType("application/json").result(sample));
            }).start(0);
            try {
                Path script = dir.resolve("delivery.lua");
                Files.writeString(script, luaScript(keys));
                Path bareScript = dir.resolve("bare.lua");
                Files.writeString(bareScript, "request = function() return wrk.format(\"GET\", \"/bare\") end\n");
                String bareBase = "http://127.0.0.1:" + bare.port();
                System.out.printf("load average before: %s%n", loadAverage());
                long cold = System.nanoTime();
                int firstReads = readEveryPageOnce(base, keys);
                System.out.printf("first read of every app's pages (%,d requests, one at a time, cold caches): %.1f s%n",
                        firstReads, (System.nanoTime() - cold) / 1e9);
                wrk(bareBase, bareScript, 3, connections);
                wrk(base, script, 3, connections);
                // the two alternate, round by round, so a change in the machine's other load falls on both alike
                List<Figures> bareRounds = new ArrayList<>();
                List<Figures> inflowRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    bareRounds.add(wrk(bareBase, bareScript, seconds, connections));
                    inflowRounds.add(wrk(base, script, seconds, connections));
                    System.out.printf("round %d: bare %.0f requests/s, p99 %.2f ms, %.1f µs CPU each; delivery %.0f requests/s, p99 %.2f ms, "
                                    + "%.1f µs CPU each; load average %s%n", round + 1, bareRounds.get(round).requestsPerSecond(),
                            bareRounds.get(round).p99Millis(), bareRounds.get(round).cpuMicrosPerRequest(), inflowRounds.get(round).requestsPerSecond(),
                            inflowRounds.get(round).p99Millis(), inflowRounds.get(round).cpuMicrosPerRequest(), loadAverage());
                }
                Figures bareFigures = median(bareRounds);
                Figures inflowFigures = median(inflowRounds);
                System.out.printf("%nDelivery under load: %d connections, %d rounds of %d s each, %,d-byte answers, %d apps x %d tips, SQLite, %d cores%n",
                        connections, rounds, seconds, sample.length, apps, tipsPerApp, Runtime.getRuntime().availableProcessors());
                System.out.printf("%-30s %12s %10s %10s %14s   (medians of the rounds)%n", "", "requests/s", "p50 ms", "p99 ms", "CPU µs/request");
                System.out.printf("%-30s %12.0f %10.2f %10.2f %14.1f%n", "bare Javalin route (baseline)", bareFigures.requestsPerSecond(),
                        bareFigures.p50Millis(), bareFigures.p99Millis(), bareFigures.cpuMicrosPerRequest());
                System.out.printf("%-30s %12.0f %10.2f %10.2f %14.1f%n", "GET /api/v1/delivery", inflowFigures.requestsPerSecond(),
                        inflowFigures.p50Millis(), inflowFigures.p99Millis(), inflowFigures.cpuMicrosPerRequest());
                System.out.printf("delivery reaches %.1f%% of the bare route's requests/s (target >= 70%%); p99 %.2f ms (target <= 5 ms); "
                                + "its CPU per request is %.0f%% of the bare route's%n",
                        100 * inflowFigures.requestsPerSecond() / bareFigures.requestsPerSecond(), inflowFigures.p99Millis(),
                        100 * inflowFigures.cpuMicrosPerRequest() / bareFigures.cpuMicrosPerRequest());
                System.out.printf("load average after: %s (the machine's other work shows here: compare the ratio, not the absolute figures)%n", loadAverage());
            } finally {
                bare.stop();
            }
        }
    }

    /** Writes apps and published tips straight into the store: the load run measures reads, not authoring. */
    private static List<String> seed(Inflow inflow, int apps, int tipsPerApp) {
        Content.Rendered body = new Content().markdown("Enter the **net** amount in EUR, without VAT. [Pricing rules](https://wiki.example.com/pricing)");
        String tree = toJson(body.tree());
        String now = Times.format(Instant.now());
        List<String> keys = new ArrayList<>();
        inflow.database().write(h -> {
            var appInsert = h.prepareBatch("INSERT INTO apps (id, name, site_key, allowed_origins, learner_secret, content_version, created_at, updated_at) "
                    + "VALUES (:id, :name, :key, '[]', 'secret', 1, :now, :now)");
            var tipInsert = h.prepareBatch("INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement, "
                    + "page_rule, anchor, status, created_at, updated_at, published_at, version) VALUES (:id, :app, :title, 'md', :html, :tree, "
                    + "'tooltip', 'auto', :rule, :anchor, 'published', :now, :now, :now, 1)");
            for (int a = 0; a < apps; a++) {
                String appId = String.format("app_bench%05d", a);
                String key = String.format("bench-key-%05d", a);
                keys.add(key);
                appInsert.bind("id", appId).bind("name", "App " + a).bind("key", key).bind("now", now).add();
                for (int t = 0; t < tipsPerApp; t++) {
                    String rule = t < RULES.length ? RULES[t] : "/page" + t + "/:id";
                    tipInsert.bind("id", String.format("tip_b%05d_%04d", a, t)).bind("app", appId).bind("title", "Tip " + t)
                            .bind("html", body.html()).bind("tree", tree).bind("rule", rule)
                            .bind("anchor", "{\"v\":1,\"tag\":\"input\",\"selectors\":[{\"css\":\"[name=\\\"f" + t + "\\\"]\",\"count\":1}]}")
                            .bind("now", now).add();
                }
            }
            appInsert.execute();
            tipInsert.execute();
            return null;
        });
        return keys;
    }

    private static String toJson(Object value) {
        try {
            return new io.inflow.web.Json().mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every app's pages once, so the measured runs see a server that has been up (delivery's caches filled). */
    private static int readEveryPageOnce(String base, List<String> keys) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        int count = 0;
        for (String key : keys) {
            for (String page : PAGES) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/delivery?key=" + key
                        + "&url=https%3A%2F%2Fcrm.example.com%2F" + page)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("delivery answered " + r.statusCode() + " for " + key + " " + page);
                }
                count++;
            }
        }
        return count;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String luaScript(List<String> keys) {
        StringBuilder lua = new StringBuilder("local keys = {");
        for (String key : keys) {
            lua.append('"').append(key).append("\",");
        }
        lua.append("}\nlocal pages = {");
        for (String page : PAGES) {
            lua.append('"').append(page).append("\",");
        }
        lua.append("}\n");
        lua.append("request = function()\n  local k = keys[math.random(#keys)]\n  local p = pages[math.random(#pages)]\n");
        lua.append("  return wrk.format(\"GET\", \"/api/v1/delivery?key=\" .. k .. \"&url=https%3A%2F%2Fcrm.example.com%2F\" .. p)\nend\n");
        return lua.toString();
    }

    private static Figures wrk(String base, Path script, int seconds, int connections) throws IOException, InterruptedException {
        long cpuBefore = CpuUse.processNanos();
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(), base)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        if (out.contains("Non-2xx or 3xx responses")) {
            throw new IllegalStateException("some answers were errors:\n" + out);
        }
        double cpuMicros = (CpuUse.processNanos() - cpuBefore) / 1e3;
        return new Figures(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                cpuMicros / number(out, "([0-9]+) requests in"));
    }

    /** Each figure's median over the rounds, taken separately. */
    private static Figures median(List<Figures> rounds) {
        return new Figures(median(rounds.stream().mapToDouble(Figures::requestsPerSecond).toArray()),
                median(rounds.stream().mapToDouble(Figures::p50Millis).toArray()), median(rounds.stream().mapToDouble(Figures::p99Millis).toArray()),
                median(rounds.stream().mapToDouble(Figures::cpuMicrosPerRequest).toArray()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + text);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
