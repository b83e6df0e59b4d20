package io.inflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.accounts.Accounts;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.tips.Tip;
import io.inflow.tips.TipInput;
import io.inflow.tips.Tips;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The demo: an app for the sample CRM at /demo/ and its published tips, made once and reused. */
public final class DemoSeed {
    public static final String SITE_KEY = "demo-crm";

    private final Apps apps;
    private final Tips tips;
    private final Accounts accounts;
    private final ObjectMapper mapper;

    public DemoSeed(Apps apps, Tips tips, Accounts accounts, ObjectMapper mapper) {
        this.apps = apps;
        this.tips = tips;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public void seed(String authorEmail, int port) {
        List<String> origins = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
        App app = apps.bySiteKey(SITE_KEY)
                .map(existing -> existing.allowedOrigins().containsAll(origins) ? existing
                        : apps.update(existing.id(), null, union(existing.allowedOrigins(), origins)))
                .orElseGet(() -> apps.create("Northwind CRM (demo)", origins, SITE_KEY));
        if (!tips.list(app.id(), null, null, 1).items().isEmpty()) {
            return;
        }
        String authorId = accounts.list().stream().filter(a -> a.email().equals(Accounts.normaliseEmail(authorEmail)))
                .findFirst().map(a -> a.id()).orElse(null);
        for (JsonNode item : readSeed()) {
            JsonNode learnMore = item.get("learnMore");
            TipInput input = new TipInput(app.id(), item.get("title").asText(), item.get("body").asText(),
                    item.get("presentation").asText(), item.path("placement").asText("auto"), item.get("pageRule").asText(),
                    item.get("anchor") == null || item.get("anchor").isNull() ? null : item.get("anchor"),
                    learnMore == null || learnMore.isNull() ? null : new Tip.LearnMore(learnMore.get("url").asText(), learnMore.path("label").asText(null)),
                    item.path("reinforce").asBoolean(false), null);
            Tip tip = tips.create(input, authorId);
            tips.setStatus(tip.id(), "published");
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private JsonNode readSeed() {
        try (InputStream in = DemoSeed.class.getResourceAsStream("/demo/tips.json")) {
            if (in == null) {
                throw new IllegalStateException("the demo's tips.json is missing from the build");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
