package io.inflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.accounts.Accounts;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.tips.Tip;
import io.inflow.tips.TipInput;
import io.inflow.tips.Tips;
import io.inflow.walkthroughs.WalkthroughInput;
import io.inflow.walkthroughs.Walkthroughs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The demo: an app for the sample CRM at /demo/ and its published tips, made once and reused. */
public final class DemoSeed {
    public static final String SITE_KEY = "demo-crm";

    private final Apps apps;
    private final Tips tips;
    private final Walkthroughs walkthroughs;
    private final Accounts accounts;
    private final ObjectMapper mapper;

    public DemoSeed(Apps apps, Tips tips, Walkthroughs walkthroughs, Accounts accounts, ObjectMapper mapper) {
        this.apps = apps;
        this.tips = tips;
        this.walkthroughs = walkthroughs;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public void seed(String authorEmail, int port) {
        List<String> origins = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
        App app = apps.bySiteKey(SITE_KEY)
                .map(existing -> existing.allowedOrigins().containsAll(origins) ? existing
                        : apps.update(existing.id(), null, union(existing.allowedOrigins(), origins)))
                .orElseGet(() -> apps.create("Northwind CRM (demo)", origins, SITE_KEY));
        String authorId = accounts.list().stream().filter(a -> a.email().equals(Accounts.normaliseEmail(authorEmail)))
                .findFirst().map(a -> a.id()).orElse(null);
        if (tips.list(app.id(), null, null, 1).items().isEmpty()) {
            seedTips(app, authorId);
        }
        // data dirs made before walkthroughs existed get the demo's walkthrough too
        if (walkthroughs.list(app.id()).isEmpty()) {
            seedWalkthroughs(app, authorId, authorEmail);
        }
    }

    private void seedTips(App app, String authorId) {
        // seed items are tip inputs as the API takes them, plus a "key" naming them in tests and docs
        var reader = mapper.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (JsonNode item : readSeed("tips.json")) {
            com.fasterxml.jackson.databind.node.ObjectNode fields = item.deepCopy();
            fields.put("appId", app.id());
            TipInput input;
            try {
                input = reader.treeToValue(fields, TipInput.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the demo's tips.json has an unreadable tip " + item.path("key"), e);
            }
            Tip tip = tips.create(input, authorId);
            tips.setStatus(tip.id(), "published");
        }
    }

    /** Each step's tip is made as a draft; publishing the walkthrough publishes them all. */
    private void seedWalkthroughs(App app, String authorId, String authorEmail) {
        for (JsonNode item : readSeed("walkthroughs.json")) {
            List<WalkthroughInput.StepInput> steps = new java.util.ArrayList<>();
            for (JsonNode step : item.get("steps")) {
                com.fasterxml.jackson.databind.node.ObjectNode fields = step.get("tip").deepCopy();
                fields.put("appId", app.id());
                try {
                    Tip tip = tips.create(mapper.treeToValue(fields, TipInput.class), authorId);
                    steps.add(new WalkthroughInput.StepInput(tip.id(), step.path("url").asText(null), null, null));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("the demo's walkthroughs.json has an unreadable step tip", e);
                }
            }
            var created = walkthroughs.create(new WalkthroughInput(app.id(), item.get("title").asText(), item.get("startOn").asText(), steps), authorEmail);
            walkthroughs.publish(created.id(), null, authorEmail);
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private JsonNode readSeed(String name) {
        try (InputStream in = DemoSeed.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo's " + name + " is missing from the build");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
