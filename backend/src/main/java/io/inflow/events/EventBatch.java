package io.inflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the overlay sends: a batch of events of one learner on one app; learnerSignature
 * is the host's HMAC of the learner id when the app verifies identities.
 */
public record EventBatch(String key, String learnerId, String learnerSignature, List<Incoming> events) {
    /** One event as the client made it, with its own UUID. */
    public record Incoming(String id, String type, String tipId, String at, String url, JsonNode data) {}
}
