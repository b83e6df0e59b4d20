package io.inflow.apps;

import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Apps over HTTP. */
public final class AppController {
    private static final int MAX_BODY = 32 * 1024;

    public record NewApp(String name, List<String> allowedOrigins) {}

    public record AppChange(String name, List<String> allowedOrigins, Map<String, String> theme, Boolean anchorHealing) {}

    public record Rotation(Integer graceDays) {}

    public record IdentityChange(Boolean required) {}

    private final Apps apps;
    private final IdentityVerification identity;
    private final Json json;

    public AppController(Apps apps, IdentityVerification identity, Json json) {
        this.apps = apps;
        this.identity = identity;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("items", apps.list()));
    }

    public void get(Context ctx) {
        ctx.json(apps.find(ctx.pathParam("appId")).orElseThrow(() -> Problem.notFound("no app " + ctx.pathParam("appId"))));
    }

    public void create(Context ctx) {
        NewApp in = json.read(ctx, NewApp.class, MAX_BODY);
        ctx.status(201).json(apps.create(in.name(), in.allowedOrigins()));
    }

    /** POST /apps/{appId}/site-key: a new site key; the old one works for graceDays more (default 7, 0 to 90). */
    public void rotateSiteKey(Context ctx) {
        byte[] body = Json.body(ctx, MAX_BODY);
        Rotation in = body.length == 0 ? new Rotation(null) : json.parse(body, Rotation.class);
        int days = in.graceDays() == null ? 7 : in.graceDays();
        if (days < 0 || days > 90) {
            throw Problem.invalid("graceDays", "must be between 0 and 90");
        }
        ctx.json(apps.rotateSiteKey(ctx.pathParam("appId"), java.time.Duration.ofDays(days)));
    }

    public void identity(Context ctx) {
        ctx.json(identity.setting(existing(ctx).id()));
    }

    public void setIdentity(Context ctx) {
        IdentityChange in = json.read(ctx, IdentityChange.class, MAX_BODY);
        if (in.required() == null) {
            throw Problem.invalid("required", "is required: true or false");
        }
        ctx.json(identity.configure(existing(ctx).id(), in.required()));
    }

    private App existing(Context ctx) {
        return apps.find(ctx.pathParam("appId")).orElseThrow(() -> Problem.notFound("no app " + ctx.pathParam("appId")));
    }

    public void update(Context ctx) {
        AppChange in = json.read(ctx, AppChange.class, MAX_BODY);
        ctx.json(apps.update(ctx.pathParam("appId"), in.name(), in.allowedOrigins(), in.theme(), in.anchorHealing()));
    }
}
