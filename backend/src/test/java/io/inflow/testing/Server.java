package io.inflow.testing;

import io.inflow.Inflow;
import io.inflow.Settings;
import java.nio.file.Path;

/** A real Inflow server on a free port with a known admin, for tests. */
public final class Server implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "correct horse battery";

    public final Inflow inflow;
    public final String base;

    private Server(Inflow inflow) {
        this.inflow = inflow;
        this.base = "http://127.0.0.1:" + inflow.port();
    }

    public static Server start(String databaseUrl, boolean demo) {
        return start(databaseUrl, demo, java.time.Clock.systemUTC());
    }

    /** A server whose time is the given clock (a {@link TestClock} lets the test move it). */
    public static Server start(String databaseUrl, boolean demo, java.time.Clock clock) {
        return start(new Settings(0, Path.of("unused"), databaseUrl, ADMIN_EMAIL, ADMIN_PASSWORD, demo), clock);
    }

    /** A server with these settings (their port, data directory and admin are replaced by the test's). */
    public static Server start(Settings given, java.time.Clock clock) {
        Settings settings = new Settings(0, Path.of("unused"), given.databaseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD, given.demo(),
                given.trustedProxies(), given.limits());
        boolean demo = settings.demo();
        Inflow inflow = Inflow.create(settings, clock).listen();
        inflow.ensureAdmin();
        if (demo) {
            inflow.seedDemo();
        }
        return new Server(inflow);
    }

    public Http http() {
        return new Http(base);
    }

    /** An HTTP client signed in as a new account of the given role. */
    public Http signedIn(String role) {
        String email = role + "-" + System.nanoTime() + "@example.com";
        inflow.accounts().create(email, role, role, ADMIN_PASSWORD);
        Http http = http();
        http.signIn(email, ADMIN_PASSWORD);
        return http;
    }

    public Http admin() {
        Http http = http();
        http.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        return http;
    }

    @Override
    public void close() {
        inflow.close();
    }
}
