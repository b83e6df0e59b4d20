package io.inflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the overlay sends: a batch of events of one learner on one app, how many events it had
 * to drop since its last report, learnerSignature, the host's HMAC of the learner id when the
 * app verifies identities, and the learner's text traits from identify (once per batch).
 */
public record EventBatch(String key, String learnerId, String learnerSignature, List<Incoming> events, Integer dropped,
                         Map<String, String> traits) {
    public EventBatch(String key, String learnerId, List<Incoming> events) {
        this(key, learnerId, null, events, null, null);
    }

    public EventBatch(String key, String learnerId, String learnerSignature, List<Incoming> events, Integer dropped) {
        this(key, learnerId, learnerSignature, events, dropped, null);
    }

    /** One event as the client made it, with its own UUID. */
    public record Incoming(String id, String type, String tipId, String at, String url, JsonNode data) {}
}
