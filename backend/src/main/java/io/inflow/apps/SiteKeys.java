package io.inflow.apps;

import io.inflow.store.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Apps by site key for the overlay's public endpoints, without a database read per request.
 * Every change to an app or its tips bumps the app's content version in the database
 * ({@link Apps#bumpContentVersion}); this server reads all content versions a few times a
 * second and serves a cached app only while it is at least as new as the last read, and only
 * while that read is recent. So a change made through any server reaches every server within
 * a second, and a change made through this one is seen at once (it forgets the app on commit).
 */
public final class SiteKeys implements AutoCloseable {
    private static final long POLL_MILLIS = 200;
    /** A read of the versions older than this is not trusted: requests go to the database until the next one. */
    private static final long TRUSTED_NANOS = 700_000_000L;
    /** A rotated-out key is checked again this often, so it stops working when its grace period ends. */
    private static final long RETIRED_RECHECK_NANOS = 1_000_000_000L;
    private static final int MAX_KEYS = 100_000;

    private record Versions(long readAtNanos, Map<String, Long> byApp) {}

    private record Entry(App app, boolean retired, long readAtNanos) {}

    private final Database db;
    private final Function<String, Optional<App>> lookup;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private volatile Versions versions = new Versions(Long.MIN_VALUE, Map.of());
    private final Thread poller;
    private volatile boolean running = true;

    /** lookup: the app of a site key as the database has it now (current or rotated-out key). */
    SiteKeys(Database db, Function<String, Optional<App>> lookup) {
        this.db = db;
        this.lookup = lookup;
        this.poller = new Thread(this::pollLoop, "inflow-site-keys");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    Optional<App> find(String key) {
        long now = System.nanoTime();
        Entry entry = byKey.get(key);
        if (entry != null && (!entry.retired() || now - entry.readAtNanos() < RETIRED_RECHECK_NANOS) && fresh(entry.app(), now)) {
            return Optional.of(entry.app());
        }
        Optional<App> found = lookup.apply(key);
        if (found.isPresent()) {
            if (byKey.size() >= MAX_KEYS) {
                byKey.clear();
            }
            byKey.put(key, new Entry(found.get(), !found.get().siteKey().equals(key), now));
        } else {
            byKey.remove(key);
        }
        return found;
    }

    private boolean fresh(App app, long now) {
        Versions read = versions;
        if (now - read.readAtNanos() > TRUSTED_NANOS) {
            return false;
        }
        Long polled = read.byApp().get(app.id());
        return polled != null && app.contentVersion() >= polled;
    }

    /** Called once a change to the app has committed on this server. */
    void forget(String appId) {
        byKey.values().removeIf(e -> e.app().id().equals(appId));
    }

    /** Reads every app's content version; the time taken is the start of the read, so nothing newer is trusted as read. */
    void poll() {
        long startedAt = System.nanoTime();
        Map<String, Long> read = db.read(h -> {
            Map<String, Long> result = new HashMap<>();
            h.createQuery("SELECT id, content_version FROM apps").map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> result.put(e.getKey(), e.getValue()));
            return result;
        });
        versions = new Versions(startedAt, read);
    }

    private void pollLoop() {
        while (running) {
            try {
                poll();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the database closed under a last read
                }
                // until a read succeeds again, cached apps are not trusted and requests read the database
                org.slf4j.LoggerFactory.getLogger(SiteKeys.class).warn("reading app versions failed: {}", e.getMessage());
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
