package io.inflow.limits;

import io.inflow.Settings;
import io.inflow.web.ClientAddress;
import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The limits of the overlay's public endpoints: per client address and per site key. */
public final class PublicLimits {
    private final RateLimits limits;
    private final Settings.Limits rules;
    private final ClientAddress clientAddress;

    public PublicLimits(RateLimits limits, Settings.Limits rules, ClientAddress clientAddress) {
        this.limits = limits;
        this.rules = rules;
        this.clientAddress = clientAddress;
    }

    public void check(Context ctx) {
        if ("OPTIONS".equals(ctx.method().name())) {
            return;
        }
        Optional<Duration> wait = limits.take(rules.perAddress(), clientAddress.of(ctx));
        String key = ctx.queryParam("key");
        if (wait.isEmpty() && key != null && !key.isBlank() && key.length() <= 100) {
            wait = limits.take(rules.perSiteKey(), key);
        }
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new Problem(429, "too-many-requests", "Too many requests",
                    "too many requests from this address or for this site key; retry after " + seconds + " s", List.of());
        }
    }
}
