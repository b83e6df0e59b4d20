package io.inflow.limits;

import io.inflow.store.Database;
import io.inflow.store.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets for the public endpoints, shared by several servers. Each server decides
 * from its own copy of a bucket (no database round trip per request) and, about once a
 * second, adds what it consumed into the bucket kept in the database and takes the result
 * back, so a client spreading its requests over servers meets one limit.
 */
public final class RateLimits implements AutoCloseable {
    /** A bucket's shape: how many requests at once, and how many more per second. */
    public record Rule(String name, double burst, double perSecond) {
        public Rule {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("a rate rule needs burst >= 1 and perSecond > 0");
            }
        }
    }

    private static final int MAX_BUCKETS = 20_000;
    private static final Duration SYNC_EVERY = Duration.ofSeconds(1);

    private static final class Bucket {
        final Rule rule;
        double tokens;
        Instant refilledAt;
        int consumedSinceSync;

        Bucket(Rule rule, Instant now) {
            this.rule = rule;
            this.tokens = rule.burst();
            this.refilledAt = now;
        }

        void refill(Instant now) {
            double seconds = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
            tokens = Math.min(rule.burst(), tokens + seconds * rule.perSecond());
            refilledAt = now;
        }
    }

    private final Database db;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final Thread syncer;
    private volatile boolean running = true;

    public RateLimits(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.syncer = new Thread(this::syncLoop, "inflow-rate-limits");
        this.syncer.setDaemon(true);
        this.syncer.start();
    }

    /** Takes one token; answers how long to wait when the bucket is empty. */
    public Optional<Duration> take(Rule rule, String subject) {
        Instant now = clock.instant();
        String key = rule.name() + ":" + subject;
        synchronized (buckets) {
            Bucket bucket = buckets.get(key);
            if (bucket != null) {
                return take(bucket, now);
            }
        }
        // a bucket new to this server starts from the shared one, not full: otherwise each
        // server would hand out a whole burst of its own
        Bucket fresh = shared(rule, key, now);
        synchronized (buckets) {
            return take(buckets.computeIfAbsent(key, k -> fresh), now);
        }
    }

    /** Called holding the buckets' lock. */
    private static Optional<Duration> take(Bucket bucket, Instant now) {
        bucket.refill(now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            bucket.consumedSinceSync++;
            return Optional.empty();
        }
        double seconds = (1 - bucket.tokens) / bucket.rule.perSecond();
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }

    private Bucket shared(Rule rule, String key, Instant now) {
        Bucket bucket = new Bucket(rule, now);
        db.read(h -> h.createQuery("SELECT tokens, updated_at FROM rate_buckets WHERE subject = :s").bind("s", key)
                .map((rs, c) -> Map.entry(rs.getDouble(1), Times.parse(rs.getString(2)))).findOne())
                .ifPresent(row -> {
                    bucket.tokens = row.getKey();
                    bucket.refilledAt = row.getValue();
                    bucket.refill(now);
                });
        return bucket;
    }

    /** Reconciles every bucket this server used since the last sync with the shared one. */
    public void sync() {
        List<Map.Entry<String, Bucket>> used = new ArrayList<>();
        synchronized (buckets) {
            for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
                if (e.getValue().consumedSinceSync > 0) {
                    used.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
        }
        if (used.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Double> shared = db.write(h -> {
            Map<String, Double> result = new LinkedHashMap<>();
            for (Map.Entry<String, Bucket> e : used) {
                Rule rule = e.getValue().rule;
                int consumed;
                synchronized (buckets) {
                    consumed = e.getValue().consumedSinceSync;
                    e.getValue().consumedSinceSync = 0;
                }
                var row = h.createQuery("SELECT tokens, updated_at FROM rate_buckets WHERE subject = :s").bind("s", e.getKey())
                        .map((rs, c) -> Map.entry(rs.getDouble(1), Times.parse(rs.getString(2)))).findOne();
                double tokens = rule.burst();
                if (row.isPresent()) {
                    double seconds = Math.max(0, Duration.between(row.get().getValue(), now).toNanos() / 1e9);
                    tokens = Math.min(rule.burst(), row.get().getKey() + seconds * rule.perSecond());
                }
                // a debt larger than one burst would lock a client out for too long after a spike
                tokens = Math.max(-rule.burst(), tokens - consumed);
                h.createUpdate("""
                        INSERT INTO rate_buckets (subject, tokens, updated_at) VALUES (:s, :t, :now)
                        ON CONFLICT (subject) DO UPDATE SET tokens = :t, updated_at = :now""")
                        .bind("s", e.getKey()).bind("t", tokens).bind("now", Times.format(now)).execute();
                result.put(e.getKey(), tokens);
            }
            return result;
        });
        synchronized (buckets) {
            shared.forEach((key, tokens) -> {
                Bucket bucket = buckets.get(key);
                if (bucket != null) {
                    // what this server took since the write above still counts against it
                    bucket.tokens = tokens - bucket.consumedSinceSync;
                    bucket.refilledAt = now;
                }
            });
        }
    }

    private void syncLoop() {
        while (running) {
            try {
                Thread.sleep(SYNC_EVERY.toMillis());
                sync();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failed sync leaves the local buckets deciding alone until the next one
                org.slf4j.LoggerFactory.getLogger(RateLimits.class).warn("rate limit sync failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        syncer.interrupt();
    }
}
