package io.inflow.export;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * SQLite SQL that makes each event one finished line of CSV or NDJSON, byte for byte as
 * {@link EventExport#csvCell} and {@link EventExport#writeEvent} write it: an export then reads one
 * column per row and copies its bytes, where reading nine strings per row through the driver (one
 * native call each, then decoding and encoding them again) is what bounded its speed. Lines are
 * joined with concat() (SQLite 3.44+), which allocates once where each || copies the text so far.
 */
final class EventLines {
    /** Stored column and NDJSON field, in the order both formats write them. */
    private record Field(String column, String json) {}

    private static final List<Field> FIELDS = List.of(new Field("id", "id"), new Field("app_id", "appId"), new Field("type", "type"),
            new Field("tip_id", "tipId"), new Field("learner_hash", "learner"), new Field("occurred_at", "occurredAt"),
            new Field("received_at", "receivedAt"), new Field("url", "url"));

    /** The row's strings but data, one after the other (to look into all of them at once); null counts as empty. */
    private static final String STRINGS = FIELDS.stream().map(Field::column).collect(Collectors.joining(", ", "concat(", ")"));

    /** The first characters that make a spreadsheet run a cell as a formula (= + - @ tab CR), as code points. */
    private static final String FORMULA_STARTS = "(61, 43, 45, 64, 9, 13)";

    private EventLines() {}

    /**
     * The SQL expression of one event's line, its newline included (CRLF for CSV, LF for NDJSON);
     * null for the rare NDJSON line that is left to Jackson.
     */
    static String line(EventExport.Format format) {
        return switch (format) {
            case CSV -> csv();
            case NDJSON -> ndjson();
            case XAPI -> throw new IllegalArgumentException("xAPI statements are made in Java");
        };
    }

    /**
     * Most rows have nothing to quote outside data, and one look at all their strings together
     * tells: with commas made quotes, json_quote escapes each character that needs quoting (a
     * quote, LF, CR) with a backslash. Such a row only needs each cell's first character checked;
     * any other row takes the full cell expression for every column.
     */
    private static String csv() {
        return "CASE WHEN instr(json_quote(replace(" + STRINGS + ", ',', '\"')), char(92)) = 0 THEN " + csv(EventLines::unquotedCell)
                + " ELSE " + csv(EventLines::csvCell) + " END";
    }

    private static String csv(UnaryOperator<String> cell) {
        String cells = FIELDS.stream().map(f -> cell.apply(f.column())).collect(Collectors.joining(", "));
        return "concat(concat_ws(',', " + cells + ", " + csvCell("data") + "), char(13, 10))";
    }

    /**
     * {@link EventExport#writeCsvCell} as SQL (null and empty both make an empty cell); a quote is
     * looked for first, as data (JSON) nearly always has one and OR stops at the first true.
     */
    private static String csvCell(String c) {
        String quote = "instr(" + c + ", '\"') > 0 OR instr(" + c + ", ',') > 0 OR instr(" + c + ", char(10)) > 0 OR instr(" + c + ", char(13)) > 0";
        return "CASE WHEN " + quote + " THEN concat('\"', CASE WHEN unicode(" + c + ") IN " + FORMULA_STARTS + " THEN '''' END, replace(" + c
                + ", '\"', '\"\"'), '\"') ELSE " + unquotedCell(c) + " END";
    }

    /**
     * A cell with nothing to quote, where only a formula's first character matters. A letter or
     * digit first is decided by comparing bytes, which costs far less per row than a function call.
     */
    private static String unquotedCell(String c) {
        return "CASE WHEN " + c + " >= 'A' OR (" + c + " >= '0' AND " + c + " < ':') THEN " + c
                + " WHEN unicode(" + c + ") IN " + FORMULA_STARTS + " THEN '''' || " + c
                + " ELSE coalesce(" + c + ", '') END";
    }

    /**
     * Every line starts with a space, which the export leaves out before the first: the lines were
     * written with one Jackson generator, which puts its separator between root values in front of
     * every object but the first, and the format stays as it was.
     *
     * SQLite's json_quote agrees with Jackson except for the control characters it escapes with
     * lower-case hex digits (Jackson writes upper case). One look at the quoted text of all the
     * row's strings together finds those (a browser can send them in a URL or a tip id); for such a
     * row the line is null and the export writes it with Jackson ({@link EventExport#writeEvent}).
     * A backslash is always char(92) here: Jdbi reads one in SQL text as an escape.
     */
    private static String ndjson() {
        StringBuilder sql = new StringBuilder("CASE WHEN json_quote(" + STRINGS + ") GLOB ('*' || char(92) || 'u00[01][a-f]*') THEN NULL ELSE concat(' {");
        for (Field f : FIELDS) {
            sql.append('"').append(f.json()).append("\":', json_quote(").append(f.column()).append("), ',");
        }
        // data is the JSON text Jackson wrote when the event came in, copied as it is (writeRawValue)
        return sql.append("\"data\":', coalesce(data, 'null'), '}', char(10)) END").toString();
    }
}
