package io.inflow.learners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.store.Times;
import io.inflow.web.Validation;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The traits a host passes to {@code Inflow.identify}, kept per learner (hashed id) so mastery and
 * analytics can group or filter learners by them: as JSON in learners.traits and one row per trait
 * in learner_traits. Only short text traits are kept, and only the latest set.
 */
public final class LearnerTraits {
    public static final int MAX_TRAITS = 20;
    public static final int MAX_NAME = 64;
    public static final int MAX_VALUE = 200;
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final ObjectMapper mapper;

    public LearnerTraits(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds a field error when traits (absent is fine) are not at most 20 text traits of bounded size. */
    public static void validate(Map<String, String> traits, String field, Validation v) {
        v.check(traits == null || traits.size() <= MAX_TRAITS && traits.entrySet().stream()
                .allMatch(t -> !t.getKey().isEmpty() && t.getKey().length() <= MAX_NAME && t.getValue() != null
                        && t.getValue().length() <= MAX_VALUE), field,
                "must be at most " + MAX_TRAITS + " text traits (names up to " + MAX_NAME + ", values up to " + MAX_VALUE + " characters)");
    }

    /** Stores the learner's traits on the caller's transaction; writes nothing when they are empty or unchanged. */
    public void save(Handle h, String appId, String learner, Map<String, String> traits, Instant now) {
        if (learner == null || traits == null || traits.isEmpty()) {
            return;
        }
        Map<String, String> sorted = new TreeMap<>(traits);
        String json = write(sorted);
        String stored = h.createQuery("SELECT traits FROM learners WHERE app_id = :app AND learner_hash = :learner")
                .bind("app", appId).bind("learner", learner).mapTo(String.class).findOne().orElse(null);
        if (stored != null && Objects.equals(read(stored), sorted)) {
            return;
        }
        h.createUpdate("""
                        INSERT INTO learners (app_id, learner_hash, traits, updated_at) VALUES (:app, :learner, :traits, :now)
                        ON CONFLICT (app_id, learner_hash) DO UPDATE SET traits = excluded.traits, updated_at = excluded.updated_at""")
                .bind("app", appId).bind("learner", learner).bind("traits", json).bind("now", Times.format(now)).execute();
        h.createUpdate("DELETE FROM learner_traits WHERE app_id = :app AND learner_hash = :learner")
                .bind("app", appId).bind("learner", learner).execute();
        PreparedBatch insert = h.prepareBatch("""
                INSERT INTO learner_traits (app_id, learner_hash, name, value) VALUES (:app, :learner, :name, :value)""");
        sorted.forEach((name, value) -> insert.bind("app", appId).bind("learner", learner).bind("name", name).bind("value", value).add());
        insert.execute();
    }

    /** The traits stored as JSON; empty when there are none or they cannot be read. */
    public Map<String, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> traits = mapper.readValue(json, MAP);
            return traits == null ? Map.of() : new TreeMap<>(traits);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String write(Map<String, String> traits) {
        try {
            return mapper.writeValueAsString(traits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
