package io.inflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteEventExportTest extends EventExportContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }

    /** SQLite text can hold NUL (PostgreSQL's cannot), which SQL's replace() cannot find. */
    @Test
    void textWithNulExportsAsJacksonWritesIt() throws Exception {
        insert(List.<String[]>of(
                row("nul-1", "app_1", "tip_shown", "a\u0000b,c", null, "2026-11-23T10:00:00.000Z", "2026-11-23T10:00:00.000Z", "=x\u0000y", null),
                row("nul-2", "app_1", "tip_shown", "a\u0000b", null, "2026-11-23T10:00:00.000Z", "2026-11-23T10:00:00.000Z", "x\u000by", null)));
        assertSameText(export(ALL, EventExport.Format.CSV), expected(ALL, EventExport.Format.CSV), "CSV");
        String ndjson = export(ALL, EventExport.Format.NDJSON);
        assertSameText(ndjson, expected(ALL, EventExport.Format.NDJSON), "NDJSON");
        assertThat(ndjson).contains("\"tipId\":\"a\\u0000b,c\"", "\"tipId\":\"a\\u0000b\"", "\"url\":\"x\\u000By\"").doesNotContain("\u0000");
    }
}
