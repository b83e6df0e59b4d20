package io.inflow.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.events.Event;
import io.inflow.export.xapi.Statements;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Streams events as CSV or NDJSON straight from a database cursor to an output stream,
 * so memory stays flat whatever the number of rows.
 */
public final class EventExport {
    /** XAPI: a JSON array of xAPI statements (events that make none are left out). */
    public enum Format { CSV, NDJSON, XAPI }

    static final List<String> COLUMNS = List.of("id", "app_id", "type", "tip_id", "learner", "occurred_at", "received_at", "url", "data");
    private static final int FETCH = 1_000;
    private static final String SELECTED = "SELECT " + Event.COLUMNS;
    /**
     * Events leave in the order they were stored: a full export then reads the table front to back
     * instead of jumping to each row from a time index, which is what bounds export speed. SQLite
     * names that order (rowid); a PostgreSQL cursor without ORDER BY reads the heap in order.
     */
    private static String order(Database.Dialect dialect) {
        return dialect == Database.Dialect.SQLITE ? " ORDER BY rowid" : "";
    }

    private final Database db;
    private final ObjectMapper mapper;

    private final Statements statements;

    public EventExport(Database db, ObjectMapper mapper) {
        this(db, mapper, null);
    }

    /** With statements, the export can also write xAPI. */
    public EventExport(Database db, ObjectMapper mapper, Statements statements) {
        this.db = db;
        this.mapper = mapper;
        this.statements = statements;
    }

    /** How many events the filter matches (for a progress bar). */
    public long count(EventFilter filter) {
        return db.read(h -> bind(h.createQuery(where(filter).insert(0, "SELECT COUNT(*)").toString()), filter)
                .mapTo(Long.class).one());
    }

    private static Query bind(Query q, EventFilter filter) {
        if (filter.from() != null) q.bind("from", Times.format(filter.from()));
        if (filter.to() != null) q.bind("to", Times.format(filter.to()));
        if (filter.appId() != null) q.bind("app", filter.appId());
        if (filter.type() != null) q.bind("type", filter.type());
        return q;
    }

