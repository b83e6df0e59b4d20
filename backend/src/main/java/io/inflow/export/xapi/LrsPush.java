package io.inflow.export.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.inflow.events.Event;
import io.inflow.store.Database;
import io.inflow.store.Times;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Sends statements to a learning record store in batches, in the order events were received,
 * and stores a cursor after each batch the LRS acknowledged, so a failure neither skips nor
 * repeats a batch. Events younger than the settle time wait: a write committed a moment later
 * with an earlier receive time would otherwise fall behind the cursor.
 */
public final class LrsPush {
    /** Where statements go: the LRS endpoint (…/xapi/) and its Basic credentials. */
    public record Target(String endpoint, String user, String password) {
        String statementsUrl() {
            return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "statements";
        }
    }

    /** How a push went: statements delivered, events read, and the failure that stopped it (null when it reached the end). */
    public record Outcome(long statements, long events, String failure) {}

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Database db;
    private final Statements statements;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Clock clock;
    private final int batchSize;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration settle;

    public LrsPush(Database db, Statements statements, ObjectMapper mapper, HttpClient http, Clock clock,
                   int batchSize, int attempts, Duration firstBackoff, Duration settle) {
        this.db = db;
        this.statements = statements;
        this.mapper = mapper;
        this.http = http;
        this.clock = clock;
        this.batchSize = batchSize;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.settle = settle;
    }

    public Outcome push(Target target) {
        long sent = 0;
        long read = 0;
        while (true) {
            String[] cursor = cursor(target);
            String settled = Times.format(clock.instant().minus(settle));
            List<Event> page = db.read(h -> h.createQuery("SELECT " + Event.COLUMNS + """
                     FROM events
                    WHERE (received_at > :t OR (received_at = :t AND id > :id)) AND received_at < :settled
                    ORDER BY received_at, id LIMIT :limit""")
                    .bind("t", cursor[0]).bind("id", cursor[1]).bind("settled", settled).bind("limit", batchSize)
                    .map((rs, c) -> Event.read(rs))
                    .list());
            if (page.isEmpty()) {
                return new Outcome(sent, read, null);
            }
            ArrayNode batch = statements.all(page);
            if (!batch.isEmpty()) {
                String failure = deliver(target, batch);
                if (failure != null) {
                    return new Outcome(sent, read, failure);
                }
            }
            Event last = page.get(page.size() - 1);
            advance(target, last, batch.size());
            sent += batch.size();
            read += page.size();
        }
    }

    /** Posts one batch, retrying what may pass later; answers null on success, else why it failed. */
    private String deliver(Target target, ArrayNode batch) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(batch);
        } catch (IOException e) {
            return "cannot encode statements: " + e.getMessage();
        }
        String credentials = Base64.getEncoder().encodeToString((target.user() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.statementsUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String last = null;
        Duration wait = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration next = wait;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 204) {
                    return null;
                }
                last = "the LRS answered " + status;
                if (status != 408 && status != 429 && status < 500) {
                    return last + " (not retried): " + abbreviate(response.body());
                }
                next = response.headers().firstValue("Retry-After").map(LrsPush::seconds).orElse(wait);
            } catch (IOException e) {
                last = "the LRS cannot be reached: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            if (attempt < attempts) {
                sleep(next.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : next);
                wait = wait.multipliedBy(2);
            }
        }
        return last + " after " + attempts + " attempts";
    }

    private String[] cursor(Target target) {
        return db.read(h -> h.createQuery("SELECT received_at, event_id FROM export_cursors WHERE target = :target")
                .bind("target", key(target))
                .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)})
                .findOne().orElse(new String[] {"", ""}));
    }

    private void advance(Target target, Event last, int delivered) {
        db.write(h -> h.createUpdate("""
                INSERT INTO export_cursors (target, received_at, event_id, delivered, updated_at)
                VALUES (:target, :t, :id, :n, :now)
                ON CONFLICT (target) DO UPDATE SET received_at = excluded.received_at, event_id = excluded.event_id,
                  delivered = export_cursors.delivered + excluded.delivered, updated_at = excluded.updated_at""")
                .bind("target", key(target)).bind("t", last.receivedAt()).bind("id", last.id()).bind("n", delivered)
                .bind("now", Times.format(clock.instant())).execute());
    }

    /** One cursor per LRS endpoint and account. */
    private static String key(Target target) {
        return "xapi " + target.user() + " " + target.statementsUrl();
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
