package io.inflow.export.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.inflow.export.EventFeed;
import io.inflow.export.HttpDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Sends statements to a learning record store in batches, following the event stream with a
 * stored cursor (so a failure neither skips nor repeats a batch) and retrying what may pass later.
 */
public final class LrsPush {
    /** Where statements go: the LRS endpoint (…/xapi/) and its Basic credentials. */
    public record Target(String endpoint, String user, String password) {
        String statementsUrl() {
            return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "statements";
        }
    }

    private final EventFeed feed;
    private final Statements statements;
    private final ObjectMapper mapper;
    private final HttpDelivery delivery;
    private final int batchSize;

    public LrsPush(EventFeed feed, Statements statements, ObjectMapper mapper, HttpDelivery delivery, int batchSize) {
        this.feed = feed;
        this.statements = statements;
        this.mapper = mapper;
        this.delivery = delivery;
        this.batchSize = batchSize;
    }

    public EventFeed.Outcome push(Target target) {
        String credentials = Base64.getEncoder().encodeToString((target.user() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
        // one cursor per LRS endpoint and account
        return feed.follow("xapi " + target.user() + " " + target.statementsUrl(), batchSize, page -> {
            ArrayNode batch = statements.all(page);
            if (batch.isEmpty()) {
                return 0;
            }
            byte[] body;
            try {
                body = mapper.writeValueAsBytes(batch);
            } catch (java.io.IOException e) {
                throw new EventFeed.Failed("cannot encode statements: " + e.getMessage());
            }
            delivery.send(HttpRequest.newBuilder(URI.create(target.statementsUrl()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Experience-API-Version", "1.0.3")
                    .header("Authorization", "Basic " + credentials)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
            return batch.size();
        });
    }
}
