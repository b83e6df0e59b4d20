package io.inflow.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.App;
import io.inflow.apps.IdentityVerification;
import io.inflow.crypto.Hashes;
import io.inflow.delivery.Delivery;
import io.inflow.events.Event;
import io.inflow.events.Digest;
import io.inflow.events.Events;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Database;
import io.inflow.store.Times;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The learning engine: keeps each learner's memory of each tip from what they do, schedules
 * reinforce-tips with FSRS, grades check answers and decides what comes next, and keeps the
 * reinforcement prompts inside the app's budget.
 *
 * Reviews: the first view of a tip is rated Good (the learner has met it); a check answer is
 * Again when wrong, Easy when right within {@link #FAST} of the check appearing, else Good; the
 * view of a due reinforce-tip without a check is Good, since seeing it again is the retrieval.
 */
public final class Learning {
    /** Right within 10 s: enough to read a short question and its options, too little to deliberate. */
    static final Duration FAST = Duration.ofSeconds(10);
    /** A micro tip takes about this long to read; the overlay does not measure reading time. */
    static final int SECONDS_PER_VIEW = 15;
    /** Time spent on one answer counts up to this much (a learner who walked away is not learning). */
    static final int MAX_ANSWER_SECONDS = 120;

    private final Database db;
    private final Tips tips;
    private final IdentityVerification identity;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final LearnerTraits traits;
    private final Fsrs fsrs = new Fsrs(Fsrs.Parameters.inflow());
    private final Digest digest;
    private final MemoryWrites writes;

    /** digest: memory is read after catching it up, so it reflects every event acknowledged before. */
    public Learning(Database db, Tips tips, IdentityVerification identity, Clock clock, ObjectMapper mapper, Digest digest, MemoryWrites writes) {
        this.digest = digest;
        this.writes = writes;
        this.db = db;
        this.tips = tips;
        this.identity = identity;
        this.clock = clock;
        this.mapper = mapper;
        this.traits = new LearnerTraits(mapper);
    }

    /** Refuses a learner id the app's identity verification does not accept (403), as events do. */
    public void verify(App app, String learnerId, String signature) {
        identity.check(app, learnerId, signature);
    }

    public String learnerHash(App app, String learnerId) {
        return Hashes.hmacSha256(app.learnerSecret(), learnerId);
    }

    // ---- memory from events ----

    private Fsrs.Card review(Fsrs.Card card, Instant at, Fsrs.Rating rating) {
        return fsrs.review(card == null ? Fsrs.Card.fresh(at) : card, at, rating);
    }

    static final String ADD_SECONDS = """
            INSERT INTO learning_time (app_id, learner_hash, week, seconds) VALUES (:app, :learner, :week, :seconds)
            ON CONFLICT (app_id, learner_hash, week) DO UPDATE SET seconds = learning_time.seconds + excluded.seconds""";

    private static void addSeconds(Handle h, String appId, String learner, Instant at, int seconds) {
        h.createUpdate(ADD_SECONDS).bind("app", appId).bind("learner", learner).bind("week", week(at)).bind("seconds", seconds).execute();
    }

    /** The ISO week of a time in UTC, as 2026-W48. */
    public static String week(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        // by hand: it runs for every view a digest folds
        return day.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
    }

    // ---- checks ----

    /** What the overlay sends when the learner answers a check. */
    public record AnswerRequest(String key, String learnerId, String learnerSignature, List<String> optionIds, Long elapsedMs, String eventId,
                                String url, Map<String, String> traits) {}

    public record OptionResult(String id, String text, boolean correct, boolean chosen, String explanation) {}

    /** action: continue (right), learn_more (open url), remedial_tip (show tip), repeat_step (the walkthrough repeats its step). */
    public record Next(String action, String url, Delivery.DeliveredTip tip) {}

    public record AnswerResult(boolean correct, List<OptionResult> options, Next next, String dueAt) {}

    public AnswerResult answer(App app, String tipId, AnswerRequest in) {
        digest.catchUp();
        Validation v = new Validation();
        v.check(in.learnerId() != null && !in.learnerId().isBlank() && in.learnerId().length() <= 200, "learnerId", "is required: 1 to 200 characters");
        v.check(in.optionIds() != null && !in.optionIds().isEmpty() && in.optionIds().size() <= 5, "optionIds", "must list 1 to 5 chosen option ids");
        v.check(in.elapsedMs() == null || in.elapsedMs() >= 0, "elapsedMs", "must not be negative");
        v.check(in.eventId() == null || Events.uuid(in.eventId()) != null, "eventId", "must be a UUID made by the client");
        v.check(in.url() == null || in.url().length() <= 4096, "url", "must be at most 4096 characters");
        LearnerTraits.validate(in.traits(), "traits", v);
        v.throwIfInvalid();
        verify(app, in.learnerId(), in.learnerSignature());
        Tip tip = tips.find(tipId).filter(t -> t.appId().equals(app.id()) && t.status().equals("published"))
                .orElseThrow(() -> Problem.notFound("no published tip " + tipId + " in this app"));
        if (tip.check() == null) {
            throw Problem.notFound("tip " + tipId + " has no check");
        }
        Set<String> known = new HashSet<>(tip.check().options().stream().map(Tip.Check.Option::id).toList());
        Set<String> chosen = new HashSet<>(in.optionIds());
        for (String id : chosen) {
            v.check(known.contains(id), "optionIds", "names an option the check does not have: " + id);
        }
        v.check(chosen.size() == in.optionIds().size(), "optionIds", "names an option twice");
        CheckView view = CheckView.of(tip.check());
        v.check(view.multiple() || chosen.size() == 1, "optionIds", "this check takes one answer");
        v.throwIfInvalid();

        Set<String> correctIds = new HashSet<>(tip.check().options().stream().filter(o -> Boolean.TRUE.equals(o.correct()))
                .map(Tip.Check.Option::id).toList());
        boolean correct = chosen.equals(correctIds);
        Instant now = clock.instant();
        String learner = learnerHash(app, in.learnerId());
        boolean fast = in.elapsedMs() != null && in.elapsedMs() <= FAST.toMillis();
        Fsrs.Rating rating = !correct ? Fsrs.Rating.AGAIN : fast ? Fsrs.Rating.EASY : Fsrs.Rating.GOOD;
        String eventId = in.eventId() != null ? Events.uuid(in.eventId()) : UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correct", correct);
        data.put("optionIds", in.optionIds());
        Memory memory = db.write(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)
                            VALUES (:id, :app, 'check_answered', :tip, :learner, :now, :now, :url, :data)
                            ON CONFLICT (id) DO NOTHING""")
                    .bind("id", eventId).bind("app", app.id()).bind("tip", tipId).bind("learner", learner)
                    .bind("now", Times.format(now)).bind("url", in.url()).bind("data", write(data)).execute();
            Memory before = Memories.findForUpdate(h, db.dialect(), app.id(), learner, tipId).orElse(Memory.empty(tipId));
            if (inserted == 0) {
                return before; // a retry of an answer already counted
            }
            Memory after = before.answered(correct).reviewed(review(before.card(), now, rating));
            writes.changing(h);
            Memories.save(h, app.id(), learner, after);
            long ms = in.elapsedMs() == null ? 0 : in.elapsedMs();
            addSeconds(h, app.id(), learner, now, (int) Math.min(MAX_ANSWER_SECONDS, ms / 1000));
            traits.save(h, app.id(), learner, in.traits(), now);
            return after;
        });
        List<OptionResult> options = tip.check().options().stream().map(o -> new OptionResult(o.id(), o.text(),
                Boolean.TRUE.equals(o.correct()), chosen.contains(o.id()), o.explanation())).toList();
        return new AnswerResult(correct, options, next(tip, correct), memory.card() == null ? null : Times.format(memory.card().due()));
    }

    private Next next(Tip tip, boolean correct) {
        if (correct) {
            return new Next("continue", null, null);
        }
        return switch (tip.check().onWrong()) {
            case "learn_more" -> new Next("learn_more", tip.learnMore() == null ? null : tip.learnMore().url(), null);
            case "remedial_tip" -> new Next("remedial_tip", null, tips.find(tip.check().remedialTipId())
                    .filter(t -> t.status().equals("published")).map(Delivery::delivered).orElse(null));
            default -> new Next("repeat_step", null, null);
        };
    }

    // ---- delivery, per learner ----

    /**
     * The answer for one learner: reinforce-tips they have met and that are not due stay away; at most
     * one due reinforce-tip (the most overdue) is added when the budget allows, and named in reinforce.
     * Choosing it records a prompt for the day, so the daily cap holds across pages and servers.
     */
    public Delivery.Answer personalise(App app, String learnerId, Delivery.Answer answer, boolean walkthroughActive) {
        digest.catchUp();
        String learner = learnerHash(app, learnerId);
        Instant now = clock.instant();
        Map<String, Memory> memories = new LinkedHashMap<>();
        db.read(h -> Memories.ofLearner(h, app.id(), learner)).forEach(m -> memories.put(m.tipId(), m));
        List<Delivery.DeliveredTip> kept = new ArrayList<>();
        List<Delivery.DeliveredTip> due = new ArrayList<>();
        for (Delivery.DeliveredTip tip : answer.tips()) {
            Memory m = memories.get(tip.id());
            if (!tip.reinforce() || m == null || m.card() == null) {
                kept.add(tip);
            } else if (m.dueAt(now)) {
                due.add(tip);
            }
        }
        due.sort(Comparator.comparing((Delivery.DeliveredTip t) -> memories.get(t.id()).card().due()));
        String chosen = null;
        if (!due.isEmpty() && !walkthroughActive) {
            chosen = db.write(h -> choosePrompt(h, app.id(), learner, due, memories, now));
        }
        if (chosen != null) {
            String id = chosen;
            due.stream().filter(t -> t.id().equals(id)).findFirst().ifPresent(kept::add);
        }
        return new Delivery.Answer(answer.app(), kept, chosen, answer.walkthroughs());
    }

    private String choosePrompt(Handle h, String appId, String learner, List<Delivery.DeliveredTip> due,
                                Map<String, Memory> memories, Instant now) {
        Budget budget = budget(h, appId);
        Instant lastDismissal = h.createQuery("SELECT MAX(last_dismissed_at) FROM memories WHERE app_id = :app AND learner_hash = :learner")
                .bind("app", appId).bind("learner", learner).mapTo(String.class).findOne().map(Times::parse).orElse(null);
        if (lastDismissal != null && lastDismissal.plus(Duration.ofMinutes(budget.quietMinutes())).isAfter(now)) {
            return null;
        }
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        Map<String, Instant> promptedToday = new LinkedHashMap<>();
        h.createQuery("SELECT tip_id, prompted_at FROM reinforcement_prompts WHERE app_id = :app AND learner_hash = :learner AND day = :day")
                .bind("app", appId).bind("learner", learner).bind("day", day)
                .map((rs, c) -> Map.entry(rs.getString("tip_id"), Times.parse(rs.getString("prompted_at"))))
                .forEach(e -> promptedToday.put(e.getKey(), e.getValue()));
        for (Delivery.DeliveredTip tip : due) {
            Instant prompted = promptedToday.get(tip.id());
            Memory m = memories.get(tip.id());
            if (prompted != null) {
                // already prompted today: show it again on another page, unless the learner closed it since
                if (m.lastDismissedAt() == null || m.lastDismissedAt().isBefore(prompted)) {
                    return tip.id();
                }
                continue;
            }
            if (promptedToday.size() >= budget.dailyCap()) {
                return null;
            }
            h.createUpdate("""
                            INSERT INTO reinforcement_prompts (app_id, learner_hash, tip_id, day, prompted_at)
                            VALUES (:app, :learner, :tip, :day, :now) ON CONFLICT DO NOTHING""")
                    .bind("app", appId).bind("learner", learner).bind("tip", tip.id()).bind("day", day)
                    .bind("now", Times.format(now)).execute();
            return tip.id();
        }
        return null;
    }

    // ---- review list, budget, minutes ----

    public record ReviewItem(String tipId, String title, String pageRule, String dueAt, boolean hasCheck) {}

    /** Every reinforce-tip due for this learner, most overdue first: the launcher's "review" list. */
    public List<ReviewItem> reviews(App app, String learnerId) {
        digest.catchUp();
        String learner = learnerHash(app, learnerId);
        Instant now = clock.instant();
        Map<String, Tip> published = new LinkedHashMap<>();
        tips.published(app.id()).forEach(t -> published.put(t.id(), t));
        return db.read(h -> Memories.ofLearner(h, app.id(), learner)).stream()
                .filter(m -> m.dueAt(now) && published.containsKey(m.tipId()) && published.get(m.tipId()).reinforce())
                .sorted(Comparator.comparing(m -> m.card().due()))
                .map(m -> {
                    Tip t = published.get(m.tipId());
                    return new ReviewItem(t.id(), t.title(), t.pageRule(), Times.format(m.card().due()), t.check() != null);
                }).toList();
    }

    public Budget budget(String appId) {
        return db.read(h -> budget(h, appId));
    }

    private static Budget budget(Handle h, String appId) {
        return h.createQuery("SELECT daily_cap, quiet_minutes, weekly_minutes_target FROM learning_budgets WHERE app_id = :app")
                .bind("app", appId).map((rs, c) -> new Budget(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .findOne().orElse(Budget.DEFAULT);
    }

    public Budget setBudget(String appId, Budget change) {
        return db.write(h -> {
            Budget next = change.over(budget(h, appId));
            Validation v = new Validation();
            next.validate(v);
            v.throwIfInvalid();
            h.createUpdate("""
                            INSERT INTO learning_budgets (app_id, daily_cap, quiet_minutes, weekly_minutes_target, updated_at)
                            VALUES (:app, :cap, :quiet, :target, :now)
                            ON CONFLICT (app_id) DO UPDATE SET daily_cap = excluded.daily_cap, quiet_minutes = excluded.quiet_minutes,
                                weekly_minutes_target = excluded.weekly_minutes_target, updated_at = excluded.updated_at""")
                    .bind("app", appId).bind("cap", next.dailyCap()).bind("quiet", next.quietMinutes())
                    .bind("target", next.weeklyMinutesTarget()).bind("now", Times.format(clock.instant())).execute();
            return next;
        });
    }

    /** learner: the first 12 hex digits of the keyed hash, enough to tell learners apart, useless to find them. */
    public record LearnerMinutes(String learner, double minutes, double shareOfTarget) {}

    public record WeekMinutes(String week, int targetMinutes, List<LearnerMinutes> items) {}

    public WeekMinutes minutes(String appId, String week) {
        digest.catchUp();
        String w = week == null ? week(clock.instant()) : week;
        if (!w.matches("\\d{4}-W\\d{2}")) {
            throw Problem.invalid("week", "must be an ISO week such as 2026-W48");
        }
        int target = budget(appId).weeklyMinutesTarget();
        List<LearnerMinutes> items = db.read(h -> h.createQuery(
                        "SELECT learner_hash, seconds FROM learning_time WHERE app_id = :app AND week = :week ORDER BY seconds DESC, learner_hash")
                .bind("app", appId).bind("week", w)
                .map((rs, c) -> {
                    double minutes = Math.round(rs.getInt("seconds") / 6.0) / 10.0;
                    return new LearnerMinutes(rs.getString("learner_hash").substring(0, 12), minutes,
                            target == 0 ? 0 : Math.round(1000 * minutes / target) / 1000.0);
                }).list());
        return new WeekMinutes(w, target, items);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
