package io.inflow.export;

import io.inflow.store.Database;
import java.util.List;

/**
 * SQL that makes each event one finished line of CSV or NDJSON inside the database, byte for byte
 * as {@link EventExport#csvCell} and {@link EventExport#writeEvent} write it: an export then reads
 * one column per row and copies its bytes, instead of decoding nine strings per row and encoding
 * them again (what bounds export speed through JDBC).
 */
final class EventLines {
    /** Stored column and NDJSON field, in the order both formats write them. */
    private record Field(String column, String json) {}

    private static final List<Field> FIELDS = List.of(new Field("id", "id"), new Field("app_id", "appId"), new Field("type", "type"),
            new Field("tip_id", "tipId"), new Field("learner_hash", "learner"), new Field("occurred_at", "occurredAt"),
            new Field("received_at", "receivedAt"), new Field("url", "url"));

    /** The first characters that make a spreadsheet run a cell as a formula (= + - @ tab CR), as code points. */
    private static final String FORMULA_STARTS = "(61, 43, 45, 64, 9, 13)";

    private EventLines() {}

    /** The SQL expression of one event's line, newline included (CRLF for CSV, LF for NDJSON). */
    static String line(EventExport.Format format, Database.Dialect dialect) {
        return switch (format) {
            case CSV -> csv(dialect);
            case NDJSON -> ndjson(dialect);
            case XAPI -> throw new IllegalArgumentException("xAPI statements are made in Java");
        };
    }

    private static String csv(Database.Dialect dialect) {
        StringBuilder sql = new StringBuilder();
        for (Field f : FIELDS) {
            sql.append(csvCell(f.column(), dialect)).append(" || ',' || ");
        }
        return sql.append(csvCell("data", dialect)).append(" || ").append(chr(dialect, 13)).append(" || ").append(chr(dialect, 10)).toString();
    }

    /**
     * {@link EventExport#writeCsvCell} as SQL (null and empty both make an empty cell). On SQLite the
     * common case, nothing to quote and a letter or digit first, is decided by comparisons, which
     * cost far less per row than function calls.
     */
    private static String csvCell(String c, Database.Dialect dialect) {
        String sqlite = dialect == Database.Dialect.SQLITE ? "instr(" : "strpos(";
        // a quote first: data (JSON) nearly always has one, and OR stops at the first true
        String quote = sqlite + c + ", '\"') > 0 OR " + sqlite + c + ", ',') > 0 OR " + sqlite + c + ", " + chr(dialect, 10) + ") > 0 OR "
                + sqlite + c + ", " + chr(dialect, 13) + ") > 0";
        String formula = codePoint(c, dialect) + " IN " + FORMULA_STARTS;
        // SQLite compares text byte by byte: from 'A' up, or a digit first, is never a formula
        String plain = dialect == Database.Dialect.SQLITE ? " WHEN " + c + " >= 'A' OR (" + c + " >= '0' AND " + c + " < ':') THEN " + c : "";
        return "CASE WHEN " + quote + " THEN '\"' || CASE WHEN " + formula + " THEN '''' ELSE '' END || replace(" + c + ", '\"', '\"\"') || '\"'"
                + plain
                + " WHEN " + formula + " THEN '''' || " + c
                + " ELSE coalesce(" + c + ", '') END";
    }

    /**
     * Every line starts with a space, which the export leaves out before the first: the lines it
     * wrote with one Jackson generator had Jackson's separator between root values in front of
     * every object but the first, and the format stays as it was.
     */
    private static String ndjson(Database.Dialect dialect) {
        StringBuilder sql = new StringBuilder("' {");
        for (Field f : FIELDS) {
            sql.append('"').append(f.json()).append("\":' || ").append(jsonString(f.column(), dialect)).append(" || ',");
        }
        // data is stored as the JSON text Jackson wrote and is copied as it is, as writeRawValue does
        return sql.append("\"data\":' || coalesce(data, 'null') || '}' || ").append(chr(dialect, 10)).toString();
    }

    /**
     * A JSON string as Jackson writes it, or null. The database's own quoting agrees with Jackson's
     * except for the few control characters it escapes with lower-case hex digits (Jackson writes
     * upper case); a value with one of those, which a browser can send in a URL or a tip id, takes
     * the slow path that escapes each character itself.
     */
    private static String jsonString(String c, Database.Dialect dialect) {
        if (dialect == Database.Dialect.SQLITE) {
            return "CASE WHEN json_quote(" + c + ") GLOB ('*' || " + chr(dialect, 92) + " || 'u00[01][a-f]*') THEN " + escaped(c, dialect)
                    + " ELSE json_quote(" + c + ") END";
        }
        return "CASE WHEN " + c + " ~ ('[' || chr(1) || '-' || chr(31) || ']') THEN " + escaped(c, dialect)
                + " ELSE coalesce(to_json(" + c + "::text)::text, 'null') END";
    }

    /**
     * Jackson's escaping spelled out: backslash and quote first, then every control character. A
     * backslash is always chr(92) here, as Jdbi reads one in SQL text as an escape.
     */
    private static String escaped(String c, Database.Dialect dialect) {
        String backslash = chr(dialect, 92);
        String sql = "replace(replace(" + c + ", " + backslash + ", " + backslash + " || " + backslash + "), '\"', " + backslash + " || '\"')";
        // PostgreSQL text cannot hold NUL
        for (int ch = dialect == Database.Dialect.SQLITE ? 0 : 1; ch < 0x20; ch++) {
            sql = "replace(" + sql + ", " + chr(dialect, ch) + ", " + backslash + " || '" + jacksonEscape((char) ch) + "')";
        }
        return "'\"' || " + sql + " || '\"'";
    }

    /** What follows the backslash when Jackson escapes a control character. */
    private static String jacksonEscape(char ch) {
        return switch (ch) {
            case '\b' -> "b";
            case '\t' -> "t";
            case '\n' -> "n";
            case '\f' -> "f";
            case '\r' -> "r";
            default -> String.format("u%04X", (int) ch);
        };
    }

    private static String chr(Database.Dialect dialect, int code) {
        return (dialect == Database.Dialect.SQLITE ? "char(" : "chr(") + code + ")";
    }

    private static String codePoint(String c, Database.Dialect dialect) {
        return (dialect == Database.Dialect.SQLITE ? "unicode(" : "ascii(") + c + ")";
    }
}
