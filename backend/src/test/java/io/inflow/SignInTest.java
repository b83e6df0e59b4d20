package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.accounts.SignInThrottle;
import io.inflow.store.Database;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInTest {
    private static Http.Response signIn(Http http, String email, String password, String... headers) {
        return http.post("/api/v1/session", Map.of("email", email, "password", password), headers);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            server.inflow.accounts().create("ada@example.com", "Ada", "author", Server.ADMIN_PASSWORD);
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(server.http(), "ada@example.com", "wrong password " + i).status()).isEqualTo(401);
            }
            Http.Response locked = signIn(server.http(), "ADA@example.com", Server.ADMIN_PASSWORD);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(800L, 900L);
            assertThat(locked.json().get("detail").asText()).contains("try again in 15 minutes");
            // other accounts are not locked out by Ada's guesser
            assertThat(signIn(server.http(), Server.ADMIN_EMAIL, Server.ADMIN_PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void aLockEndsAfterItsTimeAndSuccessResetsTheCount(@org.junit.jupiter.api.io.TempDir Path dir) {
        Instant[] now = {Instant.parse("2026-11-23T10:00:00Z")};
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        try (Database db = Database.open(Databases.sqliteIn(dir))) {
            SignInThrottle throttle = new SignInThrottle(db, clock);
            for (int i = 0; i < 4; i++) {
                throttle.failed("ada@example.com", "10.0.0.1");
            }
            throttle.succeeded("ada@example.com");
            for (int i = 0; i < 4; i++) {
                throttle.failed("ada@example.com", "10.0.0.1");
            }
            assertThat(throttle.lockedFor("ada@example.com", "10.0.0.1")).isEmpty();
            throttle.failed("ada@example.com", "10.0.0.1");
            assertThat(throttle.lockedFor("ada@example.com", "10.0.0.9")).contains(Duration.ofMinutes(15));
            now[0] = now[0].plus(Duration.ofMinutes(16));
            assertThat(throttle.lockedFor("ada@example.com", "10.0.0.9")).isEmpty();
        }
    }

    @Test
    void forwardedForCountsOnlyBehindATrustedProxy() {
        Settings behindProxy = new Settings(0, Path.of("unused"), Databases.sqlite(), Server.ADMIN_EMAIL, Server.ADMIN_PASSWORD,
                false, Set.of("127.0.0.1"));
        try (Inflow inflow = Inflow.start(behindProxy)) {
            inflow.ensureAdmin();
            Http http = Http.to("http://127.0.0.1:" + inflow.port());
            // 20 failures over many accounts from one client address lock that address only
            for (int i = 0; i < 20; i++) {
                signIn(http, "nobody" + i + "@example.com", "guess", "X-Forwarded-For", "203.0.113.7");
            }
            assertThat(signIn(http, Server.ADMIN_EMAIL, Server.ADMIN_PASSWORD, "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(429);
            assertThat(signIn(http, Server.ADMIN_EMAIL, Server.ADMIN_PASSWORD, "X-Forwarded-For", "198.51.100.2").status()).isEqualTo(200);
        }
        try (Server direct = Server.start(Databases.sqlite(), false)) {
            // without a trusted proxy the header is ignored: a guesser cannot dodge the lock by inventing addresses
            for (int i = 0; i < 20; i++) {
                signIn(direct.http(), "nobody" + i + "@example.com", "guess", "X-Forwarded-For", "192.0.2." + i);
            }
            assertThat(signIn(direct.http(), Server.ADMIN_EMAIL, Server.ADMIN_PASSWORD, "X-Forwarded-For", "198.51.100.2").status()).isEqualTo(429);
        }
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheAccount() {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            Http laptop = server.admin();
            Http phone = server.admin();
            Http other = server.signedIn("author");
            assertThat(phone.delete("/api/v1/sessions").status()).isEqualTo(204);
            assertThat(laptop.get("/api/v1/session").status()).isEqualTo(401);
            assertThat(phone.get("/api/v1/session").status()).isEqualTo(401);
            assertThat(other.get("/api/v1/session").status()).isEqualTo(200);
        }
    }
}
