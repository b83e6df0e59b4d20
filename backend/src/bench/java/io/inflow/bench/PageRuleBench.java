package io.inflow.bench;

import io.inflow.delivery.PageRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Matching one page URL against an app's 1,000 page rules, beside 1,000 plain string comparisons. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageRuleBench {
    private final List<PageRule> rules = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final URI url = URI.create("https://crm.example.com/opportunities/42/edit?tab=notes");

    @Setup
    public void setUp() {
        for (int i = 0; i < 1_000; i++) {
            String rule = switch (i % 5) {
                case 0 -> "/section" + i + "/:id";
                case 1 -> "/section" + i + "/*";
                case 2 -> "https://crm.example.com/area" + i + "/:id/edit";
                case 3 -> "*://*.example.com/zone" + i;
                default -> "/plain/path/" + i;
            };
            rules.add(PageRule.parse(rule));
            paths.add("/plain/path/" + i);
        }
        rules.set(500, PageRule.parse("/opportunities/:id/edit"));
    }

    @Benchmark
    public int matchThousandRules() {
        int matched = 0;
        for (PageRule rule : rules) {
            if (rule.match(url).isPresent()) {
                matched++;
            }
        }
        return matched;
    }

    /** Baseline: what comparing the path with 1,000 fixed strings costs. */
    @Benchmark
    public int baselineThousandStringEquals() {
        String path = url.getRawPath();
        int matched = 0;
        for (String candidate : paths) {
            if (candidate.equals(path)) {
                matched++;
            }
        }
        return matched;
    }
}
