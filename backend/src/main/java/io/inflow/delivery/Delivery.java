package io.inflow.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.apps.App;
import io.inflow.tips.Targeting;
import io.inflow.learning.CheckView;
import io.inflow.tips.Tip;
import io.inflow.tips.Tips;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import io.inflow.walkthroughs.Progress;
import io.inflow.walkthroughs.Walkthrough;
import io.inflow.walkthroughs.Walkthroughs;

/**
 * Assembles what the overlay shows on one page. Compiled page rules are cached per app,
 * keyed by the app's content version in the database, so a change made through any
 * server is seen by all of them on their next request.
 */
public final class Delivery {
    /**
     * A tip as a worker's overlay receives it, in the language chosen for the request: {@code locale}
     * names the translation used (null: the tip's own text) and {@code dir} its writing direction.
     */
    public record DeliveredTip(String id, String title, String presentation, String placement, String pageRule,
                               JsonNode anchor, List<Object> body, Tip.LearnMore learnMore, Tip.Media media, int version,
                               String trigger, String frequency, List<Targeting.Condition> audience, int priority,
                               String locale, String dir, boolean reinforce, CheckView check) {}

    /**
     * reinforce: the id of the one due reinforce-tip to show now (only when the learner is known), else null.
     * walkthroughs: those with a step on this page, and those asked for (the learner's running ones).
     */
    public record Answer(Map<String, Object> app, List<DeliveredTip> tips, String reinforce, List<DeliveredWalkthrough> walkthroughs) {
        /** The same answer with each walkthrough's progress for one learner (by walkthrough id). */
        public Answer withProgress(Map<String, Progress.Step> progress) {
            return new Answer(app, tips, reinforce, walkthroughs.stream()
                    .map(w -> new DeliveredWalkthrough(w.id(), w.title(), w.startOn(), w.steps(), progress.get(w.id()))).toList());
        }
    }

    /**
     * A walkthrough as the overlay receives it: every step with its position and example URL, whether it
     * belongs to this page, and its tip when it does; progress is the learner's, when known.
     */
    public record DeliveredWalkthrough(String id, String title, String startOn, List<DeliveredStep> steps, Progress.Step progress) {}

    public record DeliveredStep(int position, String title, String url, boolean onPage, Integer onRight, Integer onWrong, DeliveredTip tip) {}

    /** What an author previews on a page: published tips and drafts, with the ids of the drafts, and walkthroughs, drafts included. */
    public record Preview(Map<String, String> app, List<DeliveredTip> tips, List<String> drafts, List<DeliveredWalkthrough> walkthroughs) {}

    /** order: the tip's place in the app's list, which breaks ties of priority as before indexing. */
    private record Compiled(PageRule rule, Tip tip, int order) {}

    /**
     * An app's published tips at a content version: those delivered on their own, indexed for matching by the
     * literal first path segment of their rule (so a page tries only the rules that can match it), and the
     * app's walkthroughs with their steps' tips by id.
     */
    private record Snapshot(long contentVersion, List<Compiled> tips, Map<String, List<Compiled>> byFirstSegment,
                            List<Compiled> anyFirstSegment, List<Walkthrough> walkthroughs, Map<String, Compiled> steps) {
        static Snapshot of(long contentVersion, List<Compiled> tips, List<Walkthrough> walkthroughs, Map<String, Compiled> steps) {
            Map<String, List<Compiled>> byFirst = new java.util.HashMap<>();
            List<Compiled> any = new ArrayList<>();
            for (Compiled c : tips) {
                String first = c.rule().firstSegment();
                if (first == null) {
                    any.add(c);
                } else {
                    byFirst.computeIfAbsent(first, k -> new ArrayList<>()).add(c);
                }
            }
            return new Snapshot(contentVersion, tips, byFirst, any, walkthroughs, steps);
        }

        /** Those tips whose rule may match the page, in no particular order, as lists not to copy. */
        List<List<Compiled>> candidates(URI url) {
            List<Compiled> literal = byFirstSegment.get(PageRule.firstSegment(url));
            return literal == null ? List.of(anyFirstSegment) : List.of(literal, anyFirstSegment);
        }
    }

