package io.inflow.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.delivery.DeliveryController;
import io.inflow.web.Cors;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.util.Locale;

/** POST /api/v1/anchor-refreshes (the overlay, by site key) and GET /api/v1/tips/{tipId}/anchor-versions (authors). */
public final class AnchorHealingController {
    /** A fingerprint is 1–3 kB; more is not one. */
    public static final int MAX_BODY = 8 * 1024;

    public record Refresh(String key, String tipId, JsonNode anchor) {}

    private final AnchorHealing healing;
    private final Apps apps;
    private final Json json;

    public AnchorHealingController(AnchorHealing healing, Apps apps, Json json) {
        this.healing = healing;
        this.apps = apps;
        this.json = json;
    }

    public void refresh(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("text/plain")) {
            throw Problem.unsupportedMediaType("send the refresh as application/json or text/plain");
        }
        // the origin is checked before the body is read, as for events
        App app = DeliveryController.siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        Refresh in = json.parse(Json.body(ctx, MAX_BODY), Refresh.class);
        if (in.key() != null && !in.key().equals(ctx.queryParam("key"))) {
            throw Problem.invalid("key", "the body names another site key than the query");
        }
        ctx.json(healing.refresh(app, in.tipId(), in.anchor()));
    }

    public void versions(Context ctx) {
        ctx.json(healing.history(ctx.pathParam("tipId")));
    }
}
