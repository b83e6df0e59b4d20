package io.inflow.delivery;

import io.inflow.web.Problem;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker overlay as this server serves it. Each bundle has a versioned URL,
 * {@code /overlay/<content hash>/inflow.js}, whose bytes never change (browsers and proxies keep
 * it for a year; a new build has a new URL), and the old unversioned URL, kept for snippets
 * already pasted into host apps, which browsers revalidate every few minutes. The console's
 * snippet carries the versioned URL and the Subresource Integrity hash, so browsers refuse the
 * script if the file was altered.
 */
public final class OverlayScript {
    public static final String PATH = "/inflow.js";
    /** The overlay's extra bundle (recorder, checks, launcher panel, …), loaded by inflow.js on first use. */
    public static final String MORE_PATH = "/inflow-more.js";
    public static final String VERSIONED_PATH = "/overlay/{hash}/inflow.js";
    /** The path inflow.js loads its extra bundle from: overlay-js/build.mjs writes the same content hash into it. */
    public static final String VERSIONED_MORE_PATH = "/overlay/{hash}/inflow-more.js";
    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "public, max-age=300";

    /** A bundle's bytes and its content hash: the first 12 hex digits of their SHA-256. */
    private record Bundle(byte[] bytes, String hash) {
        String etag() {
            return "\"" + hash + "\"";
        }
    }

    private final Bundle core;  // null: a server built without the overlay
    private final Bundle more;
    private final String integrity;

    private OverlayScript(Bundle core, Bundle more) {
        this.core = core;
        this.more = more;
        this.integrity = core == null ? null : sri(core.bytes());
    }

    /** Reads and hashes the served files once. */
    public static OverlayScript load() {
        return new OverlayScript(bundle(PATH), bundle(MORE_PATH));
    }

    private static Bundle bundle(String path) {
        try (InputStream in = OverlayScript.class.getResourceAsStream("/public" + path)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            return new Bundle(bytes, HexFormat.of().formatHex(digest("SHA-256", bytes)).substring(0, 12));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the overlay script " + path, e);
        }
    }

    static String sri(byte[] script) {
        return "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", script));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The versioned path of inflow.js (the unversioned one when the server was built without the overlay). */
    public String path() {
        return core == null ? PATH : VERSIONED_PATH.replace("{hash}", core.hash());
    }

    /** GET /api/v1/overlay: {path, integrity}. */
    public void get(Context ctx) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path());
        answer.put("integrity", integrity);
        ctx.json(answer);
    }

    /** GET /overlay/{hash}/inflow.js: this build's bytes for good; another hash is not here (404). */
    public void versionedCore(Context ctx) {
        versioned(ctx, core);
    }

    public void versionedMore(Context ctx) {
        versioned(ctx, more);
    }

    /** GET /inflow.js, for snippets made before URLs were versioned: short-lived, revalidated by ETag. */
    public void core(Context ctx) {
        send(ctx, found(core, "this server has no overlay"), REVALIDATE);
    }

    public void more(Context ctx) {
        send(ctx, found(more, "this server has no overlay"), REVALIDATE);
    }

    private static void versioned(Context ctx, Bundle bundle) {
        String hash = ctx.pathParam("hash");
        if (bundle == null || !bundle.hash().equals(hash)) {
            throw Problem.notFound("this server has no overlay build " + hash + "; the current one is at GET /api/v1/overlay");
        }
        send(ctx, bundle, FOREVER);
    }

    private static Bundle found(Bundle bundle, String missing) {
        if (bundle == null) {
            throw Problem.notFound(missing);
        }
        return bundle;
    }

    private static void send(Context ctx, Bundle bundle, String cacheControl) {
        // an integrity-checked script is fetched with CORS, from any host app's origin
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", bundle.etag());
        if (bundle.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/javascript; charset=utf-8").result(bundle.bytes());
    }
}
