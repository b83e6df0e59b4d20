package io.inflow.store;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes identifiers: a type prefix, then the time and randomness in Crockford base32,
 * so ids sort by creation and serve as pagination cursors.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        StringBuilder out = new StringBuilder(prefix).append('_');
        long millis = clock.millis();
        for (int shift = 45; shift >= 0; shift -= 5) {
            out.append(ALPHABET[(int) ((millis >>> shift) & 31)]);
        }
        for (int i = 0; i < 14; i++) {
            out.append(ALPHABET[random.nextInt(32)]);
        }
        return out.toString();
    }

    /** A random secret of the given number of bytes, base64url without padding. */
    public String secret(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
