package io.inflow.delivery;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.learning.Learning;
import io.inflow.learning.LearningController;
import io.inflow.web.Cors;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import io.inflow.walkthroughs.Progress;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** GET /api/v1/delivery: the published tips of one page, for the overlay. */
public final class DeliveryController {
    private final Apps apps;
    private final Delivery delivery;
    private final Learning learning;
    private final DeliveryAnswers answers;
    private final Progress progress;

    public DeliveryController(Apps apps, Delivery delivery, DeliveryAnswers answers, Learning learning, Progress progress) {
        this.apps = apps;
        this.delivery = delivery;
        this.answers = answers;
        this.learning = learning;
        this.progress = progress;
    }

    public void get(Context ctx) {
        App app = siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        URI url = pageUrl(ctx.queryParam("url"));
        // checked even when nothing below is personal: an app that verifies ids refuses unsigned ones
        String learner = ctx.queryParam("learner") == null ? null : LearningController.verifiedLearner(ctx, app, learning);
        Map<String, Progress.Step> steps = learner == null || !delivery.hasWalkthroughs(app) ? Map.of() : progress.of(app, learner);
        // the walkthrough the overlay runs (it may have started it offline) and those the learner has running on the server
        Set<String> wanted = new HashSet<>();
        String running = ctx.queryParam("walkthrough");
        if (running != null && running.length() <= 64) {
            wanted.add(running);
        }
        steps.values().stream().filter(s -> s.status().equals("active")).forEach(s -> wanted.add(s.walkthroughId()));
        Delivery.Answer answer = delivery.forPage(app, url, Languages.parse(ctx.queryParam("lang")), wanted);
        DeliveryAnswers.Served served;
        boolean reinforce = answer.tips().stream().anyMatch(Delivery.DeliveredTip::reinforce);
        boolean walking = answer.walkthroughs().stream().anyMatch(w -> steps.containsKey(w.id()));
        if (learner != null && (reinforce || walking)) {
            // only reinforce tips and walkthrough progress differ per learner; the ETag is computed on this learner's answer
            if (reinforce) {
                answer = learning.personalise(app, learner, answer, "true".equals(ctx.queryParam("walkthroughActive")));
            }
            served = answers.personal(answer.withProgress(steps));
        } else {
            served = answers.shared(app, answer);
        }
        ctx.header("ETag", served.etag());
        ctx.header("Cache-Control", "no-cache");
        if (served.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(served.body());
    }

    /** The page an overlay request is about; a 422 on the url field when it is not a page URL. */
    static URI pageUrl(String text) {
        try {
            return PageRule.pageUrl(text);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("url", e.getMessage());
        }
    }

    /** GET /api/v1/delivery/preview?app=&url=: for authors, drafts included; not bound to the app's origins. */
    public void preview(Context ctx) {
        String appId = ctx.queryParam("app");
        if (appId == null || appId.isBlank()) {
            throw Problem.invalid("app", "is required: the id of the app to preview");
        }
        App app = apps.find(appId).orElseThrow(() -> Problem.notFound("no app " + appId));
        URI url = pageUrl(ctx.queryParam("url"));
        ctx.header("Cache-Control", "no-store");
        ctx.json(delivery.preview(app, url));
    }

    /** The app a site key names; overlay endpoints share this check. */
    public static App siteApp(Apps apps, String key) {
        if (key == null || key.isBlank()) {
            throw Problem.invalid("key", "is required: the site key from the snippet's data-key");
        }
        if (key.length() > 100) {
            throw Problem.invalid("key", "is not a site key");
        }
        return apps.bySiteKey(key).orElseThrow(() -> Problem.notFound("no app has the site key " + key));
    }
}
