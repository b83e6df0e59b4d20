package io.inflow.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.apps.Apps;
import io.inflow.export.xapi.Statements;
import io.inflow.store.Database;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * GET /api/v1/exports/events, /exports/xapi and /exports/rollups: events, xAPI statements and the
 * analytics rollups as files, streamed from a database cursor.
 */
public final class ExportController {
    private final EventExport export;
    private final RollupExport rollups;
    private final Database db;
    private final Apps apps;
    private final ObjectMapper mapper;

    public ExportController(EventExport export, RollupExport rollups, Database db, Apps apps, ObjectMapper mapper) {
        this.export = export;
        this.rollups = rollups;
        this.db = db;
        this.apps = apps;
        this.mapper = mapper;
    }

    public void events(Context ctx) {
        String formatText = ctx.queryParamAsClass("format", String.class).getOrDefault("csv");
        Validation v = new Validation().oneOf(formatText, "format", List.of("csv", "ndjson"));
        EventFilter filter = EventFilter.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("app"), ctx.queryParam("type"), v);
        v.throwIfInvalid();
        EventExport.Format format = format(formatText);
        stream(ctx, "inflow-events", format, () -> export.write(filter, format, ctx.outputStream(), rows -> { }));
    }

    /**
     * The xAPI statements the LRS push sends for the same events, as one JSON array. Activity IRIs
     * start with base (the server's public URL, as xapi-push --base), else with this request's origin.
     */
    public void xapi(Context ctx) {
        Validation v = new Validation();
        EventFilter filter = EventFilter.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("app"), ctx.queryParam("type"), v);
        String base = ctx.queryParam("base") != null ? ctx.queryParam("base") : ctx.scheme() + "://" + ctx.host();
        v.check(base.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?") && base.length() <= 500, "base", "must be an http(s) URL such as https://inflow.example.com");
        v.throwIfInvalid();
        EventExport statements = new EventExport(db, mapper, new Statements(mapper, base, Statements.homePages(apps, base)));
        ctx.contentType("application/json");
        stream(ctx, "inflow-xapi", EventExport.Format.XAPI,
                () -> statements.write(filter, EventExport.Format.XAPI, ctx.outputStream(), rows -> { }));
    }

    /** Rollups of one kind (tips, walkthroughs, searches, pages), per day, as CSV or NDJSON. */
    public void rollups(Context ctx) {
        String formatText = ctx.queryParamAsClass("format", String.class).getOrDefault("csv");
        String kindText = ctx.queryParam("type");
        Validation v = new Validation().oneOf(formatText, "format", List.of("csv", "ndjson")).oneOf(kindText, "type", RollupExport.NAMES);
        EventFilter filter = EventFilter.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("app"), null, v);
        v.throwIfInvalid();
        EventExport.Format format = format(formatText);
        RollupExport.Kind kind = RollupExport.KINDS.get(kindText);
        stream(ctx, "inflow-rollup-" + kind.name(), format, () -> rollups.write(kind, filter, format, ctx.outputStream(), rows -> { }));
    }

    private static EventExport.Format format(String text) {
        return text.equals("csv") ? EventExport.Format.CSV : EventExport.Format.NDJSON;
    }

    private static void stream(Context ctx, String name, EventExport.Format format, Runnable write) {
        String extension = switch (format) {
            case CSV -> "csv";
            case NDJSON -> "ndjson";
            case XAPI -> "json";
        };
        if (format != EventExport.Format.XAPI) {
            ctx.contentType(format == EventExport.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + extension + "\"");
        ctx.header("Cache-Control", "no-store");
        try {
            write.run();
        } catch (UncheckedIOException e) {
            // the client went away mid-stream; nothing to answer any more
            throw Problem.badRequest("the export was interrupted");
        }
    }
}
