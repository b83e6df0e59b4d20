package io.inflow.export;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one request to a system that takes Inflow's data (an LRS, a webhook endpoint), retrying
 * what may pass later (no answer, 408, 429, 5xx) with a doubling wait or the Retry-After it asks
 * for (capped); anything else fails at once.
 */
public final class HttpDelivery {
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final int attempts;
    private final Duration firstBackoff;

    public HttpDelivery(HttpClient http, int attempts, Duration firstBackoff) {
        this.http = http;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    public void send(HttpRequest request) throws EventFeed.Failed {
        String last = null;
        Duration wait = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration next = wait;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                last = request.uri().getHost() + " answered " + status;
                if (status != 408 && status != 429 && status < 500) {
                    throw new EventFeed.Failed(last + " (not retried): " + abbreviate(response.body()));
                }
                next = response.headers().firstValue("Retry-After").map(HttpDelivery::seconds).orElse(wait);
            } catch (IOException e) {
                last = request.uri().getHost() + " cannot be reached: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventFeed.Failed("interrupted");
            }
            if (attempt < attempts) {
                sleep(next.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : next);
                wait = wait.multipliedBy(2);
            }
        }
        throw new EventFeed.Failed(last + " after " + attempts + " attempts");
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
