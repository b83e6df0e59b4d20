package io.inflow.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Password hashing with bcrypt (a vetted library, cost 11: about 0.1 s a check on a small server). */
public final class Passwords {
    private static final int COST = 11;
    // bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut.
    public static final int MAX_BYTES = 72;
    private static final String DUMMY = new String(BCrypt.withDefaults().hash(COST, "not-a-password".toCharArray()), StandardCharsets.UTF_8);

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Spends the time of a real check, so unknown accounts cannot be told apart by timing. */
    public void verifyNothing(String password) {
        BCrypt.verifyer().verify(password.toCharArray(), DUMMY);
    }
}
