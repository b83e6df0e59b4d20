package io.inflow.export;

import io.inflow.web.Problem;
import io.inflow.web.Validation;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/** GET /api/v1/exports/events: the event export, streamed. */
public final class ExportController {
    private final EventExport export;

    public ExportController(EventExport export) {
        this.export = export;
    }

    public void events(Context ctx) {
        String formatText = ctx.queryParamAsClass("format", String.class).getOrDefault("csv");
        Validation v = new Validation().oneOf(formatText, "format", java.util.List.of("csv", "ndjson"));
        EventFilter filter = EventFilter.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("app"), ctx.queryParam("type"), v);
        v.throwIfInvalid();
        EventExport.Format format = formatText.equals("csv") ? EventExport.Format.CSV : EventExport.Format.NDJSON;
        String extension = format == EventExport.Format.CSV ? "csv" : "ndjson";
        ctx.contentType(format == EventExport.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson");
        ctx.header("Content-Disposition", "attachment; filename=\"inflow-events." + extension + "\"");
        ctx.header("Cache-Control", "no-store");
        try {
            export.write(filter, format, ctx.outputStream(), rows -> { });
        } catch (UncheckedIOException e) {
            // the client went away mid-stream; nothing to answer any more
            throw Problem.badRequest("the export was interrupted");
        }
    }

}
