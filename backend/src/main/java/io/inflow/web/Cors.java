package io.inflow.web;

import io.inflow.apps.App;
import io.javalin.http.Context;

/**
 * Cross-origin rules. The overlay's endpoints answer only an app's allowed origins
 * (the exact origin echoed, never credentials). Authoring endpoints answer any origin
 * without credentials: there a request proves itself with a bearer token, which a
 * foreign page cannot have, while cookies never cross.
 */
public final class Cors {
    private Cors() {}

    /** Refuses a browser request from an origin the app does not list; echoes an allowed one. */
    public static void overlay(Context ctx, App app) {
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null || sameOrigin(ctx, origin)) {
            return;
        }
        if (!app.allowsOrigin(origin)) {
            throw Problem.forbidden("the origin " + origin + " is not an allowed origin of this app");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Expose-Headers", "Retry-After"); // the overlay's send queue honours it
    }

    /** Answers a preflight request. */
    public static void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-None-Match");
            ctx.header("Access-Control-Expose-Headers", "ETag, Location, Retry-After");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }

    /** Lets a bearer-token request from any page read its answer (no cookies involved). */
    public static void authoring(Context ctx) {
        String origin = ctx.header("Origin");
        String authorization = ctx.header("Authorization");
        if (origin != null && authorization != null && !sameOrigin(ctx, origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", "ETag, Location");
            ctx.header("Vary", "Origin");
        }
    }

    private static boolean sameOrigin(Context ctx, String origin) {
        return !Access.crossSite(ctx) && origin.equals(ctx.scheme() + "://" + ctx.header("Host"));
    }
}
