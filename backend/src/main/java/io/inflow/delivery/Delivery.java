package io.inflow.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.apps.App;
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
                               JsonNode anchor, List<Object> body, Tip.LearnMore learnMore, Tip.Media media, int version) {}

    public record Answer(Map<String, String> app, List<DeliveredTip> tips) {}

    /** What an author previews on a page: published tips and drafts, with the ids of the drafts. */
    public record Preview(Map<String, String> app, List<DeliveredTip> tips, List<String> drafts) {}

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
        return new Answer(Map.of("id", app.id(), "name", app.name()), matching);
    }

    /** Published and draft tips whose rule matches; read fresh (authors expect their last save), never cached. */
    public Preview preview(App app, URI url) {
        List<DeliveredTip> matching = new ArrayList<>();
        List<String> drafts = new ArrayList<>();
        for (Tip tip : tips.previewed(app.id())) {
            if (PageRule.parse(tip.pageRule()).match(url).isPresent()) {
                matching.add(delivered(tip));
                if (tip.status().equals("draft")) {
                    drafts.add(tip.id());
                }
            }
        }
        return new Preview(Map.of("id", app.id(), "name", app.name()), matching, drafts);
    }

    private static DeliveredTip delivered(Tip tip) {
        return new DeliveredTip(tip.id(), tip.title(), tip.presentation(), tip.placement(), tip.pageRule(), tip.anchor(),
                tip.bodyTree(), tip.learnMore(), tip.media(), tip.version());
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
