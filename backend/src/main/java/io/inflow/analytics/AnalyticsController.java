package io.inflow.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.Apps;
import io.inflow.export.EventExport;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GET /api/v1/analytics/{tips,days,walkthroughs,searches,gaps}: rollup reports as JSON, CSV or NDJSON,
 * optionally only for learners with one trait (trait=team:support);
 * POST /api/v1/analytics/rebuild recomputes the rollups from the raw events.
 */
public final class AnalyticsController {
    private static final int SEARCH_LIMIT = 200;

    private static final int GAP_LIMIT = 500;

    private final Analytics analytics;
    private final java.util.function.LongSupplier rebuild;
    private final ContentGaps gaps;
    private final Apps apps;
    private final ObjectMapper mapper;

    public AnalyticsController(Analytics analytics, java.util.function.LongSupplier rebuild, ContentGaps gaps, Apps apps, ObjectMapper mapper) {
        this.analytics = analytics;
        this.rebuild = rebuild;
        this.gaps = gaps;
        this.apps = apps;
        this.mapper = mapper;
    }

    public void tips(Context ctx) {
        answer(ctx, "tips", analytics::tips);
    }

    public void days(Context ctx) {
        answer(ctx, "days", analytics::days);
    }

    public void walkthroughs(Context ctx) {
        answer(ctx, "walkthroughs", analytics::walkthroughs);
    }

    public void searches(Context ctx) {
        answer(ctx, "searches", f -> analytics.searches(f, SEARCH_LIMIT));
    }

    /** Pages with views and no tip whose page rule matches them, most viewed first. */
    public void gaps(Context ctx) {
        answer(ctx, "content-gaps", f -> gaps.of(apps.find(f.appId())
                .orElseThrow(() -> Problem.notFound("no app has the id '" + f.appId() + "'")), f, GAP_LIMIT));
    }

    public void rebuild(Context ctx) {
        ctx.json(Map.of("events", rebuild.getAsLong()));
    }

    private void answer(Context ctx, String name, Function<AnalyticsFilter, Report> report) {
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("json");
        Validation v = new Validation().oneOf(format, "format", List.of("json", "csv", "ndjson"));
        AnalyticsFilter filter = AnalyticsFilter.parse(ctx.queryParam("app"), ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("pageRule"), ctx.queryParam("trait"), v);
        v.throwIfInvalid();
        Report r = report.apply(filter);
        switch (format) {
            case "csv" -> {
                attachment(ctx, name, "csv");
                ctx.contentType("text/csv; charset=utf-8").result(csv(r));
            }
            case "ndjson" -> {
                attachment(ctx, name, "ndjson");
                ctx.contentType("application/x-ndjson").result(ndjson(r));
            }
            default -> ctx.json(Map.of("columns", r.columns(), "items", r.items(), "lost", analytics.lost(filter)));
        }
    }

    private static void attachment(Context ctx, String name, String extension) {
        ctx.header("Content-Disposition", "attachment; filename=\"inflow-" + name + "." + extension + "\"");
        ctx.header("Cache-Control", "no-store");
    }

    static String csv(Report r) {
        StringBuilder out = new StringBuilder(String.join(",", r.columns())).append("\r\n");
        for (Map<String, Object> row : r.items()) {
            out.append(r.columns().stream().map(c -> EventExport.csvCell(row.get(c) == null ? null : String.valueOf(row.get(c))))
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private String ndjson(Report r) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : r.items()) {
            try {
                out.append(mapper.writeValueAsString(row)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
