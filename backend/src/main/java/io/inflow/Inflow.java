package io.inflow;

import io.inflow.accounts.AccountController;
import io.inflow.analytics.Analytics;
import io.inflow.analytics.AnalyticsController;
import io.inflow.analytics.ContentGaps;
import io.inflow.analytics.Rollups;
import io.inflow.accounts.Accounts;
import io.inflow.accounts.SignInThrottle;
import io.inflow.anchors.AnchorHealing;
import io.inflow.anchors.AnchorHealingController;
import io.inflow.anchors.AnchorHealth;
import io.inflow.anchors.AnchorHealthController;
import io.inflow.apps.AppController;
import io.inflow.apps.Apps;
import io.inflow.apps.IdentityVerification;
import io.inflow.content.Content;
import io.inflow.delivery.Delivery;
import io.inflow.delivery.DeliveryAnswers;
import io.inflow.delivery.DeliveryController;
import io.inflow.delivery.OverlayScript;
import io.inflow.delivery.SearchController;
import io.inflow.demo.DemoSeed;
import io.inflow.events.Digest;
import io.inflow.events.EventController;
import io.inflow.events.Events;
import io.inflow.events.WriteGate;
import io.inflow.export.EventExport;
import io.inflow.export.EventFeed;
import io.inflow.export.HttpDelivery;
import io.inflow.export.ExportController;
import io.inflow.export.RollupExport;
import io.inflow.learners.LearnerTraits;
import io.inflow.learning.LearnerData;
import io.inflow.learning.Learning;
import io.inflow.learning.LearningController;
import io.inflow.learning.Mastery;
import io.inflow.learning.MemoryUpdates;
import io.inflow.learning.MemoryWrites;
import io.inflow.limits.PublicLimits;
import io.inflow.limits.RateLimits;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.tips.TipController;
import io.inflow.tips.TipSearch;
import io.inflow.tips.Tips;
import io.inflow.walkthroughs.Progress;
import io.inflow.walkthroughs.WalkthroughController;
import io.inflow.walkthroughs.Walkthroughs;
import io.inflow.web.Access;
import io.inflow.web.ClientAddress;
import io.inflow.web.Cors;
import io.inflow.web.Errors;
import io.inflow.web.Json;
import io.inflow.web.Role;
import io.inflow.web.Route;
import io.inflow.webhooks.WebhookController;
import io.inflow.webhooks.WebhookDispatcher;
import io.inflow.webhooks.WebhookPush;
import io.inflow.webhooks.Webhooks;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.inflow.web.Role.ADMIN;
import static io.inflow.web.Role.ANALYST;
import static io.inflow.web.Role.ANYONE;
import static io.inflow.web.Role.AUTHOR;
import static io.inflow.web.Role.SIGNED_IN;

/** Wires Inflow together: the one place where parts are built and handed to each other. */
public final class Inflow implements AutoCloseable {
    /** Event batches written or waiting to be written at once; more are answered 429. */
    private static final int WRITE_QUEUE = 64;
    /** How often new events go out to webhooks. */
    private static final long WEBHOOK_PERIOD_MS = 2_000;
    private final Settings settings;
    private final Database db;
    private final Json json = new Json();
    private final Accounts accounts;
    private final Apps apps;
    private final Tips tips;
    private final Walkthroughs walkthroughs;
    private final RateLimits rateLimits;
    private final List<Route> routes;
    private final Javalin server;
    private final WebhookDispatcher webhookDispatcher;
    private final Digest digest;

