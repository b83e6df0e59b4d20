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

    public record AppChange(String name, List<String> allowedOrigins, Map<String, String> theme) {}

    private final Apps apps;
    private final Json json;

    public AppController(Apps apps, Json json) {
        this.apps = apps;
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

    public void update(Context ctx) {
        AppChange in = json.read(ctx, AppChange.class, MAX_BODY);
        ctx.json(apps.update(ctx.pathParam("appId"), in.name(), in.allowedOrigins(), in.theme()));
    }
}