    private static final int MAX_APPS = 1_000;
    private final Tips tips;
    private final Function<String, List<Walkthrough>> published;
    private final Function<String, List<Walkthrough>> previewed;
    private final Clock clock;
    /** Read by every delivery without a lock; bounded by dropping an app when full (it is read again on its next request). */
    private final Map<String, Snapshot> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Object> loading = new java.util.concurrent.ConcurrentHashMap<>();

    public Delivery(Tips tips, Clock clock) {
        this(tips, null, clock);
    }

    /** walkthroughs: where the app's walkthroughs come from (null: none, as in benchmarks of tips alone). */
    public Delivery(Tips tips, Walkthroughs walkthroughs, Clock clock) {
        this.tips = tips;
        this.published = walkthroughs == null ? app -> List.of() : walkthroughs::published;
        this.previewed = walkthroughs == null ? app -> List.of() : walkthroughs::previewed;
        this.clock = clock;
    }

    /**
     * The tips of one page that are in their schedule now, highest priority first, in the first of
     * the learner's languages a tip has (see {@link Languages}). Audiences are not applied here: the
     * overlay applies them to the learner's traits, which never leave the browser.
     */
    public Answer forPage(App app, URI url, List<String> languages) {
        return forPage(app, url, languages, Set.of());
    }

    /** As above, with the walkthroughs named in `wanted` whatever page they are on (the ones a learner is in). */
    public Answer forPage(App app, URI url, List<String> languages, Set<String> wanted) {
        java.time.Instant now = clock.instant();
        Snapshot snapshot = snapshot(app);
        List<Compiled> matched = new ArrayList<>();
        for (List<Compiled> candidates : snapshot.candidates(url)) {
            for (Compiled compiled : candidates) {
                Tip tip = compiled.tip();
                if (compiled.rule().match(url).isPresent() && (tip.schedule() == null || tip.schedule().contains(now))) {
                    matched.add(compiled);
                }
            }
        }
        matched.sort(Comparator.comparingInt((Compiled c) -> c.tip().priority()).reversed().thenComparingInt(Compiled::order));
        List<DeliveredTip> matching = new ArrayList<>(matched.size());
        for (Compiled compiled : matched) {
            matching.add(delivered(compiled.tip(), Languages.pick(compiled.tip().locales().keySet(), languages)));
        }
        // a fixed key order keeps the ETag the same on every server
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("id", app.id());
        about.put("name", app.name());
        about.put("theme", app.theme());
        // the overlay offers drifted anchors for healing only where the app takes them
        about.put("anchorHealing", app.anchorHealing());
        List<DeliveredWalkthrough> walkthroughs = new ArrayList<>();
        for (Walkthrough w : snapshot.walkthroughs()) {
            DeliveredWalkthrough delivered = walkthrough(w, snapshot.steps()::get, url, languages);
            if (wanted.contains(w.id()) || delivered.steps().stream().anyMatch(DeliveredStep::onPage)) {
                walkthroughs.add(delivered);
            }
        }
        return new Answer(about, matching, null, walkthroughs);
    }

    /** Search results: these published tips (ranked ids) that are in their schedule, the page's own first. */
    public Found found(App app, List<String> rankedIds, URI url, List<String> languages) {
        java.time.Instant now = clock.instant();
        Map<String, Compiled> byId = new java.util.HashMap<>();
        for (Compiled c : snapshot(app).tips()) {
            byId.put(c.tip().id(), c); // a walkthrough's steps are not among them: they show only within it
        }
        List<DeliveredTip> onPage = new ArrayList<>();
        List<DeliveredTip> elsewhere = new ArrayList<>();
        for (String id : rankedIds) {
            Compiled c = byId.get(id);
            if (c != null && (c.tip().schedule() == null || c.tip().schedule().contains(now))) {
                DeliveredTip tip = delivered(c.tip(), Languages.pick(c.tip().locales().keySet(), languages));
                (c.rule().match(url).isPresent() ? onPage : elsewhere).add(tip);
            }
        }
        List<DeliveredTip> all = new ArrayList<>(onPage);
        all.addAll(elsewhere);
        return new Found(all, onPage.stream().map(DeliveredTip::id).toList());
    }

    /** Tips found by a search, and which of them belong to the page the learner is on. */
    public record Found(List<DeliveredTip> tips, List<String> onPage) {}

