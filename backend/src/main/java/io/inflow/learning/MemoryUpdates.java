package io.inflow.learning;

import io.inflow.events.Digest;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Learners' memory of tips from what they do: views, dismissals and completions (answers to checks
 * go through {@link Learning#answer}); the first view is an FSRS review rated Good, as is the view of
 * a due reinforce-tip without a check. Kept by the {@link Digest} from newly stored events.
 */
public final class MemoryUpdates implements Digest.Fold {
    private final Database db;
    private final MemoryWrites writes;
    private final Fsrs fsrs = new Fsrs(Fsrs.Parameters.inflow());

    public MemoryUpdates(Database db, MemoryWrites writes) {
        this.db = db;
        this.writes = writes;
    }

    @Override
    public void add(Handle h, List<Event> stored) {
        writes.changing(h);
        changes(h, stored).save(h);
    }

    /**
     * On SQLite the memories are read and the changes worked out before the writer is taken, and
     * written on the folding transaction if no memory was written meanwhile (else worked out again
     * there). PostgreSQL reads them locked on the folding transaction: another server may write them.
     */
    @Override
    public Digest.Step prepare(List<Event> stored) {
        long mark = db.dialect() == Database.Dialect.SQLITE ? writes.mark() : -1;
        if (mark < 0) {
            return h -> add(h, stored);
        }
        Changes changes = db.read(h -> changes(h, stored));
        return h -> {
            if (writes.unchangedSince(mark)) {
                writes.changing(h);
                changes.save(h);
            } else {
                add(h, stored);
            }
        };
    }

    /** What some events change, per app: memories to save and learning seconds to add. */
    private record Changes(List<AppChanges> apps) {
        void save(Handle h) {
            apps.forEach(a -> a.save(h));
        }
    }

    private record AppChanges(Database.Dialect dialect, String appId, List<Memories.Saved> memories, Map<LearnerWeek, Integer> seconds) {
        void save(Handle h) {
            Memories.saveAll(h, dialect, appId, memories);
            if (!seconds.isEmpty()) {
                PreparedBatch add = h.prepareBatch(Learning.ADD_SECONDS);
                seconds.forEach((key, s) -> add.bind("app", appId).bind("learner", key.learner()).bind("week", key.week()).bind("seconds", s).add());
                add.execute();
            }
        }
    }

    /** The memory events of each app by learner, each learner's in the order stored, in one pass over the events. */
    private Changes changes(Handle h, List<Event> stored) {
        Map<String, Map<String, List<Event>>> byApp = new TreeMap<>();
        for (Event e : stored) {
            if (e.learnerHash() != null && e.tipId() != null && MEMORY_EVENTS.contains(e.type())) {
                byApp.computeIfAbsent(e.appId(), k -> new HashMap<>()).computeIfAbsent(e.learnerHash(), k -> new ArrayList<>()).add(e);
            }
        }
        List<AppChanges> apps = new ArrayList<>();
        // learners in one order (PostgreSQL's row locks)
        byApp.forEach((appId, byLearner) -> apps.add(changes(h, appId, new TreeMap<>(byLearner))));
        return new Changes(apps);
    }

    private record LearnerWeek(String learner, String week) {}

    private static final List<String> MEMORY_EVENTS = List.of("tip_shown", "tip_dismissed", "tip_completed");

    /**
     * Works out what an app's memory events (by learner) change with a few statements whatever their
     * number: the tips' facts and the learners' memories are read at once (locked on PostgreSQL) and
     * changed in event order; the changed ones are written in one batch, as are the learning seconds
     * per learner and week.
     */
    private AppChanges changes(Handle h, String appId, Map<String, List<Event>> byLearner) {
        Set<String> tipIds = new HashSet<>();
        byLearner.values().forEach(events -> events.forEach(e -> tipIds.add(e.tipId())));
        Map<String, TipFacts> facts = facts(h, appId, tipIds);
        List<Memories.Saved> changed = new ArrayList<>();
        // summed per view in a hash map, then written in one order (PostgreSQL's row locks)
        Map<LearnerWeek, Integer> seconds = new HashMap<>();
        // the week of each day seen, worked out once per day rather than per view
        Map<Long, String> weeks = new HashMap<>();
        // every learner's memories of these tips in a few statements (in learner order, as locks are taken)
        Map<String, Map<String, Memory>> stored = Memories.findForUpdate(h, db.dialect(), appId, List.copyOf(byLearner.keySet()), tipIds);
        byLearner.forEach((learner, events) -> {
            Map<String, Memory> memories = stored.computeIfAbsent(learner, k -> new HashMap<>());
            // the memories as stored, of the tips these events change (in tip order, as rows are written)
            Map<String, Memory> touched = new TreeMap<>();
            for (Event e : events) {
                Instant at = Times.parse(e.occurredAt());
                Memory before = memories.getOrDefault(e.tipId(), Memory.empty(e.tipId()));
                Memory after = switch (e.type()) {
                    case "tip_shown" -> {
                        TipFacts tip = facts.get(e.tipId());
                        if (tip == null) {
                            yield before;
                        }
                        String week = weeks.computeIfAbsent(Math.floorDiv(at.getEpochSecond(), 86_400L), d -> Learning.week(at));
                        seconds.merge(new LearnerWeek(learner, week), Learning.SECONDS_PER_VIEW, Integer::sum);
                        Memory seen = before.viewed(at);
                        boolean first = before.card() == null;
                        boolean dueAgain = tip.reinforce() && !tip.hasCheck() && before.dueAt(at);
                        yield first || dueAgain ? seen.reviewed(review(before.card(), at, Fsrs.Rating.GOOD)) : seen;
                    }
                    case "tip_dismissed" -> before.dismissed(at);
                    default -> before.completed(at);
                };
                if (after != before) {
                    memories.put(e.tipId(), after);
                    touched.putIfAbsent(e.tipId(), before);
                }
            }
            touched.forEach((tip, original) -> {
                Memory now = memories.get(tip);
                changed.add(new Memories.Saved(learner, now, now.card() != original.card()));
            });
        });
        Map<LearnerWeek, Integer> ordered = new TreeMap<>(Comparator.comparing(LearnerWeek::learner).thenComparing(LearnerWeek::week));
        ordered.putAll(seconds);
        return new AppChanges(db.dialect(), appId, changed, ordered);
    }

    private record TipFacts(boolean reinforce, boolean hasCheck) {}

    /** The facts of those of the tips that exist in the app, by id. */
    private static Map<String, TipFacts> facts(Handle h, String appId, Collection<String> tipIds) {
        Map<String, TipFacts> facts = new HashMap<>();
        h.createQuery("""
                        SELECT id, reinforce, CASE WHEN check_json IS NULL THEN 0 ELSE 1 END AS has_check
                        FROM tips WHERE app_id = :app AND id IN (<ids>)""")
                .bind("app", appId).bindList("ids", List.copyOf(tipIds))
                .map((rs, c) -> facts.put(rs.getString("id"), new TipFacts(rs.getInt("reinforce") != 0, rs.getInt("has_check") != 0)))
                .list();
        return facts;
    }

    private Fsrs.Card review(Fsrs.Card card, Instant at, Fsrs.Rating rating) {
        return fsrs.review(card == null ? Fsrs.Card.fresh(at) : card, at, rating);
    }
}
