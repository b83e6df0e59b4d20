package io.inflow.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.crypto.Hashes;
import io.inflow.events.Event;
import io.inflow.export.EventExport;
import io.inflow.export.EventFeed;
import io.inflow.export.HttpDelivery;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Posts a webhook's events (its app, its chosen types) in batches, following the event stream with
 * a stored cursor. Each body is signed: {@code Inflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body" with the webhook's secret>}; a receiver recomputes it and may refuse old timestamps.
 * Event ids let a receiver drop an event it already has (a delivery whose answer was lost is sent again).
 */
public final class WebhookPush {
    public static final String SIGNATURE = "Inflow-Signature";
    private static final int PAGE = 500;

    private final EventFeed feed;
    private final HttpDelivery delivery;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookPush(EventFeed feed, HttpDelivery delivery, ObjectMapper mapper, Clock clock) {
        this.feed = feed;
        this.delivery = delivery;
        this.mapper = mapper;
        this.clock = clock;
    }

    public EventFeed.Outcome push(Webhook webhook) {
        return feed.follow(target(webhook.id()), PAGE, page -> {
            List<Event> chosen = page.stream()
                    .filter(e -> e.appId().equals(webhook.appId()) && webhook.eventTypes().contains(e.type())).toList();
            if (chosen.isEmpty()) {
                return 0;
            }
            String body = body(webhook, chosen);
            long t = clock.instant().getEpochSecond();
            delivery.send(HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Inflow-Webhook", webhook.id())
                    .header(SIGNATURE, "t=" + t + ",v1=" + Hashes.hmacSha256(webhook.secret(), t + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            return chosen.size();
        });
    }

    /** The name of a webhook's cursor. */
    static String target(String webhookId) {
        return "webhook " + webhookId;
    }

    private String body(Webhook webhook, List<Event> events) throws EventFeed.Failed {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("webhookId", webhook.id());
            g.writeStringField("appId", webhook.appId());
            g.writeArrayFieldStart("events");
            for (Event e : events) {
                EventExport.writeEvent(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new EventFeed.Failed("cannot encode events: " + e.getMessage());
        }
        return out.toString();
    }
}
