package io.inflow.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into an RFC 9457 problem document; never a stack trace. */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final String TYPE_BASE = "https://inflow.dev/problems/";

    private Errors() {}

    public static void install(JavalinConfig config, Json json) {
        config.routes.exception(Problem.class, (e, ctx) -> {
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            write(ctx, json, e.status(), e.type(), e.title(), e.getMessage(), e.errors());
        });
        config.routes.exception(ValidationException.class, (e, ctx) -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            e.getErrors().forEach((field, list) -> list.forEach(err -> errors.add(new Problem.FieldError(field, err.getMessage()))));
            write(ctx, json, 400, "bad-request", "Bad request",
                    errors.isEmpty() ? "invalid parameters" : errors.get(0).field() + ": " + errors.get(0).message(), errors);
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, json, e.getStatus(), "http-" + e.getStatus(), title(e.getStatus()), e.getMessage(), List.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, json, 500, "internal", "Internal error",
                    "the server failed to answer; the failure is logged", List.of());
        });
        config.routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && !"application/problem+json".equals(ctx.res().getContentType())) {
                write(ctx, json, 404, "not-found", "Not found", "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.path().startsWith("/api/")) {
                write(ctx, json, 405, "method-not-allowed", "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), List.of());
            }
        });
    }

    private static void write(Context ctx, Json json, int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail == null || detail.isBlank() ? title : detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        ctx.status(status).contentType("application/problem+json").result(json.write(body));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            default -> "HTTP " + status;
        };
    }
}
