package io.inflow.delivery;

import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.tips.TipSearch;
import io.inflow.web.Cors;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;

/** GET /api/v1/search: the launcher's full-text search over an app's published tips. */
public final class SearchController {
    static final int MAX_QUERY = 200;
    static final int LIMIT = 20;
    private final Apps apps;
    private final Delivery delivery;
    private final TipSearch search;

    public SearchController(Apps apps, Delivery delivery, TipSearch search) {
        this.apps = apps;
        this.delivery = delivery;
        this.search = search;
    }

    public void get(Context ctx) {
        App app = DeliveryController.siteApp(apps, ctx.queryParam("key"));
        Cors.overlay(ctx, app);
        String q = ctx.queryParam("q");
        if (q == null || q.length() > MAX_QUERY) {
            throw Problem.invalid("q", "is required, at most " + MAX_QUERY + " characters");
        }
        URI url = DeliveryController.pageUrl(ctx.queryParam("url"));
        List<String> ids = search.find(app.id(), TipSearch.words(q), LIMIT);
        ctx.header("Cache-Control", "no-store");
        ctx.json(delivery.found(app, ids, url, Languages.parse(ctx.queryParam("lang"))));
    }
}
