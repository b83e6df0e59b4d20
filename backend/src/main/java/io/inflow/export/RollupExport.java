package io.inflow.export;

import io.inflow.events.Digest;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.statement.Query;

/**
 * Streams the analytics rollups, one row per day as they are kept, as CSV or NDJSON straight from a
 * database cursor: per tip and day, walkthrough steps (learners who first reached a step that day),
 * searches per term and day, page views per path and day. Learner hashes never leave in them.
 */
public final class RollupExport {
    /** What each kind of rollup exports: its columns (as named in the file) and the query that reads them. */
    public record Kind(String name, List<String> columns, String sql) {}

    public static final Map<String, Kind> KINDS = Map.of(
            "tips", new Kind("tips", List.of("appId", "tipId", "day", "shown", "learners", "dismissed", "completed", "helpfulYes", "helpfulNo",
                    "linksOpened", "checksRight", "checksWrong", "anchorMissing"), """
                    SELECT app_id, tip_id, day, shown, learners, dismissed, completed, helpful_yes, helpful_no, links_opened,
                      checks_right, checks_wrong, anchor_missing FROM rollup_tip_days WHERE %s ORDER BY app_id, day, tip_id"""),
            "walkthroughs", new Kind("walkthroughs", List.of("appId", "walkthroughId", "step", "day", "learnersReached"), """
                    SELECT app_id, walkthrough_id, step, day, COUNT(*) AS reached FROM rollup_walkthrough_learners WHERE %s
                    GROUP BY app_id, walkthrough_id, step, day ORDER BY app_id, day, walkthrough_id, step"""),
            "searches", new Kind("searches", List.of("appId", "term", "day", "searches", "noResult"), """
                    SELECT app_id, term, day, searches, no_result FROM rollup_search_days WHERE %s ORDER BY app_id, day, term"""),
            "pages", new Kind("pages", List.of("appId", "path", "day", "views"), """
                    SELECT app_id, path, day, views FROM rollup_page_days WHERE %s ORDER BY app_id, day, path"""));

    /** The names of the kinds, for validation messages. */
    public static final List<String> NAMES = List.of("tips", "walkthroughs", "searches", "pages");
    private static final int FETCH = 1_000;

    private final Database db;
    private final ObjectMapper mapper;
    private final Digest digest;

    public RollupExport(Database db, ObjectMapper mapper, Digest digest) {
        this.db = db;
        this.mapper = mapper;
        this.digest = digest;
    }

    /** How many rows the export of this kind and filter holds (for a progress bar). */
    public long count(Kind kind, EventFilter filter) {
        digest.catchUp();
        return db.read(h -> bind(h.createQuery("SELECT COUNT(*) FROM (" + sql(kind, filter) + ") counted"), filter).mapTo(Long.class).one());
    }

    /** Writes the rows; progress receives the running count every 1,000 rows. Answers the count. */
    public long write(Kind kind, EventFilter filter, EventExport.Format format, OutputStream out, LongConsumer progress) {
        digest.catchUp();
        if (format == EventExport.Format.XAPI) {
            throw new IllegalArgumentException("rollups export as CSV or NDJSON");
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            JsonGenerator json = mapper.getFactory().createGenerator(writer);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            if (format == EventExport.Format.CSV) {
                writer.write(String.join(",", kind.columns()));
                writer.write("\r\n");
            }
            long count = db.stream(h -> bind(h.createQuery(sql(kind, filter)), filter).setFetchSize(FETCH).scanResultSet((supplier, ctx) -> {
                long rows = 0;
                ResultSet rs = supplier.get();
                int columns = kind.columns().size();
                while (rs.next()) {
                    if (format == EventExport.Format.CSV) {
                        csvRow(writer, rs, columns);
                    } else {
                        jsonRow(json, writer, kind, rs);
                    }
                    if (++rows % FETCH == 0) {
                        progress.accept(rows);
                    }
                }
                return rows;
            }));
            json.close();
            writer.flush();
            progress.accept(count);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void csvRow(Writer w, ResultSet rs, int columns) throws SQLException {
        try {
            for (int i = 1; i <= columns; i++) {
                if (i > 1) {
                    w.write(',');
                }
                EventExport.writeCsvCell(w, rs.getString(i));
            }
            w.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text columns as strings, counts as numbers; one generator for the whole stream, no object per row. */
    private static void jsonRow(JsonGenerator g, Writer w, Kind kind, ResultSet rs) throws SQLException {
        try {
            g.writeStartObject();
            for (int i = 1; i <= kind.columns().size(); i++) {
                g.writeFieldName(kind.columns().get(i - 1));
                if (isText(kind, i)) {
                    g.writeString(rs.getString(i));
                } else {
                    g.writeNumber(rs.getLong(i));
                }
            }
            g.writeEndObject();
            g.flush();
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key columns (app, tip, walkthrough, term, path, day) are text, the rest are counts; step is a number too. */
    private static boolean isText(Kind kind, int column) {
        String name = kind.columns().get(column - 1);
        return name.endsWith("Id") || name.equals("day") || name.equals("term") || name.equals("path");
    }

    private static String sql(Kind kind, EventFilter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.from() != null) where.append(" AND day >= :from");
        if (filter.to() != null) where.append(" AND day < :to");
        if (filter.appId() != null) where.append(" AND app_id = :app");
        return kind.sql().formatted(where);
    }

    /** Rollups are per UTC day: a range counts the days it starts in, up to the day its end falls in. */
    private static Query bind(Query q, EventFilter filter) {
        if (filter.from() != null) q.bind("from", Times.format(filter.from()).substring(0, 10));
        if (filter.to() != null) q.bind("to", ceilingDay(filter.to()));
        if (filter.appId() != null) q.bind("app", filter.appId());
        return q;
    }

    private static String ceilingDay(java.time.Instant to) {
        String day = Times.format(to).substring(0, 10);
        return to.equals(java.time.Instant.parse(day + "T00:00:00Z")) ? day : Times.format(to.plus(java.time.Duration.ofDays(1))).substring(0, 10);
    }
}
