package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.limits.RateLimits;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static Inflow start(String db, Settings.Limits limits) {
        Inflow inflow = Inflow.start(new Settings(0, Path.of("unused"), db, "admin@example.com", "correct horse battery", false, Set.of(), limits));
        inflow.ensureAdmin();
        return inflow;
    }

    private static String base(Inflow inflow) {
        return "http://127.0.0.1:" + inflow.port();
    }

    private static String siteKey(Inflow inflow) {
        Http admin = Http.to(base(inflow));
        admin.signIn("admin@example.com", "correct horse battery");
        return admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
    }

    @Test
    void aClientOverItsBurstGetsTooManyRequestsWithRetryAfter() {
        Settings.Limits tight = new Settings.Limits(new RateLimits.Rule("address", 5, 0.2), new RateLimits.Rule("site-key", 1000, 100));
        try (Inflow inflow = start(Databases.sqlite(), tight)) {
            String key = siteKey(inflow);
            Http worker = Http.to(base(inflow));
            String delivery = "/api/v1/delivery?key=" + key + "&url=https%3A%2F%2Fcrm.example.com%2F";
            for (int i = 0; i < 5; i++) {
                assertThat(worker.get(delivery).status()).isEqualTo(200);
            }
            Http.Response refused = worker.post("/api/v1/events?key=" + key, Map.of("events", List.of()));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            // sign-in and the console are not behind the public limit
            assertThat(worker.post("/api/v1/session", Map.of("email", "admin@example.com", "password", "correct horse battery")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void twoServersShareOneBucketPerSiteKey() throws Exception {
        String db = Databases.postgresql();
        Settings.Limits perKey = new Settings.Limits(new RateLimits.Rule("address", 10_000, 1000), new RateLimits.Rule("site-key", 20, 0.5));
        try (Inflow a = start(db, perKey); Inflow b = start(db, perKey)) {
            String key = siteKey(a);
            String delivery = "/api/v1/delivery?key=" + key + "&url=https%3A%2F%2Fcrm.example.com%2F";
            int accepted = 0;
            for (int i = 0; i < 15; i++) {
                accepted += Http.to(base(a)).get(delivery).status() == 200 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(15);
            Thread.sleep(2_500); // a has added its 15 into the shared bucket
            int acceptedByB = 0;
            for (int i = 0; i < 15; i++) {
                acceptedByB += Http.to(base(b)).get(delivery).status() == 200 ? 1 : 0;
            }
            // 20 at once plus 0.5 a second: b may serve what is left, not a burst of its own
            assertThat(acceptedByB).isBetween(3, 9);
        }
    }
}
