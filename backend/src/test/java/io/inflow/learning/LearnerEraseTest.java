package io.inflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.testing.Databases;
import io.inflow.testing.Server;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LearnerEraseTest {
    @Test
    void erasingALearnerAlsoTakesThemOutOfTheRollups() {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            var admin = server.admin();
            String key = admin.post("/api/v1/apps", Map.of("name", "CRM", "allowedOrigins", List.of())).json().get("siteKey").asText();
            for (String learner : List.of("ada", "grace")) {
                server.http().post("/api/v1/events", Map.of("key", key, "learnerId", learner, "events", List.of(
                        Map.of("id", UUID.randomUUID().toString(), "type", "tip_shown", "tipId", "tip_x", "at", Instant.now().toString()))));
            }
            assertThat(learners(server)).isEqualTo(2);
            assertThat(shown(server)).isEqualTo(2);

            assertThat(admin.post("/api/v1/learners/erase", Map.of("learnerId", "ada")).status()).isEqualTo(200);
            assertThat(learners(server)).isEqualTo(1);
            assertThat(shown(server)).isEqualTo(1);
            assertThat(admin.post("/api/v1/learners/export", Map.of("learnerId", "ada")).body()).doesNotContain("tip_x");
        }
    }

    private static long learners(Server server) {
        server.inflow.digest().catchUp();
        long n = server.inflow.database().read(h -> h.createQuery("SELECT COALESCE(SUM(learners), 0) FROM rollup_tip_days").mapTo(Long.class).one());
        return n;
    }

    private static long shown(Server server) {
        server.inflow.digest().catchUp();
        long n = server.inflow.database().read(h -> h.createQuery("SELECT COALESCE(SUM(shown), 0) FROM rollup_tip_days").mapTo(Long.class).one());
        return n;
    }
}