    /**
     * Writes every matching event; progress receives the running row count as rows are written.
     * Answers the count. On SQLite, CSV and NDJSON lines are made by the database ({@link EventLines})
     * and read in rowid ranges on two connections ({@link RowidRanges}): reading nine strings per row
     * through its driver is what bounds speed there. PostgreSQL's driver reads strings faster than
     * the server can format lines, so there (and for xAPI) rows are formatted here.
     */
    public long write(EventFilter filter, Format format, OutputStream out, LongConsumer progress) {
        if (format != Format.XAPI && db.dialect() == Database.Dialect.SQLITE) {
            return writeLines(filter, format, out, progress);
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            if (format == Format.CSV) {
                writer.write(String.join(",", COLUMNS));
                writer.write("\r\n");
            } else if (format == Format.XAPI) {
                if (statements == null) {
                    throw new IllegalStateException("this export was made without xAPI statements");
                }
                writer.write('[');
            }
            JsonGenerator json = mapper.getFactory().createGenerator(writer);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            long count = db.stream(h -> bind(h.createQuery(sql(filter, db.dialect())), filter).setFetchSize(FETCH).scanResultSet((supplier, ctx) -> {
                ResultSet rs = supplier.get();
                long rows = 0;
                boolean first = true;
                while (rs.next()) {
                    // rows are written as read, by column position: no object per row but the cells' strings
                    try {
                        if (format == Format.CSV) {
                            csvRow(writer, rs);
                        } else if (format == Format.NDJSON) {
                            jsonRow(json, writer, rs);
                        } else {
                            var statement = statements.of(Event.read(rs));
                            if (statement.isPresent()) {
                                writer.write(first ? "\n" : ",\n");
                                writer.write(mapper.writeValueAsString(statement.get()));
                                first = false;
                            }
                        }
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    if (++rows % FETCH == 0) {
                        progress.accept(rows);
                    }
                }
                return rows;
            }));
            json.close();
            if (format == Format.XAPI) {
                writer.write("\n]\n");
            }
            writer.flush();
            progress.accept(count);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long writeLines(EventFilter filter, Format format, OutputStream out, LongConsumer progress) {
        try {
            if (format == Format.CSV) {
                out.write(CSV_HEADER);
            }
            OutputStream lines = format == Format.NDJSON ? new SkipFirstByte(out) : out;
            long count = RowidRanges.write(db, "events", "SELECT " + EventLines.line(format), conditions(filter),
                    q -> bind(q, filter), format == Format.NDJSON ? this::jsonLine : EventExport::noCsvLine, lines, progress);
            out.flush();
            progress.accept(count);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An NDJSON line written by Jackson, for the rows whose line SQLite leaves to it (see {@link EventLines}). */
    private byte[] jsonLine(Handle h, long rowid) {
        Event event = h.createQuery(SELECTED + " FROM events WHERE rowid = :rowid").bind("rowid", rowid).map((rs, ctx) -> Event.read(rs)).one();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(line, StandardCharsets.UTF_8); JsonGenerator g = mapper.getFactory().createGenerator(w)) {
            w.write(' ');
            writeEvent(g, event);
            g.flush();
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toByteArray();
    }

    private static byte[] noCsvLine(Handle h, long rowid) {
        throw new IllegalStateException("SQLite made no CSV line for row " + rowid);
    }

    private static final byte[] CSV_HEADER = (String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8);

    /** Leaves out the first byte written: the space in front of the first NDJSON line (see {@link EventLines}). */
    private static final class SkipFirstByte extends FilterOutputStream {
        private boolean skipped;

        SkipFirstByte(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (skipped) {
                out.write(b);
            }
            skipped = true;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!skipped && len > 0) {
                skipped = true;
                out.write(b, off + 1, len - 1);
            } else {
                out.write(b, off, len);
            }
        }
    }

    /** The query of an export: public, so the export benchmark's plain JDBC baseline reads exactly the same. */
    public static String sql(EventFilter filter, Database.Dialect dialect) {
        return where(filter).insert(0, SELECTED).append(order(dialect)).toString();
    }

    private static StringBuilder where(EventFilter filter) {
        return new StringBuilder(" FROM events").append(conditions(filter));
    }

    private static String conditions(EventFilter filter) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (filter.from() != null) sql.append(" AND occurred_at >= :from");
        if (filter.to() != null) sql.append(" AND occurred_at < :to");
        if (filter.appId() != null) sql.append(" AND app_id = :app");
        if (filter.type() != null) sql.append(" AND type = :type");
        return sql.toString();
    }

    /** The columns of {@link Event#COLUMNS}, in order, as CSV cells (the learner hash under "learner"). */
    private static void csvRow(Writer w, ResultSet rs) throws IOException, SQLException {
        for (int i = 1; i <= COLUMNS.size(); i++) {
            if (i > 1) {
                w.write(',');
            }
            writeCsvCell(w, rs.getString(i));
        }
        w.write("\r\n");
    }

    /** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
    public static String csvCell(String value) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writeCsvCell(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@link #csvCell} written straight to the writer: one pass over the text, no copy unless it needs quoting. */
    static void writeCsvCell(Writer w, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean formula = "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            if (formula) {
                w.write('\'');
            }
            w.write(value);
            return;
        }
        w.write('"');
        if (formula) {
            w.write('\'');
        }
        int from = 0;
        for (int at = value.indexOf('"'); at >= 0; at = value.indexOf('"', at + 1)) {
            w.write(value, from, at + 1 - from);
            w.write('"');
            from = at + 1;
        }
        w.write(value, from, value.length() - from);
        w.write('"');
    }

    private static void jsonRow(JsonGenerator g, Writer w, ResultSet rs) throws IOException, SQLException {
        writeEvent(g, Event.read(rs));
        g.flush();
        w.write('\n');
    }

    /** One event as a JSON object, as exports and webhooks give it. */
    public static void writeEvent(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("appId", e.appId());
        g.writeStringField("type", e.type());
        g.writeStringField("tipId", e.tipId());
        g.writeStringField("learner", e.learnerHash());
        g.writeStringField("occurredAt", e.occurredAt());
        g.writeStringField("receivedAt", e.receivedAt());
        g.writeStringField("url", e.url());
        g.writeFieldName("data");
        if (e.data() == null) {
            g.writeNull();
        } else {
            g.writeRawValue(e.data());
        }
        g.writeEndObject();
    }
}
