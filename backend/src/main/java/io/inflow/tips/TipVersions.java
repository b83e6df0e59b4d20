package io.inflow.tips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The history of a tip: one row per version, holding the tip's content as it was saved.
 * A snapshot is the tip as the API shows it minus what no author edits, so fields added
 * to tips later are kept in the history (and restored) without changing this class.
 */
public final class TipVersions {
    /** One saved state of a tip: which kind of save, the fields it changed, who saved it and when. */
    public record Version(int version, String change, List<String> changedFields, String by, String at, JsonNode tip) {}

    private static final Set<String> NOT_CONTENT = Set.of("id", "appId", "bodyHtml", "author", "createdAt", "updatedAt",
            "publishedAt", "version", "walkthroughId");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    /** Old snapshots may lack fields added since, or hold ones since removed: restoring reads them leniently. */
    private final ObjectMapper lenient;
    private final RowMapper<Version> rowMapper;

    public TipVersions(Database db, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.rowMapper = (rs, c) -> new Version(rs.getInt("version"), rs.getString("change"),
                read(rs.getString("changed_fields"), STRINGS), rs.getString("saved_by"), rs.getString("saved_at"),
                read(rs.getString("snapshot"), new TypeReference<JsonNode>() {}));
    }

    /** Newest first. */
    public List<Version> list(String tipId) {
        return db.read(h -> h.createQuery("""
                        SELECT version, change, changed_fields, saved_by, saved_at, snapshot FROM tip_versions
                        WHERE tip_id = :tip ORDER BY version DESC""")
                .bind("tip", tipId).map(rowMapper).list());
    }

    Optional<Version> find(Handle h, String tipId, int version) {
        return h.createQuery("""
                        SELECT version, change, changed_fields, saved_by, saved_at, snapshot FROM tip_versions
                        WHERE tip_id = :tip AND version = :version""")
                .bind("tip", tipId).bind("version", version).map(rowMapper).findOne();
    }

    /** Records `saved` as its version; `before` (the previous state, or null for a new tip) tells what changed. */
    void record(Handle h, Tip saved, Tip before, String change, String by) {
        ObjectNode now = snapshot(saved);
        List<String> changed = before == null ? List.of() : differing(snapshot(before), now);
        insert(h, saved.id(), saved.version(), change, changed, by, Times.format(clock.instant()), now);
    }

    /** Tips saved before versions were kept have no row for their current state: record it before it changes. */
    void recordIfMissing(Handle h, Tip current) {
        if (find(h, current.id(), current.version()).isPresent()) {
            return;
        }
        insert(h, current.id(), current.version(), "recorded", List.of(), current.author(), current.updatedAt(), snapshot(current));
    }

    /** The editable content of a version, as input for saving it again. */
    TipInput input(Version version) {
        try {
            ObjectNode fields = version.tip().deepCopy();
            fields.remove("status");
            return lenient.treeToValue(fields, TipInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version is not a tip", e);
        }
    }

    private ObjectNode snapshot(Tip tip) {
        ObjectNode node = mapper.valueToTree(tip);
        node.remove(NOT_CONTENT);
        return node;
    }

    private static List<String> differing(ObjectNode before, ObjectNode after) {
        Set<String> names = new LinkedHashSet<>(fieldNames(after));
        names.addAll(fieldNames(before));
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode a = before.path(name);
            JsonNode b = after.path(name);
            // a missing field and a null one mean the same to an author
            boolean same = (a.isMissingNode() || a.isNull()) ? (b.isMissingNode() || b.isNull()) : a.equals(b);
            if (!same) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private void insert(Handle h, String tipId, int version, String change, List<String> changed, String by, String at, ObjectNode snapshot) {
        h.createUpdate("""
                        INSERT INTO tip_versions (tip_id, version, change, changed_fields, saved_by, saved_at, snapshot)
                        VALUES (:tip, :version, :change, :changed, :by, :at, :snapshot)""")
                .bind("tip", tipId).bind("version", version).bind("change", change).bind("changed", write(changed))
                .bind("by", by).bind("at", at).bind("snapshot", write(snapshot)).execute();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version is not JSON", e);
        }
    }
}
