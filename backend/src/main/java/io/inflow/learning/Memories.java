package io.inflow.learning;

import io.inflow.store.Database;
import io.inflow.store.Times;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Rows of the memories table: one per app, learner hash and tip. */
final class Memories {
    private static final String COLUMNS = """
            tip_id, views, dismissals, checks_right, checks_wrong, first_seen_at, last_seen_at, last_dismissed_at,
            completed_at, last_answer, fsrs_state, stability, difficulty, elapsed_days, scheduled_days, reps, lapses,
            learning_steps, due_at, last_review_at""";
    static final RowMapper<Memory> MAPPER = (rs, c) -> {
        String state = rs.getString("fsrs_state");
        Fsrs.Card card = state == null ? null : new Fsrs.Card(Fsrs.State.valueOf(state), rs.getDouble("stability"),
                rs.getDouble("difficulty"), rs.getInt("elapsed_days"), rs.getInt("scheduled_days"), rs.getInt("reps"),
                rs.getInt("lapses"), rs.getInt("learning_steps"), Times.parse(rs.getString("due_at")), Times.parse(rs.getString("last_review_at")));
        return new Memory(rs.getString("tip_id"), rs.getInt("views"), rs.getInt("dismissals"), rs.getInt("checks_right"),
                rs.getInt("checks_wrong"), Times.parse(rs.getString("first_seen_at")), Times.parse(rs.getString("last_seen_at")),
                Times.parse(rs.getString("last_dismissed_at")), Times.parse(rs.getString("completed_at")), rs.getString("last_answer"), card);
    };

    private Memories() {}

    /**
     * The row, locked until the transaction ends on PostgreSQL, so two servers handling the same learner
     * cannot both read the old counts and lose an update (SQLite has one writer at a time anyway).
     */
    static Optional<Memory> findForUpdate(Handle h, Database.Dialect dialect, String appId, String learner, String tipId) {
        String lock = dialect == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        return h.createQuery("SELECT " + COLUMNS + " FROM memories WHERE app_id = :app AND learner_hash = :learner AND tip_id = :tip" + lock)
                .bind("app", appId).bind("learner", learner).bind("tip", tipId).map(MAPPER).findOne();
    }

    static List<Memory> ofLearner(Handle h, String appId, String learner) {
        return h.createQuery("SELECT " + COLUMNS + " FROM memories WHERE app_id = :app AND learner_hash = :learner ORDER BY tip_id")
                .bind("app", appId).bind("learner", learner).map(MAPPER).list();
    }

    private static final String INSERT = """
            INSERT INTO memories (app_id, learner_hash, %s)
            VALUES (:app, :learner, :tip, :views, :dismissals, :right, :wrong, :firstSeen, :lastSeen, :lastDismissed,
                    :completed, :lastAnswer, :state, :stability, :difficulty, :elapsed, :scheduled, :reps, :lapses,
                    :steps, :due, :lastReview)
            ON CONFLICT (app_id, learner_hash, tip_id) DO UPDATE SET
                views = excluded.views, dismissals = excluded.dismissals, checks_right = excluded.checks_right,
                checks_wrong = excluded.checks_wrong, first_seen_at = excluded.first_seen_at,
                last_seen_at = excluded.last_seen_at, last_dismissed_at = excluded.last_dismissed_at,
                completed_at = excluded.completed_at, last_answer = excluded.last_answer""".formatted(COLUMNS);
    private static final String SAVE = INSERT + """
            , fsrs_state = excluded.fsrs_state,
                stability = excluded.stability, difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
                scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses,
                learning_steps = excluded.learning_steps, due_at = excluded.due_at, last_review_at = excluded.last_review_at""";
    /**
     * SAVE for a memory whose card is as stored: it leaves the card's columns alone, so the due-date
     * index is not rewritten (SQLite rewrites an index entry whenever its column is assigned, even to
     * the same value, which made such a save cost twice as much; most views change no card).
     */
    private static final String SAVE_KEEPING_CARD = INSERT;

    /**
     * Several learners' memories of some tips, locked as {@link #findForUpdate} locks one, by learner and
     * then tip (learners without a row are absent): one statement per 500 learners instead of one each.
     */
    static Map<String, Map<String, Memory>> findForUpdate(Handle h, Database.Dialect dialect, String appId, List<String> learners,
                                                          Collection<String> tipIds) {
        String lock = dialect == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        Map<String, Map<String, Memory>> found = new HashMap<>();
        for (int from = 0; from < learners.size(); from += 500) {
            h.createQuery("SELECT learner_hash, " + COLUMNS + " FROM memories WHERE app_id = :app AND learner_hash IN (<learners>)"
                            + " AND tip_id IN (<tips>) ORDER BY learner_hash, tip_id" + lock)
                    .bind("app", appId).bindList("learners", learners.subList(from, Math.min(learners.size(), from + 500)))
                    .bindList("tips", List.copyOf(tipIds))
                    .map((rs, c) -> found.computeIfAbsent(rs.getString("learner_hash"), k -> new HashMap<>()).put(rs.getString("tip_id"),
                            MAPPER.map(rs, c)))
                    .list();
        }
        return found;
    }

