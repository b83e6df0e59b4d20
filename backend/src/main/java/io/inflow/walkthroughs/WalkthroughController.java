package io.inflow.walkthroughs;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.delivery.DeliveryController;
import io.inflow.tips.TipController;
import io.inflow.web.Access;
import io.inflow.web.Cors;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** Walkthroughs over HTTP: authoring for the console and the picker, progress for the overlay. */
public final class WalkthroughController {
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_PROGRESS_BODY = 4 * 1024;

    private final Apps apps;
    private final Walkthroughs walkthroughs;
    private final Progress progress;
    private final Json json;

    public WalkthroughController(Apps apps, Walkthroughs walkthroughs, Progress progress, Json json) {
        this.apps = apps;
        this.walkthroughs = walkthroughs;
        this.progress = progress;
        this.json = json;
    }

    /** GET /api/v1/walkthroughs?appId= */
    public void list(Context ctx) {
        String appId = ctx.queryParam("appId");
        if (appId == null || appId.isBlank() || appId.length() > 64) {
            throw Problem.invalid("appId", "is required: the id of the app whose walkthroughs to list");
        }
        apps.find(appId).orElseThrow(() -> Problem.notFound("no app " + appId));
        ctx.json(Map.of("items", walkthroughs.list(appId)));
    }

    public void get(Context ctx) {
        String id = ctx.pathParam("walkthroughId");
        send(ctx, walkthroughs.find(id).orElseThrow(() -> Problem.notFound("no walkthrough " + id)));
    }

    public void create(Context ctx) {
        Walkthrough created = walkthroughs.create(json.read(ctx, WalkthroughInput.class, MAX_BODY), by(ctx));
        ctx.status(201).header("Location", "/api/v1/walkthroughs/" + created.id());
        send(ctx, created);
    }

    public void update(Context ctx) {
        WalkthroughInput in = json.read(ctx, WalkthroughInput.class, MAX_BODY);
        send(ctx, walkthroughs.update(ctx.pathParam("walkthroughId"), in, TipController.ifMatch(ctx), by(ctx)));
    }

    public void publish(Context ctx) {
        send(ctx, walkthroughs.publish(ctx.pathParam("walkthroughId"), TipController.ifMatch(ctx), by(ctx)));
    }

    public void archive(Context ctx) {
        send(ctx, walkthroughs.archive(ctx.pathParam("walkthroughId"), TipController.ifMatch(ctx), by(ctx)));
    }

    /** POST /api/v1/walkthroughs/{walkthroughId}/progress?key=: JSON or text/plain (no preflight), like events. */
    public void saveProgress(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("text/plain")) {
            throw Problem.unsupportedMediaType("send the progress as application/json or text/plain");
        }
        App app = DeliveryController.siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        Progress.Write in = json.parse(Json.body(ctx, MAX_PROGRESS_BODY), Progress.Write.class);
        ctx.header("Cache-Control", "no-store");
        ctx.json(progress.save(app, ctx.pathParam("walkthroughId"), in));
    }

    private static void send(Context ctx, Walkthrough walkthrough) {
        ctx.header("ETag", "\"" + walkthrough.version() + "\"").json(walkthrough);
    }

    private static String by(Context ctx) {
        return Access.principal(ctx).account().email();
    }
}
