package io.inflow.webhooks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers every webhook's new events every few seconds, on one background thread, until closed. */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Webhooks webhooks;
    private final WebhookPush push;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inflow-webhooks");
        t.setDaemon(true);
        return t;
    });

    public WebhookDispatcher(Webhooks webhooks, WebhookPush push) {
        this.webhooks = webhooks;
        this.push = push;
    }

    public void start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::runOnce, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One round over every webhook; a failing one waits for the next round (its cursor stays). */
    public void runOnce() {
        try {
            for (Webhook webhook : webhooks.all()) {
                var outcome = push.push(webhook);
                if (outcome.failure() != null) {
                    LOG.warn("webhook {} of app {}: {}; trying again next round", webhook.id(), webhook.appId(), outcome.failure());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook round failed; trying again next round", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