    public Inflow(Settings settings, Database db, Clock clock) {
        this.settings = settings;
        this.db = db;
        Ids ids = new Ids(clock);
        Content content = new Content();
        accounts = new Accounts(db, ids, clock);
        apps = new Apps(db, ids, clock, json.mapper(), true);
        tips = new Tips(db, ids, clock, apps, content, json.mapper());
        walkthroughs = new Walkthroughs(db, ids, clock, apps, tips);
        Delivery delivery = new Delivery(tips, walkthroughs, clock);
        IdentityVerification identity = new IdentityVerification(db, ids);
        Rollups rollups = new Rollups(json.mapper());
        MemoryWrites memoryWrites = new MemoryWrites();
        digest = new Digest(db, List.of(rollups, new MemoryUpdates(db, memoryWrites)));
        Learning learning = new Learning(db, tips, identity, clock, json.mapper(), digest, memoryWrites);
        Progress progress = new Progress(db, learning, walkthroughs, clock);
        Events events = new Events(db, clock, new WriteGate(WRITE_QUEUE, 2), rollups, digest, new LearnerTraits(json.mapper()));
        Access access = new Access(accounts);
        ClientAddress clientAddress = new ClientAddress(settings.trustedProxies());
        rateLimits = new RateLimits(db, clock);
        PublicLimits publicLimits = new PublicLimits(rateLimits, settings.limits(), clientAddress);

        var accountController = new AccountController(accounts, new SignInThrottle(db, clock), clientAddress, json);
        var appController = new AppController(apps, identity, json);
        var tipController = new TipController(tips, content, json);
        var searchController = new SearchController(apps, delivery, new TipSearch(db));
        var deliveryController = new DeliveryController(apps, delivery, new DeliveryAnswers(json), learning, progress);
        var walkthroughController = new WalkthroughController(apps, walkthroughs, progress, json);
        var learningController = new LearningController(apps, learning,
                new Mastery(db, tips, delivery, learning, clock, json.mapper(), digest),
                new LearnerData(db, apps, digest, memoryWrites, () -> digest.settled(rollups::rebuild)), json);
        var eventController = new EventController(apps, events, identity, json);
        var exportController = new ExportController(new EventExport(db, json.mapper()), new RollupExport(db, json.mapper(), digest), db, apps,
                json.mapper());
        var anchorHealthController = new AnchorHealthController(new AnchorHealth(db, clock, json.mapper()), apps);
        var anchorHealingController = new AnchorHealingController(new AnchorHealing(db, clock, json.mapper()), apps, json);
        var analyticsController = new AnalyticsController(new Analytics(db, rollups, digest), () -> digest.settled(rollups::rebuild), new ContentGaps(db, tips, digest), apps,
                json.mapper());
        Webhooks webhooks = new Webhooks(db, ids, clock, apps, json.mapper());
        var webhookController = new WebhookController(webhooks, json);
        webhookDispatcher = new WebhookDispatcher(webhooks, new WebhookPush(new EventFeed(db, clock, Duration.ofSeconds(2)),
                new HttpDelivery(HttpClient.newHttpClient(), 3, Duration.ofSeconds(1)), json.mapper(), clock));
        byte[] openApi = resource("/openapi.json");
        OverlayScript overlay = OverlayScript.load();

        routes = List.of(
                Route.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), ANYONE),
                Route.get("/api/v1/delivery", deliveryController::get, ANYONE),
                Route.get("/api/v1/search", searchController::get, ANYONE),
                Route.post("/api/v1/events", eventController::ingest, ANYONE),
                Route.post("/api/v1/anchor-refreshes", anchorHealingController::refresh, ANYONE),
                Route.post("/api/v1/checks/{tipId}/answers", learningController::answer, ANYONE),
                Route.get("/api/v1/reviews", learningController::reviews, ANYONE),
                Route.get("/api/v1/mastery", learningController::screen, ANYONE),
                Route.post("/api/v1/walkthroughs/{walkthroughId}/progress", walkthroughController::saveProgress, ANYONE),

                Route.post("/api/v1/session", accountController::signIn, ANYONE),
                Route.get("/api/v1/session", accountController::current, SIGNED_IN),
                Route.delete("/api/v1/session", accountController::signOut, SIGNED_IN),
                Route.delete("/api/v1/sessions", accountController::signOutEverywhere, SIGNED_IN),
                Route.get("/api/v1/accounts", accountController::list, ADMIN),
                Route.post("/api/v1/accounts", accountController::create, ADMIN),
                Route.patch("/api/v1/accounts/{accountId}", accountController::update, ADMIN),
                Route.delete("/api/v1/accounts/{accountId}", accountController::remove, ADMIN),
                Route.get("/api/v1/tokens", accountController::tokens, SIGNED_IN),
                Route.post("/api/v1/tokens", accountController::createToken, SIGNED_IN),
                Route.delete("/api/v1/tokens/{tokenId}", accountController::deleteToken, SIGNED_IN),

