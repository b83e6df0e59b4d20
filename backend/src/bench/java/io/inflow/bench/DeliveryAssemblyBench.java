package io.inflow.bench;

import io.inflow.Inflow;
import io.inflow.Settings;
import io.inflow.apps.App;
import io.inflow.delivery.Delivery;
import io.inflow.delivery.DeliveryAnswers;
import io.inflow.store.Times;
import io.inflow.web.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Assembling one page's delivery from an app of 100 published tips (cache warm), beside serialising the answer alone. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeliveryAssemblyBench {
    private Inflow inflow;
    private Delivery delivery;
    private App app;
    private Json json;
    private Delivery.Answer answer;
    private DeliveryAnswers answers;
    private final URI url = URI.create("https://crm.example.com/accounts/42");

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("inflow-bench");
        inflow = Inflow.create(new Settings(0, dir, "jdbc:sqlite:" + dir.resolve("inflow.db"), "bench@example.com", "bench password 1", false));
        String now = Times.format(Instant.now());
        inflow.database().write(h -> {
            h.createUpdate("INSERT INTO apps (id, name, site_key, allowed_origins, learner_secret, content_version, created_at, updated_at) "
                    + "VALUES ('app_bench', 'Bench', 'bench-key', '[]', 'secret', 1, :now, :now)").bind("now", now).execute();
            var tips = h.prepareBatch("INSERT INTO tips (id, app_id, title, body_markdown, body_html, body_tree, presentation, placement, page_rule, "
                    + "anchor, status, created_at, updated_at, published_at, version) VALUES (:id, 'app_bench', :title, 'md', '<p>x</p>', "
                    + "'[[\"p\",{},\"Enter the net amount.\"]]', 'tooltip', 'auto', :rule, '{\"v\":1}', 'published', :now, :now, :now, 1)");
            for (int t = 0; t < 100; t++) {
                tips.bind("id", String.format("tip_b%03d", t)).bind("title", "Tip " + t)
                        .bind("rule", t % 10 == 0 ? "/accounts/:id" : "/page" + t + "/:id").bind("now", now).add();
            }
            tips.execute();
            return null;
        });
        app = inflow.apps().bySiteKey("bench-key").orElseThrow();
        delivery = new Delivery(inflow.tips(), java.time.Clock.systemUTC());
        json = new Json();
        answer = delivery.forPage(app, url, java.util.List.of());
        answers = new DeliveryAnswers(json);
    }

    @TearDown
    public void tearDown() {
        inflow.close();
    }

    @Benchmark
    public String assembleAndSerialise() {
        return json.write(delivery.forPage(app, url, java.util.List.of()));
    }

    /** What a delivery request costs now, beyond HTTP: finding the page's tips, then their answer's bytes from the cache. */
    @Benchmark
    public byte[] assembleFromAnswerCache() {
        return answers.shared(app, delivery.forPage(app, url, java.util.List.of())).body();
    }

    /** Baseline: serialising the same answer, without finding its tips. */
    @Benchmark
    public String baselineSerialiseOnly() {
        return json.write(answer);
    }
}