    /** A walkthrough on one page; stepTip answers a step's tip, compiled, or null when it is not there to show. */
    private static DeliveredWalkthrough walkthrough(Walkthrough w, Function<String, Compiled> stepTip, URI url, List<String> languages) {
        List<DeliveredStep> steps = new ArrayList<>();
        for (Walkthrough.Step step : w.steps()) {
            Compiled c = stepTip.apply(step.tipId());
            boolean onPage = c != null && c.rule().match(url).isPresent();
            steps.add(new DeliveredStep(step.position(), step.title(), step.url(), onPage, step.onRight(), step.onWrong(),
                    onPage ? delivered(c.tip(), Languages.pick(c.tip().locales().keySet(), languages)) : null));
        }
        return new DeliveredWalkthrough(w.id(), w.title(), w.startOn(), List.copyOf(steps), null);
    }

    private static DeliveredTip delivered(Tip tip, String locale) {
        Targeting.Translation t = locale == null ? null : tip.locales().get(locale);
        return new DeliveredTip(tip.id(), t == null ? tip.title() : t.title(), tip.presentation(), tip.placement(),
                tip.pageRule(), tip.anchor(), t == null ? tip.bodyTree() : t.bodyTree(), tip.learnMore(), tip.media(), tip.version(),
                tip.trigger(), tip.frequency(), tip.audience(), tip.priority(), t == null ? null : locale,
                t == null ? null : Languages.direction(locale), tip.reinforce(), CheckView.of(tip.check()));
    }

    /** A tip as the overlay receives it, in its own language: never the check's answers. */
    public static DeliveredTip delivered(Tip tip) {
        return delivered(tip, null);
    }

    /** Published and draft tips whose rule matches; read fresh (authors expect their last save), never cached. */
    public Preview preview(App app, URI url) {
        List<DeliveredTip> matching = new ArrayList<>();
        List<String> drafts = new ArrayList<>();
        Map<String, Compiled> steps = new java.util.HashMap<>();
        for (Tip tip : tips.previewed(app.id())) {
            if (tip.walkthroughId() != null) {
                steps.put(tip.id(), new Compiled(PageRule.parse(tip.pageRule()), tip, 0));
                continue;
            }
            if (PageRule.parse(tip.pageRule()).match(url).isPresent()) {
                matching.add(delivered(tip, null));
                if (tip.status().equals("draft")) {
                    drafts.add(tip.id());
                }
            }
        }
        List<DeliveredWalkthrough> walkthroughs = previewed.apply(app.id()).stream()
                .map(w -> walkthrough(w, steps::get, url, List.of())).toList();
        return new Preview(Map.of("id", app.id(), "name", app.name()), matching, drafts, walkthroughs);
    }

    private Snapshot snapshot(App app) {
        Snapshot cached = cached(app);
        if (cached != null) {
            return cached;
        }
        // one load per app at a time: under load, many requests for an app that is not cached yet wait for one read
        synchronized (loading.computeIfAbsent(app.id(), id -> new Object())) {
            cached = cached(app);
            if (cached != null) {
                return cached;
            }
            List<Compiled> compiled = new ArrayList<>();
            Map<String, Compiled> steps = new java.util.HashMap<>();
            for (Tip tip : tips.published(app.id())) {
                if (tip.walkthroughId() == null) {
                    compiled.add(new Compiled(PageRule.parse(tip.pageRule()), tip, compiled.size()));
                } else {
                    steps.put(tip.id(), new Compiled(PageRule.parse(tip.pageRule()), tip, 0));
                }
            }
            Snapshot fresh = Snapshot.of(app.contentVersion(), List.copyOf(compiled), published.apply(app.id()), Map.copyOf(steps));
            if (!cache.containsKey(app.id()) && cache.size() >= MAX_APPS) {
                cache.keySet().stream().findAny().ifPresent(cache::remove);
            }
            cache.merge(app.id(), fresh, (current, neu) -> current.contentVersion() < neu.contentVersion() ? neu : current);
            return fresh;
        }
    }

    private Snapshot cached(App app) {
        Snapshot cached = cache.get(app.id());
        return cached != null && cached.contentVersion() >= app.contentVersion() ? cached : null;
    }

    /** Whether the app has published walkthroughs, so a delivery needs the learner's progress. */
    public boolean hasWalkthroughs(App app) {
        return !snapshot(app).walkthroughs().isEmpty();
    }
}
