package io.inflow.events;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.apps.IdentityVerification;
import io.inflow.delivery.DeliveryController;
import io.inflow.web.Cors;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;

/** POST /api/v1/events: batches from the overlay, as JSON or as sendBeacon's text/plain. */
public final class EventController {
    public static final int MAX_BODY = 256 * 1024;

    private final Apps apps;
    private final Events events;
    private final IdentityVerification identity;
    private final Json json;

    public EventController(Apps apps, Events events, IdentityVerification identity, Json json) {
        this.apps = apps;
        this.events = events;
        this.identity = identity;
        this.json = json;
    }

    public void ingest(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json") && !type.startsWith("text/plain")) {
            throw Problem.unsupportedMediaType("send the batch as application/json or text/plain");
        }
        String queryKey = ctx.queryParam("key");
        if (queryKey != null) {
            // check the origin before reading the body, so a foreign page learns nothing
            Cors.overlay(ctx, DeliveryController.siteApp(apps, queryKey));
        }
        EventBatch batch = json.parse(Json.body(ctx, MAX_BODY), EventBatch.class);
        String key = queryKey != null ? queryKey : batch.key();
        if (queryKey != null && batch.key() != null && !batch.key().equals(queryKey)) {
            throw Problem.invalid("key", "the body names another site key than the query");
        }
        App app = DeliveryController.siteApp(apps, key);
        if (queryKey == null) {
            Cors.overlay(ctx, app);
        }
        identity.check(app, batch.learnerId(), batch.learnerSignature());
        ctx.json(events.ingest(app, batch));
    }
}
