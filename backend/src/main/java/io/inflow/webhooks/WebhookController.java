package io.inflow.webhooks;

import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Webhooks over HTTP: made per app by admins; the secret is answered once, at creation. */
public final class WebhookController {
    private static final int MAX_BODY = 16 * 1024;

    public record NewWebhook(String url, List<String> eventTypes) {}

    private final Webhooks webhooks;
    private final Json json;

    public WebhookController(Webhooks webhooks, Json json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("items", webhooks.ofApp(ctx.pathParam("appId"))));
    }

    public void create(Context ctx) {
        NewWebhook in = json.read(ctx, NewWebhook.class, MAX_BODY);
        ctx.status(201).json(webhooks.create(ctx.pathParam("appId"), in.url(), in.eventTypes()));
    }

    public void delete(Context ctx) {
        if (!webhooks.delete(ctx.pathParam("webhookId"))) {
            throw Problem.notFound("no webhook " + ctx.pathParam("webhookId"));
        }
        ctx.status(204);
    }
}
