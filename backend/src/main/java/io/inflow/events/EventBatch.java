package io.inflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the overlay sends: a batch of events of one learner on one app, how many events it had
 * to drop since its last report, and learnerSignature, the host's HMAC of the learner id when
 * the app verifies identities.
 */
public record EventBatch(String key, String learnerId, String learnerSignature, List<Incoming> events, Integer dropped) {
    public EventBatch(String key, String learnerId, List<Incoming> events) {
        this(key, learnerId, null, events, null);
    }

    /** One event as the client made it, with its own UUID. */
    public record Incoming(String id, String type, String tipId, String at, String url, JsonNode data) {}
}
