package io.inflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** One thing a learner did, as stored. */
public record Event(String id, String appId, String type, String tipId, String learnerHash,
                   String occurredAt, String receivedAt, String url, String data) {

    public static final List<String> TYPES = List.of("tip_shown", "tip_dismissed", "tip_completed", "link_opened",
            "anchor_missing", "step_viewed", "walkthrough_completed", "helpful_vote", "check_answered", "search");

    /** The event's data as a tree; a missing node when there is none (or it cannot be read). */
    public JsonNode dataTree(ObjectMapper mapper) {
        if (data == null) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(data);
        } catch (java.io.IOException e) {
            return mapper.missingNode();
        }
    }
}
