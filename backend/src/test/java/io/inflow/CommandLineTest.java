package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import io.inflow.testing.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exportWritesTheEventsOfARunningServersDataDirectory(@TempDir Path dir) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Server server = Server.start(Databases.sqliteIn(dir), false)) {
            String key = server.admin().post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
            server.http().post("/api/v1/events", Map.of("key", key, "events", List.of(
                    Map.of("id", id, "type", "tip_shown", "at", Instant.now().toString(), "url", "https://crm.example.com/a,b"))));
            Path csv = dir.resolve("events.csv");
            assertThat(run("export", "--format", "csv", "--out", csv.toString(), "--data", dir.toString())).isEqualTo(0);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("id,app_id,type,tip_id,learner,occurred_at,received_at,url,data");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).startsWith(id + ",").contains(",tip_shown,").endsWith("\"https://crm.example.com/a,b\",");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 events written to " + csv);

            Path ndjson = dir.resolve("none.ndjson");
            assertThat(run("export", "--format", "ndjson", "--out", ndjson.toString(), "--data", dir.toString(), "--type", "search")).isEqualTo(0);
            assertThat(Files.readString(ndjson)).isEmpty();
        }
    }

    @Test
    void reportSummarisesAnAppAndExportWritesXapiStatementsThatKeepTheRules(@TempDir Path dir) throws Exception {
        String now = Instant.now().toString();
        try (Server server = Server.start(Databases.sqliteIn(dir), false)) {
            var app = server.admin().post("/api/v1/apps", Map.of("name", "Northwind CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
            String key = app.get("siteKey").asText();
            server.http().post("/api/v1/events", Map.of("key", key, "learnerId", "u-1", "events", List.of(
                    Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "tipId", "tip_a", "at", now, "url", "https://crm.example.com/a"),
                    Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "tipId", "tip_a", "at", now, "url", "https://crm.example.com/a"),
                    Map.of("id", UUID.randomUUID().toString(), "type", "check_answered", "tipId", "tip_a", "at", now,
                            "data", Map.of("correct", true, "optionIds", List.of("o1"))),
                    Map.of("id", UUID.randomUUID().toString(), "type", "search", "at", now, "data", Map.of("query", "Refunds", "results", 0)))));
        }
        assertThat(run("report", "--data", dir.toString(), "--from", now.substring(0, 10), "--to", now.substring(0, 10))).isEqualTo(0);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("Inflow report: Northwind CRM").containsPattern("tips shown +2\\n").containsPattern("checks right +1\\n")
                .containsPattern("tip_a +2 shown, 1 learners").containsPattern("refunds +1 of 1");

        Path file = dir.resolve("statements.json");
        assertThat(run("export", "--format", "xapi", "--out", file.toString(), "--data", dir.toString(), "--base", "https://inflow.example.com")).isEqualTo(0);
        var statements = io.inflow.testing.Http.JSON.readTree(file.toFile());
        assertThat(statements.isArray()).isTrue();
        assertThat(statements).hasSize(3); // the search makes no statement
        for (var s : statements) {
            assertThat(io.inflow.export.xapi.XapiRules.violations(s)).as(s.toString()).isEmpty();
            assertThat(s.at("/actor/account/homePage").asText()).isEqualTo("https://crm.example.com");
        }
        assertThat(statements.findValuesAsText("id")).contains("https://inflow.example.com/xapi/activities/tips/tip_a");
    }

    @Test
    void exportWritesARollupPerDayAsCsvOrNdjson(@TempDir Path dir) throws Exception {
        String now = Instant.now().toString();
        String day = now.substring(0, 10);
        try (Server server = Server.start(Databases.sqliteIn(dir), false)) {
            var app = server.admin().post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of("https://crm.example.com"))).json();
            server.http().post("/api/v1/events", Map.of("key", app.get("siteKey").asText(), "learnerId", "u-1", "events", List.of(
                    Map.of("id", UUID.randomUUID().toString(), "type", "page_viewed", "tipId", "", "at", now, "url", "https://crm.example.com/a?x=1",
                            "data", Map.of("path", "/a")),
                    Map.of("id", UUID.randomUUID().toString(), "type", "page_viewed", "tipId", "", "at", now, "url", "https://crm.example.com/a"),
                    Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "tipId", "tip_a", "at", now, "url", "https://crm.example.com/a"))));
            String appId = app.get("id").asText();
            Path pages = dir.resolve("pages.csv");
            assertThat(run("export", "--rollup", "pages", "--out", pages.toString(), "--data", dir.toString())).isEqualTo(0);
            assertThat(Files.readAllLines(pages)).containsExactly("appId,path,day,views", appId + ",/a," + day + ",2");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 pages rollup rows written to " + pages);
            Path tips = dir.resolve("tips.ndjson");
            assertThat(run("export", "--rollup", "tips", "--format", "ndjson", "--out", tips.toString(), "--data", dir.toString(),
                    "--app", appId, "--from", day, "--to", day)).isEqualTo(0);
            var row = io.inflow.testing.Http.JSON.readTree(Files.readString(tips));
            assertThat(row.get("tipId").asText()).isEqualTo("tip_a");
            assertThat(row.get("shown").asLong()).isEqualTo(1);
            assertThat(row.get("learners").asLong()).isEqualTo(1);
        }
        assertThat(run("export", "--rollup", "people", "--out", dir.resolve("x").toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rollup: must be one of tips, walkthroughs, searches, pages");
        assertThat(run("export", "--rollup", "tips", "--format", "xapi", "--out", dir.resolve("x").toString(), "--data", dir.toString())).isEqualTo(2);
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy(@TempDir Path dir) {
        assertThat(run("export", "--format", "xml", "--out", dir.resolve("x").toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format: must be one of csv, ndjson");
        assertThat(run("export", "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("export needs --out FILE");
        assertThat(run("serve", "--port", "seventy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number");
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'launch'");
        assertThat(run("serve", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour");
    }

    @Test
    void settingsComeFromOptionsThenEnvironment() {
        Settings fromEnv = Main.settings(Map.of(), Map.of("INFLOW_PORT", "8081", "INFLOW_DB", "jdbc:postgresql://db/inflow",
                "INFLOW_ADMIN_PASSWORD", "pw-from-env"), false);
        assertThat(fromEnv.port()).isEqualTo(8081);
        assertThat(fromEnv.databaseUrl()).isEqualTo("jdbc:postgresql://db/inflow");
        assertThat(fromEnv.adminPassword()).isEqualTo("pw-from-env");
        Settings fromOptions = Main.settings(Map.of("port", "9090", "db", "jdbc:sqlite:/tmp/x.db"), Map.of("INFLOW_PORT", "8081"), true);
        assertThat(fromOptions.port()).isEqualTo(9090);
        assertThat(fromOptions.databaseUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(fromOptions.demo()).isTrue();
    }

    @Test
    void runningTheDemoAgainReusesItsData(@TempDir Path dir) {
        Settings settings = new Settings(0, dir, Databases.sqliteIn(dir), "admin@inflow.local", null, true);
        String password;
        List<String> tipIds;
        try (Inflow first = Inflow.start(settings)) {
            password = first.ensureAdmin().orElseThrow();
            first.seedDemo();
            tipIds = first.tips().list(null, "published", null, 200).items().stream().map(t -> t.id()).toList();
            assertThat(tipIds).hasSizeGreaterThanOrEqualTo(5);
        }
        try (Inflow second = Inflow.start(settings)) {
            assertThat(second.ensureAdmin()).isEmpty();
            second.seedDemo();
            assertThat(second.tips().list(null, "published", null, 200).items().stream().map(t -> t.id()).toList())
                    .containsExactlyElementsOf(tipIds);
            assertThat(second.accounts().signIn("admin@inflow.local", password)).isPresent();
            assertThat(second.apps().list()).hasSize(1);
        }
    }
}
