package io.inflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV and NDJSON exports hold exactly what {@link EventExport#csvCell} and {@link EventExport#writeEvent}
 * write for the same rows read as strings, however hostile the stored text (on SQLite the database
 * makes each line, see {@link EventLines}), and keep filters and order across the rowid ranges
 * SQLite reads them in. Runs on each store.
 */
abstract class EventExportContract {
    private static final ObjectMapper MAPPER = new Json().mapper();
    static final EventFilter ALL = new EventFilter(null, null, null, null);
    private static final String INSERT = "INSERT INTO events (id, app_id, type, tip_id, learner_hash, occurred_at, received_at, url, data)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Text a browser, a tip author or a hand in the database could put in any column. */
    static final List<String> HOSTILE = List.of(
            "plain", "a,b", "say \"hi\"", "\"", "line\nbreak", "cr\rhere", "crlf\r\nend", "tab\there", "\tstarts with a tab",
            "\rstarts with CR", "=HYPERLINK(\"https://evil.example\")", "=1+1", "+1", "-2", "@SUM(A1)", "=a,b", "-", "@", "'quoted'",
            "back\\slash\\", "\\u000b", "\\\u000b", "ünïcödé 中文 😀 𝄞 \uD83D\uDE00", "ctl \u0001\u0007\b\u000b\f\u000e\u000f\u001a\u001b\u001f\u007f end",
            "\u2028\u2029", "/slash/", "0", "9", ":colon", "A", "Z", "[", "~tilde", "{\"json\":\"in text\"}", " leading space", "");

    /** data as ingestion stores it (Jackson's text of an object), and text stored by other hands. */
    static final List<String> DATA = List.of(
            "{\"helpful\":true}",
            "{\"a\":{\"b\":[1,2.5,-3e10,{\"c\":\"d\\\"e\\\\f\\ng\\u000B\\u001F\"}]},\"u\":\"😀 𝄞\",\"n\":null,\"t\":\"=1+1\"}",
            "{\"url\":\"https://wiki.example.com/a,b?q=\\\"x\\\"\",\"crlf\":\"\\r\\n\"}",
            "{ \"spaced\" : [ true , false ] }",
            "{}",
            "=not json, but stored");

    Database db;

    abstract String databaseUrl();

    @BeforeEach
    void open() {
        db = Database.open(databaseUrl());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void hostileTextInEveryColumnExportsExactlyAsTheJavaWritersWriteIt() throws Exception {
        List<String[]> rows = new ArrayList<>();
        int n = 0;
        for (String text : HOSTILE) {
            // each hostile text once in every text column, ids and times included, and nulls in every nullable column
            rows.add(row("id-" + n++, text, text, text, text, "2026-11-23T10:00:00.000Z", text, text, DATA.get(n % DATA.size())));
            rows.add(row(text + "#" + n++, "app_1", "tip_shown", null, null, text, "2026-11-23T10:00:01.000Z", null, null));
        }
        for (String data : DATA) {
            rows.add(row("data-" + n++, "app_1", "helpful_vote", "tip_1", "h", "2026-11-23T10:00:02.000Z", "2026-11-23T10:00:02.000Z",
                    "https://crm.example.com/", data));
        }
        insert(rows);

        for (EventExport.Format format : List.of(EventExport.Format.CSV, EventExport.Format.NDJSON)) {
            List<Long> progress = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long count = new EventExport(db, MAPPER).write(ALL, format, out, progress::add);
            assertThat(count).isEqualTo(rows.size());
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1)).isEqualTo(count);
            assertSameText(out.toString(StandardCharsets.UTF_8), expected(ALL, format), format.name());
            assertThat(out.toByteArray()).as(format.name()).isEqualTo(expected(ALL, format).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void cellsAndFieldsSpellHostileTextAsTheFormatsRequire() throws Exception {
        insert(List.<String[]>of(row("e1", "app_1", "tip_shown", "=HYPERLINK(\"x\")", null, "2026-11-23T10:00:00.000Z", "2026-11-23T10:00:00.000Z",
                "-a,b\r\n\u000b😀", "{\"k\":\"v\"}")));
        String csv = export(ALL, EventExport.Format.CSV);
        assertThat(csv).isEqualTo("id,app_id,type,tip_id,learner,occurred_at,received_at,url,data\r\n"
                + "e1,app_1,tip_shown,\"'=HYPERLINK(\"\"x\"\")\",,2026-11-23T10:00:00.000Z,2026-11-23T10:00:00.000Z,\"'-a,b\r\n\u000b😀\",\"{\"\"k\"\":\"\"v\"\"}\"\r\n");
        String ndjson = export(ALL, EventExport.Format.NDJSON);
        assertThat(ndjson).isEqualTo("{\"id\":\"e1\",\"appId\":\"app_1\",\"type\":\"tip_shown\",\"tipId\":\"=HYPERLINK(\\\"x\\\")\",\"learner\":null,"
                + "\"occurredAt\":\"2026-11-23T10:00:00.000Z\",\"receivedAt\":\"2026-11-23T10:00:00.000Z\",\"url\":\"-a,b\\r\\n\\u000B😀\","
                + "\"data\":{\"k\":\"v\"}}\n");
        assertThat(MAPPER.readTree(ndjson).get("url").asText()).isEqualTo("-a,b\r\n\u000b😀");
    }

    @Test
    void filtersAndOrderHoldAcrossRowidRanges() throws Exception {
        // three ranges' worth of rows, stored out of time order, across two apps and several types
        List<String[]> rows = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            Instant at = start.plusSeconds((i * 7_919L) % 86_400 * 20);
            rows.add(row(String.format("%08d-%s", (i * 4_409) % 20_000, i % 3 == 0 ? "z" : "a"), i % 5 == 0 ? "app_2" : "app_1",
                    Event.TYPES.get(i % 4), "tip_" + i % 13, i % 2 == 0 ? null : "h" + i % 7, io.inflow.store.Times.format(at),
                    "2026-11-23T10:00:00.000Z", "https://crm.example.com/o/" + i + (i % 11 == 0 ? ",\"x\"" : ""), i % 3 == 0 ? null : "{\"i\":" + i + "}"));
        }
        insert(rows);
        // gaps, as erasure leaves them: the first rows, more than a range's worth in the middle, and every 13th row
        try (Connection c = db.dataSource().getConnection(); PreparedStatement delete = c.prepareStatement("DELETE FROM events WHERE id = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                if (i < 100 || i >= 8_000 && i < 17_000 || i % 13 == 3) {
                    delete.setString(1, rows.get(i)[0]);
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
        List<EventFilter> filters = List.of(ALL,
                new EventFilter(null, null, "app_2", null),
                new EventFilter(null, null, "app_1", "tip_dismissed"),
                new EventFilter(Instant.parse("2026-11-05T00:00:00Z"), Instant.parse("2026-11-12T00:00:00Z"), null, null),
                new EventFilter(Instant.parse("2026-11-05T00:00:00Z"), Instant.parse("2026-11-12T00:00:00Z"), "app_1", "tip_shown"),
                new EventFilter(null, null, "no_such_app", null));
        EventExport export = new EventExport(db, MAPPER);
        for (EventFilter filter : filters) {
            for (EventExport.Format format : List.of(EventExport.Format.CSV, EventExport.Format.NDJSON)) {
                String expected = expected(filter, format);
                String actual = export(filter, format);
                if (db.dialect() == Database.Dialect.SQLITE) {
                    assertSameText(actual, expected, filter + " " + format); // in the order the rows were stored
                } else {
                    assertSameText(String.join("\n", sortedLines(actual)), String.join("\n", sortedLines(expected)), filter + " " + format);
                }
                assertThat(export.count(filter)).isEqualTo(expected.lines().count() - (format == EventExport.Format.CSV ? 1 : 0));
            }
        }
        assertThat(expected(filters.get(1), EventExport.Format.NDJSON).lines().count()).isGreaterThan(1_000L);
        assertThat(export(filters.get(5), EventExport.Format.CSV)).isEqualTo("id,app_id,type,tip_id,learner,occurred_at,received_at,url,data\r\n");
    }

    static String[] row(String... columns) {
        return columns;
    }

    void insert(List<String[]> rows) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    insert.setString(i + 1, r[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    String export(EventFilter filter, EventExport.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventExport(db, MAPPER).write(filter, format, out, rows -> { });
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The same rows read through JDBC as strings and written by the Java cell and event writers. */
    String expected(EventFilter filter, EventExport.Format format) throws Exception {
        List<Event> events = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                EventExport.sql(filter, db.dialect()).replace(":from", "?").replace(":to", "?").replace(":app", "?").replace(":type", "?"))) {
            int i = 1;
            for (String value : Arrays.asList(filter.from() == null ? null : io.inflow.store.Times.format(filter.from()),
                    filter.to() == null ? null : io.inflow.store.Times.format(filter.to()), filter.appId(), filter.type())) {
                if (value != null) {
                    q.setString(i++, value);
                }
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(Event.read(rs));
                }
            }
        }
        StringWriter text = new StringWriter();
        if (format == EventExport.Format.CSV) {
            text.write(String.join(",", EventExport.COLUMNS) + "\r\n");
            for (Event e : events) {
                text.write(String.join(",", List.of(e.id(), e.appId(), e.type(), nullable(e.tipId()), nullable(e.learnerHash()), e.occurredAt(),
                        e.receivedAt(), nullable(e.url()), nullable(e.data())).stream().map(EventExport::csvCell).toList()) + "\r\n");
            }
            return text.toString();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8); JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            for (Event e : events) {
                EventExport.writeEvent(g, e);
                g.flush();
                w.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Equal texts; when not, the first line that differs is what the failure shows. */
    static void assertSameText(String actual, String expected, String what) {
        List<String> a = actual.lines().toList();
        List<String> e = expected.lines().toList();
        for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
            assertThat(a.get(i)).as(what + ", line " + (i + 1)).isEqualTo(e.get(i));
        }
        assertThat(a.size()).as(what + ", lines").isEqualTo(e.size());
        assertThat(actual).as(what).isEqualTo(expected);
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }
}
