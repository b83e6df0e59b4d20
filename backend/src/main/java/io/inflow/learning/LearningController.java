package io.inflow.learning;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.delivery.DeliveryController;
import io.inflow.delivery.Languages;
import io.inflow.delivery.PageRule;
import io.inflow.web.Cors;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** Learning over HTTP: check answers, the review list and mastery for the overlay; budget, minutes, mastery and learner data for the console. */
public final class LearningController {
    private static final int MAX_BODY = 16 * 1024;

    public record LearnerRequest(String learnerId) {}

    private final Apps apps;
    private final Learning learning;
    private final Mastery mastery;
    private final LearnerData learnerData;
    private final Json json;

    public LearningController(Apps apps, Learning learning, Mastery mastery, LearnerData learnerData, Json json) {
        this.apps = apps;
        this.learning = learning;
        this.mastery = mastery;
        this.learnerData = learnerData;
        this.json = json;
    }

    /** POST /api/v1/checks/{tipId}/answers: JSON or text/plain (no preflight), like events. */
    public void answer(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("text/plain")) {
            throw Problem.unsupportedMediaType("send the answer as application/json or text/plain");
        }
        String queryKey = ctx.queryParam("key");
        if (queryKey != null) {
            Cors.overlay(ctx, DeliveryController.siteApp(apps, queryKey));
        }
        Learning.AnswerRequest in = json.parse(Json.body(ctx, MAX_BODY), Learning.AnswerRequest.class);
        App app = DeliveryController.siteApp(apps, queryKey != null ? queryKey : in.key());
        if (queryKey == null) {
            Cors.overlay(ctx, app);
        }
        ctx.json(learning.answer(app, ctx.pathParam("tipId"), in));
    }

    /** GET /api/v1/reviews?key=&learner=: the due reinforce-tips for the launcher. */
    public void reviews(Context ctx) {
        App app = overlayApp(ctx);
        String learner = verifiedLearner(ctx, app);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("items", learning.reviews(app, learner)));
    }

    /** GET /api/v1/mastery?key=&learner=&url=&lang=: what this learner knows about the screen. */
    public void screen(Context ctx) {
        App app = overlayApp(ctx);
        String learner = verifiedLearner(ctx, app);
        URI url;
        try {
            url = PageRule.pageUrl(ctx.queryParam("url"));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("url", e.getMessage());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(mastery.screen(app, learner, url, Languages.parse(ctx.queryParam("lang"))));
    }

    public void budget(Context ctx) {
        ctx.json(learning.budget(app(ctx).id()));
    }

    public void setBudget(Context ctx) {
        App app = app(ctx);
        ctx.json(learning.setBudget(app.id(), json.read(ctx, Budget.class, MAX_BODY)));
    }

    public void minutes(Context ctx) {
        ctx.json(learning.minutes(app(ctx).id(), ctx.queryParam("week")));
    }

    /** GET /api/v1/apps/{appId}/mastery?by=tip|trait&trait=team */
    public void appMastery(Context ctx) {
        App app = app(ctx);
        String by = ctx.queryParam("by") == null ? "tip" : ctx.queryParam("by");
        switch (by) {
            case "tip" -> ctx.json(mastery.byTip(app.id()));
            case "trait" -> {
                String trait = ctx.queryParam("trait");
                if (trait == null || trait.isBlank() || trait.length() > 64) {
                    throw Problem.invalid("trait", "is required with by=trait: the trait to group by, such as team or role");
                }
                ctx.json(mastery.byTrait(app.id(), trait));
            }
            default -> throw Problem.invalid("by", "must be one of tip, trait");
        }
    }

    public void exportLearner(Context ctx) {
        ctx.json(learnerData.export(learnerId(ctx)));
    }

    public void eraseLearner(Context ctx) {
        ctx.json(learnerData.erase(learnerId(ctx)));
    }

    private String learnerId(Context ctx) {
        LearnerRequest in = json.read(ctx, LearnerRequest.class, MAX_BODY);
        if (in.learnerId() == null || in.learnerId().isBlank() || in.learnerId().length() > 200) {
            throw Problem.invalid("learnerId", "is required: the id the host app passes to identify (1 to 200 characters)");
        }
        return in.learnerId();
    }

    private App overlayApp(Context ctx) {
        App app = DeliveryController.siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        return app;
    }

    /** The learner query parameter, checked against its learnerSignature when the app verifies identities. */
    private String verifiedLearner(Context ctx, App app) {
        return verifiedLearner(ctx, app, learning);
    }

    /** Shared by the overlay's learning endpoints and delivery. */
    public static String verifiedLearner(Context ctx, App app, Learning learning) {
        String learner = learner(ctx);
        learning.verify(app, learner, ctx.queryParam("learnerSignature"));
        return learner;
    }

    private static String learner(Context ctx) {
        String learner = ctx.queryParam("learner");
        if (learner == null || learner.isBlank() || learner.length() > 200) {
            throw Problem.invalid("learner", "is required: the learner id the overlay uses for events (1 to 200 characters)");
        }
        return learner;
    }

    private App app(Context ctx) {
        return apps.find(ctx.pathParam("appId")).orElseThrow(() -> Problem.notFound("no app " + ctx.pathParam("appId")));
    }
}
