package io.inflow.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.apps.App;
import io.inflow.learning.CheckView;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles what the overlay shows on one page. Compiled page rules are cached per app,
 * keyed by the app's content version in the database, so a change made through any
 * server is seen by all of them on their next request.
 */
public final class Delivery {
    /** A tip as a worker's overlay receives it. */
    public record DeliveredTip(String id, String title, String presentation, String placement, String pageRule,
                               JsonNode anchor, List<Object> body, Tip.LearnMore learnMore, int version,
                               boolean reinforce, CheckView check) {}

    /** reinforce: the id of the one due reinforce-tip to show now (only when the learner is known), else null. */
    public record Answer(Map<String, String> app, List<DeliveredTip> tips, String reinforce) {}

    private record Compiled(PageRule rule, DeliveredTip tip) {}

    private record Snapshot(long contentVersion, List<Compiled> tips) {}

    private static final int MAX_APPS = 1_000;
    private final Tips tips;
    private final Map<String, Snapshot> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > MAX_APPS;
        }
    };

    public Delivery(Tips tips) {
        this.tips = tips;
    }

    public Answer forPage(App app, URI url) {
        List<DeliveredTip> matching = new ArrayList<>();
        for (Compiled compiled : snapshot(app).tips()) {
            if (compiled.rule().match(url).isPresent()) {
                matching.add(compiled.tip());
            }
        }
        return new Answer(Map.of("id", app.id(), "name", app.name()), matching, null);
    }

    /** A tip as the overlay receives it: never the check's answers. */
    public static DeliveredTip delivered(Tip tip) {
        return new DeliveredTip(tip.id(), tip.title(), tip.presentation(), tip.placement(), tip.pageRule(), tip.anchor(),
                tip.bodyTree(), tip.learnMore(), tip.version(), tip.reinforce(), CheckView.of(tip.check()));
    }

    private Snapshot snapshot(App app) {
        synchronized (cache) {
            Snapshot cached = cache.get(app.id());
            if (cached != null && cached.contentVersion() == app.contentVersion()) {
                return cached;
            }
        }
        List<Compiled> compiled = new ArrayList<>();
        for (Tip tip : tips.published(app.id())) {
            compiled.add(new Compiled(PageRule.parse(tip.pageRule()), delivered(tip)));
        }
        Snapshot fresh = new Snapshot(app.contentVersion(), List.copyOf(compiled));
        synchronized (cache) {
            Snapshot cached = cache.get(app.id());
            if (cached == null || cached.contentVersion() < fresh.contentVersion()) {
                cache.put(app.id(), fresh);
            }
        }
        return fresh;
    }
}
