package io.inflow.tips;

import io.inflow.content.Content;
import io.inflow.delivery.PageRule;
import io.inflow.web.Access;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import io.javalin.http.Context;
import java.util.Map;

/** Tips over HTTP, for the console and the picker. */
public final class TipController {
    private static final int MAX_BODY = 64 * 1024;

    public record RenderRequest(String markdown) {}

    private final Tips tips;
    private final Content content;
    private final Json json;

    public TipController(Tips tips, Content content, Json json) {
        this.tips = tips;
        this.content = content;
        this.json = json;
    }

    public void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !Tip.STATUSES.contains(status)) {
            throw Problem.invalid("status", "must be one of " + String.join(", ", Tip.STATUSES));
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50);
        if (limit < 1 || limit > 200) {
            throw Problem.invalid("limit", "must be between 1 and 200");
        }
        String q = blankToNull(ctx.queryParam("q"));
        String page = blankToNull(ctx.queryParam("page"));
        new Validation().check(q == null || q.length() <= 200, "q", "must be at most 200 characters")
                .check(page == null || page.length() <= 200, "page", "must be at most 200 characters").throwIfInvalid();
        ctx.json(tips.list(new Tips.Filter(ctx.queryParam("app"), status, q, page), ctx.queryParam("after"), limit));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public void get(Context ctx) {
        Tip tip = tips.find(ctx.pathParam("tipId")).orElseThrow(() -> Problem.notFound("no tip " + ctx.pathParam("tipId")));
        ctx.header("ETag", etag(tip)).json(tip);
    }

    public void create(Context ctx) {
        TipInput in = json.read(ctx, TipInput.class, MAX_BODY);
        Tip tip = tips.create(in, Access.principal(ctx).account().id());
        ctx.status(201).header("ETag", etag(tip)).header("Location", "/api/v1/tips/" + tip.id()).json(tip);
    }

    public void update(Context ctx) {
        TipInput in = json.read(ctx, TipInput.class, MAX_BODY);
        Tip tip = tips.update(ctx.pathParam("tipId"), in, ifMatch(ctx), savedBy(ctx));
        ctx.header("ETag", etag(tip)).json(tip);
    }

    public void publish(Context ctx) {
        status(ctx, "published");
    }

    public void unpublish(Context ctx) {
        status(ctx, "draft");
    }

    public void archive(Context ctx) {
        status(ctx, "archived");
    }

    private void status(Context ctx, String status) {
        Tip tip = tips.setStatus(ctx.pathParam("tipId"), status, savedBy(ctx));
        ctx.header("ETag", etag(tip)).json(tip);
    }

    public void versions(Context ctx) {
        ctx.json(Map.of("items", tips.versions(ctx.pathParam("tipId"))));
    }

    public void restore(Context ctx) {
        int version = ctx.pathParamAsClass("version", Integer.class).check(v -> v > 0, "must be a positive number").get();
        Tip tip = tips.restore(ctx.pathParam("tipId"), version, ifMatch(ctx), savedBy(ctx));
        ctx.header("ETag", etag(tip)).json(tip);
    }

    private static String savedBy(Context ctx) {
        return Access.principal(ctx).account().email();
    }

    public void render(Context ctx) {
        RenderRequest in = json.read(ctx, RenderRequest.class, MAX_BODY);
        new Validation().check(in.markdown() == null || in.markdown().length() <= TipInput.MAX_BODY,
                "markdown", "must be at most " + TipInput.MAX_BODY + " characters").throwIfInvalid();
        Content.Rendered rendered = content.markdown(in.markdown());
        ctx.json(Map.of("html", rendered.html(), "body", rendered.tree()));
    }

    public void matchRule(Context ctx) {
        PageRule rule;
        try {
            rule = PageRule.parse(ctx.queryParam("rule"));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("rule", e.getMessage());
        }
        java.net.URI url;
        try {
            url = PageRule.pageUrl(ctx.queryParam("url"));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("url", e.getMessage());
        }
        var params = rule.match(url);
        ctx.json(Map.of("matches", params.isPresent(), "params", params.orElse(Map.of())));
    }

    static String etag(Tip tip) {
        return "\"" + tip.version() + "\"";
    }

    /** The version an If-Match header names (null when absent or *); shared by every versioned resource. */
    public static Integer ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank() || header.equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("If-Match must be the ETag you read, e.g. \"3\"");
        }
    }
}
