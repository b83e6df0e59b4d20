package io.inflow.anchors;

import io.inflow.apps.Apps;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.util.Map;

/** Anchor health over HTTP, for the console: which tips are not found, or found only narrowly, on which pages. */
public final class AnchorHealthController {
    private final AnchorHealth health;
    private final Apps apps;

    public AnchorHealthController(AnchorHealth health, Apps apps) {
        this.health = health;
        this.apps = apps;
    }

    public void list(Context ctx) {
        String app = ctx.queryParam("app");
        if (app == null || app.isBlank()) throw Problem.invalid("app", "is required");
        if (apps.find(app).isEmpty()) throw Problem.notFound("no app " + app);
        int days = ctx.queryParamAsClass("days", Integer.class).getOrDefault(30);
        if (days < 1 || days > 365) throw Problem.invalid("days", "must be between 1 and 365");
        ctx.json(Map.of("items", health.of(app, ctx.queryParam("tip"), days), "lowConfidence", AnchorHealth.LOW_CONFIDENCE));
    }
}
