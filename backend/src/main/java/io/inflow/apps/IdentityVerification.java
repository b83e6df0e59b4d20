package io.inflow.apps;

import io.inflow.crypto.Hashes;
import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.web.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Optional identity verification per app: the host app's server signs each learner id with
 * the app's identity secret (hex HMAC-SHA256 of the id), passes the signature to
 * Inflow.identify, and Inflow then refuses ids that are unsigned or wrongly signed, so
 * nobody can read or write another learner's progress by claiming their id.
 */
public final class IdentityVerification {
    /** An app's setting; the secret is for the host app's server, never for its pages. */
    public record Setting(boolean required, String secret) {}

    private record Cached(long contentVersion, Setting setting) {}

    private final Database db;
    private final Ids ids;
    /** Per app, the setting as read at a content version; a change bumps the version, so a stale one is never used. */
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public IdentityVerification(Database db, Ids ids) {
        this.db = db;
        this.ids = ids;
    }

    public Setting setting(String appId) {
        return db.read(h -> h.createQuery("SELECT required, secret FROM app_identity WHERE app_id = :app").bind("app", appId)
                .map((rs, c) -> new Setting(rs.getBoolean(1), rs.getString(2))).findOne())
                .orElse(new Setting(false, null));
    }

    /** Turns verification on or off; the secret is made on first use and kept. */
    public Setting configure(String appId, boolean required) {
        String fresh = ids.secret(32);
        db.write(h -> {
            h.createUpdate("""
                    INSERT INTO app_identity (app_id, required, secret) VALUES (:app, :required, :secret)
                    ON CONFLICT (app_id) DO UPDATE SET required = :required""")
                    .bind("app", appId).bind("required", required).bind("secret", fresh).execute();
            return Apps.bumpContentVersion(h, appId);
        });
        return setting(appId);
    }

    /** The app's setting as of the app's content version: read once per version, not once per request. */
    private Setting settingAt(App app) {
        Cached cached = cache.get(app.id());
        if (cached != null && cached.contentVersion() >= app.contentVersion()) {
            return cached.setting();
        }
        // read after the app, so it is at least as new as the app's version
        Setting read = setting(app.id());
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.merge(app.id(), new Cached(app.contentVersion(), read), (old, neu) -> old.contentVersion() > neu.contentVersion() ? old : neu);
        return read;
    }

    /** Refuses a learner id the app's verification does not accept; anonymous batches (no id) pass. */
    public void check(App app, String learnerId, String signature) {
        if (learnerId == null) {
            return;
        }
        Setting setting = settingAt(app);
        if (!setting.required()) {
            return;
        }
        if (signature == null || signature.isBlank()) {
            throw Problem.forbidden("this app verifies learner ids: pass the id's signature to Inflow.identify");
        }
        byte[] expected = Hashes.hmacSha256(setting.secret(), learnerId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw Problem.forbidden("the learner id's signature does not match");
        }
    }
}
