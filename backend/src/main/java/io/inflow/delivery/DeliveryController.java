package io.inflow.delivery;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.crypto.Hashes;
import io.inflow.learning.Learning;
import io.inflow.learning.LearningController;
import io.inflow.web.Cors;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import io.inflow.walkthroughs.Progress;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;

/** GET /api/v1/delivery: the published tips of one page, for the overlay. */
public final class DeliveryController {
    private final Apps apps;
    private final Delivery delivery;
    private final Learning learning;
    private final Progress progress;
    private final Json json;

    public DeliveryController(Apps apps, Delivery delivery, Learning learning, Progress progress, Json json) {
        this.apps = apps;
        this.delivery = delivery;
        this.learning = learning;
        this.progress = progress;
        this.json = json;
    }

    public void get(Context ctx) {
        App app = siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        URI url = pageUrl(ctx.queryParam("url"));
        String learner = ctx.queryParam("learner") == null ? null : LearningController.verifiedLearner(ctx, app, learning);
        Map<String, Progress.Step> steps = learner == null ? Map.of() : progress.of(app, learner);
        // the walkthrough the overlay runs (it may have started it offline) and those the learner has running on the server
        Set<String> wanted = new HashSet<>();
        String running = ctx.queryParam("walkthrough");
        if (running != null && running.length() <= 64) {
            wanted.add(running);
        }
        steps.values().stream().filter(s -> s.status().equals("active")).forEach(s -> wanted.add(s.walkthroughId()));
        Delivery.Answer answer = delivery.forPage(app, url, Languages.parse(ctx.queryParam("lang")), wanted);
        if (learner != null) {
            // per learner: the ETag below is computed on this learner's answer, so it still revalidates correctly
            answer = learning.personalise(app, learner, answer, "true".equals(ctx.queryParam("walkthroughActive"))).withProgress(steps);
        }
        byte[] body = json.write(answer).getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Hashes.sha256(body).substring(0, 32) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(body);
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
