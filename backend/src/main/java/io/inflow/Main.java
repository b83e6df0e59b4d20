package io.inflow;

import io.inflow.analytics.Analytics;
import io.inflow.analytics.AnalyticsFilter;
import io.inflow.analytics.TextReport;
import io.inflow.apps.App;
import io.inflow.apps.Apps;
import io.inflow.export.EventExport;
import io.inflow.export.EventFeed;
import io.inflow.export.HttpDelivery;
import io.inflow.export.ProgressBar;
import io.inflow.export.RollupExport;
import io.inflow.export.xapi.LrsPush;
import io.inflow.export.xapi.Statements;
import io.inflow.store.Ids;
import java.time.Clock;
import io.inflow.export.EventFilter;
import io.inflow.store.Database;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line: inflow.jar serve | demo | export | report | xapi-push. */
public final class Main {
    static final String USAGE = """
            Usage: java -jar inflow.jar COMMAND [OPTIONS]

            Commands:
              serve    start the Inflow server
              demo     start the server with a demo app and a sample CRM at /demo/
              export   write events to a file (CSV, NDJSON, or xAPI statements as a JSON array), or a rollup (--rollup)
              report   print a text summary of an app's analytics for a date range
              xapi-push  send xAPI statements to a learning record store, resuming where the last push stopped
              backup   copy the embedded SQLite database to a file, online (--out FILE)
              restore  replace the embedded SQLite database with a backup (--from FILE; stop the server first)

            Options (serve, demo):
              --port N       HTTP port (INFLOW_PORT, default 7070)
              --data DIR     data directory for the embedded SQLite file (INFLOW_DATA, default ./inflow-data)
              --db URL       JDBC URL: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=…&password=… (INFLOW_DB)
              --trusted-proxies A,B   addresses of reverse proxies whose X-Forwarded-For is believed (INFLOW_TRUSTED_PROXIES)
            The first admin is INFLOW_ADMIN_EMAIL (default admin@inflow.local) with INFLOW_ADMIN_PASSWORD,
            or a generated password printed once.

            Options (export):
              --format csv|ndjson|xapi   (default csv)
              --out FILE            where to write (required; - for standard output)
              --from DATE --to DATE --app APP_ID --type EVENT_TYPE    filters (optional)
              --rollup tips|walkthroughs|searches|pages   the analytics rollup per day instead of events (csv or ndjson)
              --data DIR, --db URL  as above
              --base URL            the server's public URL, for xAPI activity IRIs (INFLOW_PUBLIC_URL, default http://localhost:7070)

            Options (report):  --from DATE --to DATE --app APP_ID (every app when left out), --data, --db
            Options (xapi-push): --lrs URL (the LRS endpoint, e.g. https://lrs.example.com/xapi/) --lrs-user USER,
              the password in INFLOW_LRS_PASSWORD; --base, --data, --db as above
            """;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs a command; answers the exit code, or -1 when a server keeps running. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("inflow: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "serve" -> serve(settings(options, env, false), out);
                case "demo" -> serve(settings(options, env, true), out);
                case "export" -> export(options, settings(options, env, false), env, out, err);
                case "report" -> report(options, settings(options, env, false), out);
                case "xapi-push" -> xapiPush(options, settings(options, env, false), env, out, err);
                case "backup" -> backup(options, settings(options, env, false), err);
                case "restore" -> restore(options, settings(options, env, false), err);
                default -> {
                    err.println("inflow: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("inflow: " + e.getMessage());
            return 2;
        } catch (Problem e) {
            err.println("inflow: " + e.getMessage());
            e.errors().forEach(fe -> err.println("  --" + fe.field() + ": " + fe.message()));
            return 2;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!List.of("port", "data", "db", "trusted-proxies", "format", "out", "from", "to", "app", "type", "base", "lrs", "lrs-user",
                    "rollup").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    static Settings settings(Map<String, String> options, Map<String, String> env, boolean demo) {
        String portText = options.getOrDefault("port", env.getOrDefault("INFLOW_PORT", String.valueOf(Settings.DEFAULT_PORT)));
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not '" + portText + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        Path data = Path.of(options.getOrDefault("data", env.getOrDefault("INFLOW_DATA", "inflow-data")));
        String db = options.getOrDefault("db", env.get("INFLOW_DB"));
        if (db == null || db.isBlank()) {
            db = Database.sqliteUrl(data);
        }
        String proxies = options.getOrDefault("trusted-proxies", env.getOrDefault("INFLOW_TRUSTED_PROXIES", ""));
        java.util.Set<String> trusted = new java.util.HashSet<>();
        for (String proxy : proxies.split(",")) {
            if (!proxy.isBlank()) {
                trusted.add(proxy.trim());
            }
        }
        return new Settings(port, data, db, env.getOrDefault("INFLOW_ADMIN_EMAIL", "admin@inflow.local"),
                env.get("INFLOW_ADMIN_PASSWORD"), demo, trusted);
    }

    private static int serve(Settings settings, PrintStream out) {
        Inflow inflow;
        try {
            inflow = Inflow.create(settings);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start: " + rootMessage(e));
        }
        // the first admin exists before the first request can arrive
        inflow.ensureAdmin().ifPresent(password ->
                out.println("Admin account created: " + settings.adminEmail() + " / " + password + "  (shown once; keep it)"));
        try {
            inflow.listen();
        } catch (RuntimeException e) {
            inflow.database().close();
            throw new IllegalArgumentException("cannot listen on port " + settings.port() + ": " + rootMessage(e));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(inflow::close, "inflow-shutdown"));
        String base = "http://localhost:" + inflow.port();
        if (settings.demo()) {
            inflow.seedDemo();
            out.println("Demo CRM:  " + base + "/demo/accounts");
        }
        out.println("Console:   " + base + "/console/   (admin: " + settings.adminEmail() + ")");
        out.println("Inflow is serving on port " + inflow.port() + " with " + describe(settings.databaseUrl()) + ". Ctrl+C stops it.");
        return -1;
    }

    private static int export(Map<String, String> options, Settings settings, Map<String, String> env, PrintStream out, PrintStream err) {
        String target = options.get("out");
        if (target == null) {
            throw new IllegalArgumentException("export needs --out FILE (or --out - for standard output)");
        }
        String formatText = options.getOrDefault("format", "csv");
        String rollup = options.get("rollup");
        Validation v = new Validation().oneOf(formatText, "format", rollup == null ? List.of("csv", "ndjson", "xapi") : List.of("csv", "ndjson"));
        if (rollup != null) {
            v.oneOf(rollup, "rollup", RollupExport.NAMES);
        }
        EventFilter filter = EventFilter.parse(options.get("from"), options.get("to"), options.get("app"), options.get("type"), v);
        v.check(rollup == null || filter.type() == null, "type", "filters events; a rollup export is already one type");
        v.throwIfInvalid();
        EventExport.Format format = EventExport.Format.valueOf(formatText.toUpperCase(java.util.Locale.ROOT));
        boolean terminal = System.console() != null && !target.equals("-");
        try (Database db = Database.open(settings.databaseUrl());
             OutputStream sink = target.equals("-") ? nonClosing(out) : new BufferedOutputStream(Files.newOutputStream(Path.of(target)))) {
            var mapper = new io.inflow.web.Json().mapper();
            java.util.function.LongConsumer progress;
            long count;
            if (rollup == null) {
                EventExport export = new EventExport(db, mapper, statements(db, mapper, options, env));
                progress = bar(terminal, terminal ? export.count(filter) : 0, err);
                count = export.write(filter, format, sink, progress);
            } else {
                RollupExport export = new RollupExport(db, mapper, digest(db, mapper));
                RollupExport.Kind kind = RollupExport.KINDS.get(rollup);
                progress = bar(terminal, terminal ? export.count(kind, filter) : 0, err);
                count = export.write(kind, filter, format, sink, progress);
            }
            if (terminal) {
                err.println();
            }
            err.printf("%,d %s written to %s%n", count, rollup == null ? "events" : rollup + " rollup rows",
                    target.equals("-") ? "standard output" : target);
            return 0;
        } catch (IOException e) {
            err.println("inflow: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
    }

    /** Redraws the progress bar on a terminal; does nothing otherwise. */
    private static java.util.function.LongConsumer bar(boolean terminal, long total, PrintStream err) {
        return rows -> {
            if (terminal) {
                err.print("\r" + ProgressBar.line(rows, total));
            }
        };
    }

    private static int backup(Map<String, String> options, Settings settings, PrintStream err) {
        String target = options.get("out");
        if (target == null) {
            throw new IllegalArgumentException("backup needs --out FILE");
        }
        try {
            long bytes = io.inflow.store.Backup.backup(settings.databaseUrl(), Path.of(target));
            err.printf("backup written to %s (%,d bytes, integrity_check ok)%n", target, bytes);
            return 0;
        } catch (IOException e) {
            err.println("inflow: " + e.getMessage());
            return 1;
        }
    }

    private static int restore(Map<String, String> options, Settings settings, PrintStream err) {
        String source = options.get("from");
        if (source == null) {
            throw new IllegalArgumentException("restore needs --from FILE (a file made by backup)");
        }
        try {
            io.inflow.store.Backup.restore(Path.of(source), settings.databaseUrl());
            err.printf("restored %s into %s%n", source, io.inflow.store.Backup.file(settings.databaseUrl()));
            return 0;
        } catch (IOException e) {
            err.println("inflow: " + e.getMessage());
            return 1;
        }
    }

    private static Statements statements(Database db, com.fasterxml.jackson.databind.ObjectMapper mapper, Map<String, String> options,
                                         Map<String, String> env) {
        String base = options.getOrDefault("base", env.getOrDefault("INFLOW_PUBLIC_URL", "http://localhost:" + Settings.DEFAULT_PORT));
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("--base must be an http(s) URL, not '" + base + "'");
        }
        Apps apps = new Apps(db, new Ids(Clock.systemUTC()), Clock.systemUTC(), mapper);
        return new Statements(mapper, base, Statements.homePages(apps, base));
    }

    /**
     * The digest, for reports and rollup exports run beside the server or after it: events a stopped
     * or crashed server left queued are folded before anything is read (a running server folds its own).
     */
    private static io.inflow.events.Digest digest(Database db, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return new io.inflow.events.Digest(db, List.of(new io.inflow.analytics.Rollups(mapper), new io.inflow.learning.MemoryUpdates(db, new io.inflow.learning.MemoryWrites())));
    }

    private static int report(Map<String, String> options, Settings settings, PrintStream out) {
        try (Database db = Database.open(settings.databaseUrl())) {
            var mapper = new io.inflow.web.Json().mapper();
            Apps apps = new Apps(db, new Ids(Clock.systemUTC()), Clock.systemUTC(), mapper);
            Validation v = new Validation();
            String only = options.get("app");
            List<App> chosen = only == null ? apps.list() : apps.find(only).map(List::of).orElse(List.of());
            v.check(only == null || !chosen.isEmpty(), "app", "no app has the id '" + only + "'");
            v.throwIfInvalid();
            io.inflow.analytics.Rollups rollups = new io.inflow.analytics.Rollups(mapper);
            TextReport report = new TextReport(new Analytics(db, rollups, digest(db, mapper)));
            for (App app : chosen) {
                AnalyticsFilter filter = AnalyticsFilter.parse(app.id(), options.get("from"), options.get("to"), null, v);
                v.throwIfInvalid();
                out.println(report.of(app, filter));
            }
            if (chosen.isEmpty()) {
                out.println("No apps yet.");
            }
            return 0;
        }
    }

    private static int xapiPush(Map<String, String> options, Settings settings, Map<String, String> env, PrintStream out, PrintStream err) {
        String lrs = options.get("lrs");
        String user = options.get("lrs-user");
        String password = env.get("INFLOW_LRS_PASSWORD");
        if (lrs == null || user == null || password == null) {
            throw new IllegalArgumentException("xapi-push needs --lrs URL, --lrs-user USER and the password in INFLOW_LRS_PASSWORD");
        }
        try (Database db = Database.open(settings.databaseUrl())) {
            var mapper = new io.inflow.web.Json().mapper();
            LrsPush push = new LrsPush(new EventFeed(db, Clock.systemUTC(), java.time.Duration.ofSeconds(5)), statements(db, mapper, options, env),
                    mapper, new HttpDelivery(java.net.http.HttpClient.newHttpClient(), 5, java.time.Duration.ofSeconds(1)), 500);
            EventFeed.Outcome outcome = push.push(new LrsPush.Target(lrs, user, password));
            out.printf("%,d statements sent (%,d events read)%n", outcome.delivered(), outcome.events());
            if (outcome.failure() != null) {
                err.println("inflow: the push stopped: " + outcome.failure() + "; the next run resumes from there");
                return 1;
            }
            return 0;
        }
    }

    private static OutputStream nonClosing(PrintStream stdout) {
        // standard output stays open for whatever the caller prints next
        return new java.io.FilterOutputStream(stdout) {
            @Override
            public void close() {
                stdout.flush();
            }
        };
    }

    private static String describe(String url) {
        return url.startsWith("jdbc:sqlite:") ? "SQLite at " + url.substring("jdbc:sqlite:".length())
                : "PostgreSQL at " + url.replaceAll("password=[^&]*", "password=…");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
