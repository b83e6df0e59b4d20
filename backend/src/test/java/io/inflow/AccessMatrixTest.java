package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import io.inflow.web.Role;
import io.inflow.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of the route table, called by anonymous and by each role: the roles declared
 * beside the route decide 401/403 or admission, and no call ends in a 5xx. Generated from
 * the route table, so a new route is covered the moment it exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private static final List<String> CALLERS = List.of("anonymous", "admin", "author", "analyst");
    Server server;

    @BeforeAll
    void start() {
        server = Server.start(Databases.sqlite(), true);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private final java.util.Map<String, Http> signedIn = new java.util.HashMap<>();

    /** One signed-in client per role (sign-in is slow on purpose), but a fresh one for calls that end sessions. */
    private Http caller(String who, Route route) {
        if (who.equals("anonymous")) {
            return server.http();
        }
        if (route.method().name().equals("DELETE") && route.path().startsWith("/api/v1/session")) {
            return server.signedIn(who);
        }
        return signedIn.computeIfAbsent(who, server::signedIn);
    }

    @TestFactory
    List<DynamicTest> everyRouteForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : server.inflow.routes()) {
            for (String who : CALLERS) {
                tests.add(DynamicTest.dynamicTest(route.method() + " " + route.path() + " as " + who, () -> check(route, who)));
            }
        }
        return tests;
    }

    private void check(Route route, String who) {
        String path = route.path().replaceAll("\\{[^}]+}", "unknown_id");
        Http.Response r = caller(who, route).send(route.method().name(), path, needsBody(route) ? "{}" : null);
        assertThat(r.status()).as("%s %s as %s: %s", route.method(), path, who, r.body()).isLessThan(500);
        Set<Role> roles = route.roles();
        if (roles.contains(Role.ANYONE)) {
            assertThat(r.status()).as("public route must not ask for sign-in: %s", r.body()).isNotIn(401);
        } else if (who.equals("anonymous")) {
            assertThat(r.status()).as(r.body()).isEqualTo(401);
        } else if (roles.contains(Role.SIGNED_IN) || roles.contains(Role.ofAccountRole(who))) {
            assertThat(r.status()).as("%s may call %s %s: %s", who, route.method(), path, r.body()).isNotIn(401, 403);
        } else {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
        }
    }

    private static boolean needsBody(Route route) {
        return List.of("POST", "PUT", "PATCH").contains(route.method().name());
    }
}