    static void save(Handle h, String appId, String learner, Memory m) {
        bind(h.createUpdate(SAVE), appId, learner, m).execute();
    }

    /** A learner hash with one of its memories, to save several in one batch; cardChanged: its card is not the stored one. */
    record Saved(String learner, Memory memory, boolean cardChanged) {}

    /**
     * Saves many memories in one JDBC batch, binding by position: the digest saves hundreds of thousands
     * per million events, and binding twenty-two named parameters a row cost more than the writes.
     */
    static void saveAll(Handle h, Database.Dialect dialect, String appId, List<Saved> memories) {
        if (dialect == Database.Dialect.POSTGRESQL) {
            // one batch in the given order: two servers inserting the same new rows in two passes could deadlock
            // (and PostgreSQL leaves an index alone when the indexed value is unchanged)
            saveAll(h, appId, memories, SAVE);
            return;
        }
        saveAll(h, appId, memories.stream().filter(Saved::cardChanged).toList(), SAVE);
        saveAll(h, appId, memories.stream().filter(s -> !s.cardChanged()).toList(), SAVE_KEEPING_CARD);
    }

    private static void saveAll(Handle h, String appId, List<Saved> memories, String sql) {
        if (memories.isEmpty()) {
            return;
        }
        // the parameters by position, in the order they appear
        try (PreparedStatement batch = h.getConnection().prepareStatement(sql.replaceAll(":[A-Za-z]+", "?"))) {
            for (Saved s : memories) {
                Memory m = s.memory();
                Fsrs.Card c = m.card();
                Object[] values = {appId, s.learner(), m.tipId(), m.views(), m.dismissals(), m.checksRight(), m.checksWrong(),
                        time(m.firstSeenAt()), time(m.lastSeenAt()), time(m.lastDismissedAt()), time(m.completedAt()), m.lastAnswer(),
                        c == null ? null : c.state().name(), c == null ? null : c.stability(), c == null ? null : c.difficulty(),
                        c == null ? null : c.elapsedDays(), c == null ? null : c.scheduledDays(), c == null ? null : c.reps(),
                        c == null ? null : c.lapses(), c == null ? null : c.learningSteps(), c == null ? null : time(c.due()),
                        c == null ? null : time(c.lastReview())};
                for (int i = 0; i < values.length; i++) {
                    set(batch, i + 1, values[i]);
                }
                batch.addBatch();
            }
            batch.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("saving memories failed", e);
        }
    }

    /** Nulls typed by column (PostgreSQL wants to know), everything else as itself. */
    private static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value != null) {
            statement.setObject(index, value);
        } else if (index >= 14 && index <= 20) {
            statement.setNull(index, index <= 15 ? Types.DOUBLE : Types.INTEGER);
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static <S extends SqlStatement<S>> S bind(S statement, String appId, String learner, Memory m) {
        Fsrs.Card c = m.card();
        return statement.bind("app", appId).bind("learner", learner).bind("tip", m.tipId()).bind("views", m.views())
                .bind("dismissals", m.dismissals()).bind("right", m.checksRight()).bind("wrong", m.checksWrong())
                .bind("firstSeen", time(m.firstSeenAt())).bind("lastSeen", time(m.lastSeenAt()))
                .bind("lastDismissed", time(m.lastDismissedAt())).bind("completed", time(m.completedAt()))
                .bind("lastAnswer", m.lastAnswer())
                .bind("state", c == null ? null : c.state().name())
                .bind("stability", c == null ? null : c.stability()).bind("difficulty", c == null ? null : c.difficulty())
                .bind("elapsed", c == null ? null : c.elapsedDays()).bind("scheduled", c == null ? null : c.scheduledDays())
                .bind("reps", c == null ? null : c.reps()).bind("lapses", c == null ? null : c.lapses())
                .bind("steps", c == null ? null : c.learningSteps())
                .bind("due", c == null ? null : time(c.due())).bind("lastReview", c == null ? null : time(c.lastReview()));
    }

    private static String time(Instant t) {
        return t == null ? null : Times.format(t);
    }
}
