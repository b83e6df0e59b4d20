package io.inflow.delivery;

import io.inflow.apps.App;
import io.inflow.crypto.Hashes;
import io.inflow.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery answers as bytes, ready to send, with their strong ETag. Answers that are the same
 * for everyone (not personalised to a learner) are kept per app content version, tip set and
 * languages, so a page asked for again costs no serialising or hashing. A new content version
 * gives new keys, so a changed tip is never answered from here.
 */
public final class DeliveryAnswers {
    /** An answer as sent: its bytes and their ETag (a hash of the bytes, the same on every server). */
    public record Served(byte[] body, String etag) {
        static Served of(byte[] body) {
            return new Served(body, "\"" + Hashes.sha256(body).substring(0, 32) + "\"");
        }
    }

    /** What an anonymous answer depends on: the app at a version, each tip with the language it is given in, and the walkthroughs. */
    private record Key(String appId, long contentVersion, List<String> tips) {}

    private static final long MAX_BYTES = 32L << 20;
    private final Json json;
    private long bytes;
    private final Map<Key, Served> cache = new LinkedHashMap<>(1024, 0.75f, true);

    public DeliveryAnswers(Json json) {
        this.json = json;
    }

    /** The answer for everyone on this page: from the cache, or serialised and kept. */
    public Served shared(App app, Delivery.Answer answer) {
        List<String> tips = new ArrayList<>(answer.tips().size());
        for (Delivery.DeliveredTip tip : answer.tips()) {
            tips.add(tip.locale() == null ? tip.id() : tip.id() + "@" + tip.locale());
        }
        // the walkthroughs delivered with the page, and the language of each of their steps shown on it
        for (Delivery.DeliveredWalkthrough walkthrough : answer.walkthroughs()) {
            tips.add("walkthrough:" + walkthrough.id());
            for (Delivery.DeliveredStep step : walkthrough.steps()) {
                if (step.tip() != null) {
                    tips.add(step.tip().locale() == null ? step.tip().id() : step.tip().id() + "@" + step.tip().locale());
                }
            }
        }
        Key key = new Key(app.id(), app.contentVersion(), tips);
        synchronized (cache) {
            Served cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Served fresh = served(answer);
        synchronized (cache) {
            if (cache.putIfAbsent(key, fresh) == null) {
                bytes += fresh.body().length;
                var oldest = cache.entrySet().iterator();
                while (bytes > MAX_BYTES && oldest.hasNext()) {
                    bytes -= oldest.next().getValue().body().length;
                    oldest.remove();
                }
            }
        }
        return fresh;
    }

    /** An answer made for one learner: serialised each time, never kept, so no other learner can get it. */
    public Served personal(Delivery.Answer answer) {
        return served(answer);
    }

    private Served served(Delivery.Answer answer) {
        return Served.of(json.write(answer).getBytes(StandardCharsets.UTF_8));
    }
}