                Route.get("/api/v1/apps", appController::list, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/apps", appController::create, ADMIN),
                Route.get("/api/v1/apps/{appId}", appController::get, ADMIN, AUTHOR, ANALYST),
                Route.patch("/api/v1/apps/{appId}", appController::update, ADMIN),
                Route.post("/api/v1/apps/{appId}/site-key", appController::rotateSiteKey, ADMIN),
                Route.get("/api/v1/apps/{appId}/identity", appController::identity, ADMIN),
                Route.put("/api/v1/apps/{appId}/identity", appController::setIdentity, ADMIN),

                Route.get("/api/v1/tips", tipController::list, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/tips", tipController::create, ADMIN, AUTHOR),
                Route.get("/api/v1/tips/{tipId}", tipController::get, ADMIN, AUTHOR, ANALYST),
                Route.put("/api/v1/tips/{tipId}", tipController::update, ADMIN, AUTHOR),
                Route.post("/api/v1/tips/{tipId}/publish", tipController::publish, ADMIN, AUTHOR),
                Route.post("/api/v1/tips/{tipId}/unpublish", tipController::unpublish, ADMIN, AUTHOR),
                Route.post("/api/v1/tips/{tipId}/archive", tipController::archive, ADMIN, AUTHOR),
                Route.post("/api/v1/render", tipController::render, ADMIN, AUTHOR),
                Route.get("/api/v1/page-rules/match", tipController::matchRule, ADMIN, AUTHOR),
                Route.get("/api/v1/tips/{tipId}/versions", tipController::versions, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/tips/{tipId}/versions/{version}/restore", tipController::restore, ADMIN, AUTHOR),
                Route.get("/api/v1/delivery/preview", deliveryController::preview, ADMIN, AUTHOR),
                Route.get("/api/v1/walkthroughs", walkthroughController::list, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/walkthroughs", walkthroughController::create, ADMIN, AUTHOR),
                Route.get("/api/v1/walkthroughs/{walkthroughId}", walkthroughController::get, ADMIN, AUTHOR, ANALYST),
                Route.put("/api/v1/walkthroughs/{walkthroughId}", walkthroughController::update, ADMIN, AUTHOR),
                Route.post("/api/v1/walkthroughs/{walkthroughId}/publish", walkthroughController::publish, ADMIN, AUTHOR),
                Route.post("/api/v1/walkthroughs/{walkthroughId}/archive", walkthroughController::archive, ADMIN, AUTHOR),
                Route.get("/api/v1/overlay", overlay::get, ADMIN, AUTHOR, ANALYST),
                Route.get(OverlayScript.VERSIONED_PATH, overlay::versionedCore, ANYONE),
                Route.get(OverlayScript.VERSIONED_MORE_PATH, overlay::versionedMore, ANYONE),
                Route.get(OverlayScript.PATH, overlay::core, ANYONE),
                Route.get(OverlayScript.MORE_PATH, overlay::more, ANYONE),

                Route.get("/api/v1/exports/events", exportController::events, ADMIN, ANALYST),
                Route.get("/api/v1/exports/xapi", exportController::xapi, ADMIN, ANALYST),
                Route.get("/api/v1/exports/rollups", exportController::rollups, ADMIN, ANALYST),
                Route.get("/api/v1/anchor-health", anchorHealthController::list, ADMIN, AUTHOR, ANALYST),
                Route.get("/api/v1/tips/{tipId}/anchor-versions", anchorHealingController::versions, ADMIN, AUTHOR, ANALYST),

                Route.get("/api/v1/apps/{appId}/learning-budget", learningController::budget, ADMIN, AUTHOR, ANALYST),
                Route.put("/api/v1/apps/{appId}/learning-budget", learningController::setBudget, ADMIN),
                Route.get("/api/v1/apps/{appId}/learning-minutes", learningController::minutes, ADMIN, ANALYST),
                Route.get("/api/v1/apps/{appId}/mastery", learningController::appMastery, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/learners/export", learningController::exportLearner, ADMIN),
                Route.post("/api/v1/learners/erase", learningController::eraseLearner, ADMIN),


                Route.get("/api/v1/analytics/tips", analyticsController::tips, ADMIN, AUTHOR, ANALYST),
                Route.get("/api/v1/analytics/days", analyticsController::days, ADMIN, AUTHOR, ANALYST),
                Route.get("/api/v1/analytics/walkthroughs", analyticsController::walkthroughs, ADMIN, AUTHOR, ANALYST),
                Route.get("/api/v1/analytics/searches", analyticsController::searches, ADMIN, AUTHOR, ANALYST),
                Route.get("/api/v1/analytics/gaps", analyticsController::gaps, ADMIN, AUTHOR, ANALYST),
                Route.post("/api/v1/analytics/rebuild", analyticsController::rebuild, ADMIN),

                Route.get("/api/v1/apps/{appId}/webhooks", webhookController::list, ADMIN),
                Route.post("/api/v1/apps/{appId}/webhooks", webhookController::create, ADMIN),
                Route.delete("/api/v1/webhooks/{webhookId}", webhookController::delete, ADMIN));

        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // "/console" must redirect to "/console/" so the console's relative asset URLs resolve
            config.router.ignoreTrailingSlashes = false;
            config.jsonMapper(new JavalinJackson(json.mapper(), false));
            config.http.maxRequestSize = 1_000_000;
            // on stop, requests in flight get up to 10 s to finish (ShutdownTest)
            config.jetty.modifyServer(s -> s.setStopTimeout(10_000));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                // the overlay's bundles are answered by OverlayScript, with their cache headers
                files.skipFileFunction = req -> !settings.demo() && req.getRequestURI().startsWith("/demo")
                        || req.getRequestURI().equals(OverlayScript.PATH) || req.getRequestURI().equals(OverlayScript.MORE_PATH);
            });
            config.spaRoot.addFile("/console", "/public/console/index.html", Location.CLASSPATH);
            if (settings.demo()) {
                // the demo loads the overlay as the console's snippet does: from its versioned URL
                String demoPage = new String(resource("/public/demo/index.html"), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("src=\"" + OverlayScript.PATH + "\"", "src=\"" + overlay.path() + "\"");
                config.spaRoot.addHandler("/demo", ctx -> ctx.html(demoPage));
            }
            Errors.install(config, json);
            config.routes.before("/console*", Inflow::consoleHeaders);
            config.routes.before("/api/v1/*", Cors::authoring);
            config.routes.before("/api/v1/delivery", publicLimits::check);
            config.routes.before("/api/v1/events", publicLimits::check);
            config.routes.before("/api/v1/anchor-refreshes", publicLimits::check);
            config.routes.before("/api/v1/search", publicLimits::check);
            config.routes.before("/api/v1/checks/*", publicLimits::check);
            config.routes.before("/api/v1/reviews", publicLimits::check);
            config.routes.before("/api/v1/mastery", publicLimits::check);
            config.routes.before("/api/v1/walkthroughs/{walkthroughId}/progress", publicLimits::check);
            config.routes.beforeMatched(access::check);
            config.routes.options("/api/v1/*", Cors::preflight, ANYONE);
            config.routes.get("/", ctx -> ctx.redirect(settings.demo() ? "/demo/accounts" : "/console/"), ANYONE);
            config.routes.get("/console", ctx -> ctx.redirect("/console/"), ANYONE);
            for (Route route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), route.handler(), route.roles().toArray(Role[]::new));
            }
        });
    }

    /** Opens the database named by the settings and starts serving on the settings' port (0 = any free port). */
    public static Inflow start(Settings settings) {
        return create(settings).listen();
    }

    /** Opens (and migrates) the database and builds everything, without listening yet. */
    public static Inflow create(Settings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** As {@link #create(Settings)}, on a clock of the caller's (tests move time forward to see reviews fall due). */
    public static Inflow create(Settings settings, Clock clock) {
        return new Inflow(settings, Database.open(settings.databaseUrl()), clock);
    }

    /** Starts serving on the settings' port (0 = any free port). */
    public Inflow listen() {
        server.start(settings.port());
        digest.start();
        webhookDispatcher.start(WEBHOOK_PERIOD_MS);
        return this;
    }

    /** Creates the first admin when there is no account yet; answers the generated password, if one was made. */
    public Optional<String> ensureAdmin() {
        if (accounts.count() > 0) {
            return Optional.empty();
        }
        boolean given = settings.adminPassword() != null && !settings.adminPassword().isBlank();
        String password = given ? settings.adminPassword() : generatedPassword();
        accounts.create(settings.adminEmail(), "Admin", "admin", password);
        return given ? Optional.empty() : Optional.of(password);
    }

    /** Creates (or refreshes) the demo app and its published tips. */
    public void seedDemo() {
        new DemoSeed(apps, tips, walkthroughs, accounts, json.mapper()).seed(settings.adminEmail(), port());
    }

    public int port() {
        return server.port();
    }

    public List<Route> routes() {
        return routes;
    }

    public Database database() {
        return db;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Apps apps() {
        return apps;
    }

    public Tips tips() {
        return tips;
    }

    /** Folds stored events into rollups and memory; tools and tests that read those tables directly catch it up first. */
    public Digest digest() {
        return digest;
    }

    /** Stops taking requests, lets those in flight finish, then closes the database. */
    @Override
    public void close() {
        try {
            server.stop();
            webhookDispatcher.close();
            digest.close();
        } finally {
            rateLimits.close();
            apps.close();
            db.close();
        }
    }

    private static void consoleHeaders(io.javalin.http.Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static String generatedPassword() {
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Inflow.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
