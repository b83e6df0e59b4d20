package io.inflow.learning;

import io.inflow.events.Digest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.App;
import io.inflow.delivery.Delivery;
import io.inflow.learners.LearnerTraits;
import io.inflow.store.Database;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much learners know: for one learner on one screen (the launcher), and per tip or per team
 * (a trait) across learners (the console). Shares are between 0 and 1, rounded to 3 decimals.
 */
public final class Mastery {
    public record TipMastery(String tipId, String title, boolean seen, boolean hasCheck, String lastAnswer, boolean reviewDue) {}

    /** One page rule of the screen: tips, how many the learner has seen, checks answered right (last answer), reviews due. */
    public record RuleMastery(String pageRule, int tips, int seen, double seenShare, int checks, int checksRight,
                              double checksRightShare, int reviewsDue, List<TipMastery> items) {}

    /** tips: the screen's tips as delivery gives them (audiences included), so the launcher counts only the learner's and opens due ones. */
    public record Screen(List<RuleMastery> pageRules, List<Delivery.DeliveredTip> tips) {}

    /** Across learners: learners who saw it, answered its check, whose last answer was right, and who have a review due. */
    public record Group(String key, String title, int learners, int seen, int answered, int right, double rightShare, int reviewsDue) {}

    public record Groups(String by, List<Group> items) {}

    private final Database db;
    private final Tips tips;
    private final Delivery delivery;
    private final Learning learning;
    private final Clock clock;
    private final LearnerTraits traits;
    private final Digest digest;

    public Mastery(Database db, Tips tips, Delivery delivery, Learning learning, Clock clock, ObjectMapper mapper, Digest digest) {
        this.digest = digest;
        this.db = db;
        this.tips = tips;
        this.delivery = delivery;
        this.learning = learning;
        this.clock = clock;
        this.traits = new LearnerTraits(mapper);
    }

    /** What this learner knows about the screen at url; tips in the first of the learner's languages they have. */
    public Screen screen(App app, String learnerId, URI url, List<String> languages) {
        digest.catchUp();
        String learner = learning.learnerHash(app, learnerId);
        Instant now = clock.instant();
        Map<String, Memory> memories = new HashMap<>();
        db.read(h -> Memories.ofLearner(h, app.id(), learner)).forEach(m -> memories.put(m.tipId(), m));
        Map<String, List<TipMastery>> byRule = new LinkedHashMap<>();
        List<Delivery.DeliveredTip> onScreen = delivery.forPage(app, url, languages).tips();
        for (Delivery.DeliveredTip tip : onScreen) {
            Memory m = memories.get(tip.id());
            byRule.computeIfAbsent(tip.pageRule(), r -> new ArrayList<>()).add(new TipMastery(tip.id(), tip.title(),
                    m != null && m.views() > 0, tip.check() != null, m == null ? null : m.lastAnswer(),
                    tip.reinforce() && m != null && m.dueAt(now)));
        }
        List<RuleMastery> rules = new ArrayList<>();
        byRule.forEach((rule, items) -> {
            int seen = (int) items.stream().filter(TipMastery::seen).count();
            int checks = (int) items.stream().filter(TipMastery::hasCheck).count();
            int right = (int) items.stream().filter(t -> t.hasCheck() && "right".equals(t.lastAnswer())).count();
            int due = (int) items.stream().filter(TipMastery::reviewDue).count();
            rules.add(new RuleMastery(rule, items.size(), seen, share(seen, items.size()), checks, right, share(right, checks), due, items));
        });
        return new Screen(rules, onScreen);
    }

    private record Row(String learner, Memory memory, String traits, boolean reinforce) {}

    /** Per published tip of the app. */
    public Groups byTip(String appId) {
        digest.catchUp();
        Instant now = clock.instant();
        Map<String, List<Row>> rows = new HashMap<>();
        rows(appId).forEach(r -> rows.computeIfAbsent(r.memory().tipId(), k -> new ArrayList<>()).add(r));
        List<Group> items = new ArrayList<>();
        for (Tip tip : tips.published(appId)) {
            items.add(group(tip.id(), tip.title(), rows.getOrDefault(tip.id(), List.of()), now));
        }
        return new Groups("tip", items);
    }

    /** Per value of one trait (learners without it are grouped under an empty key). */
    public Groups byTrait(String appId, String trait) {
        digest.catchUp();
        Instant now = clock.instant();
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row r : rows(appId)) {
            String value = r.traits() == null ? "" : traits.read(r.traits()).getOrDefault(trait, "");
            groups.computeIfAbsent(value, k -> new ArrayList<>()).add(r);
        }
        List<Group> items = new ArrayList<>();
        groups.forEach((value, list) -> items.add(group(value, trait + " = " + value, list, now)));
        return new Groups("trait:" + trait, items);
    }

    private Group group(String key, String title, List<Row> rows, Instant now) {
        int learners = (int) rows.stream().map(Row::learner).distinct().count();
        int seen = (int) rows.stream().filter(r -> r.memory().views() > 0).count();
        int answered = (int) rows.stream().filter(r -> r.memory().lastAnswer() != null).count();
        int right = (int) rows.stream().filter(r -> "right".equals(r.memory().lastAnswer())).count();
        int due = (int) rows.stream().filter(r -> r.reinforce() && r.memory().dueAt(now)).count();
        return new Group(key, title, learners, seen, answered, right, share(right, answered), due);
    }

    private List<Row> rows(String appId) {
        return db.read(h -> h.createQuery("""
                        SELECT m.*, l.traits, t.reinforce FROM memories m
                        JOIN tips t ON t.id = m.tip_id
                        LEFT JOIN learners l ON l.app_id = m.app_id AND l.learner_hash = m.learner_hash
                        WHERE m.app_id = :app""")
                .bind("app", appId)
                .map((rs, c) -> new Row(rs.getString("learner_hash"), Memories.MAPPER.map(rs, c), rs.getString("traits"),
                        rs.getInt("reinforce") != 0)).list());
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
