package io.inflow.delivery;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker overlay as this server serves it, with its Subresource Integrity hash, so the
 * console can hand admins a snippet that browsers refuse to run if the file was altered.
 */
public final class OverlayScript {
    public static final String PATH = "/inflow.js";
    /** The overlay's extra bundle (recorder, checks, launcher panel, …), loaded by inflow.js on first use. */
    public static final String MORE_PATH = "/inflow-more.js";
    private final String integrity;

    private OverlayScript(String integrity) {
        this.integrity = integrity;
    }

    /** Hashes the served file once; a server built without the overlay answers null for the hash. */
    public static OverlayScript load() {
        try (InputStream in = OverlayScript.class.getResourceAsStream("/public" + PATH)) {
            return new OverlayScript(in == null ? null : sri(in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the overlay script", e);
        }
    }

    static String sri(byte[] script) {
        try {
            return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(script));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET /api/v1/overlay: {path, integrity}. */
    public void get(Context ctx) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", PATH);
        answer.put("integrity", integrity);
        ctx.json(answer);
    }
}
