package io.inflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** One thing a learner did, as stored. */
public record Event(String id, String appId, String type, String tipId, String learnerHash,
                   String occurredAt, String receivedAt, String url, String data) {

    public static final List<String> TYPES = List.of("tip_shown", "tip_dismissed", "tip_completed", "link_opened",
            "anchor_missing", "step_viewed", "walkthrough_completed", "helpful_vote", "check_answered", "search", "page_viewed");

    /** Columns to select for {@link #read}. */
    public static final String COLUMNS = "id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data";

    /** One event from a row of the events table selected with {@link #COLUMNS} first (read by position: exports read millions). */
    public static Event read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }

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
