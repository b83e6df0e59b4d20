package io.inflow.accounts;

import io.inflow.store.Database;
import io.inflow.store.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slows password guessing: after too many failures within a window, an account or a client
 * address is locked for a while. The counts live in the database so every server sees them.
 */
public final class SignInThrottle {
    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);

    private final Database db;
    private final Clock clock;

    public SignInThrottle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** How long the caller must wait, if the account or the address is locked now. */
    public Optional<Duration> lockedFor(String email, String address) {
        Instant now = clock.instant();
        List<String> locks = db.read(h -> h.createQuery("SELECT locked_until FROM sign_in_failures WHERE subject IN (:a, :b) AND locked_until IS NOT NULL")
                .bind("a", accountKey(email)).bind("b", addressKey(address)).mapTo(String.class).list());
        return locks.stream().map(Times::parse).filter(until -> until.isAfter(now))
                .max(Instant::compareTo).map(until -> Duration.between(now, until));
    }

    public void failed(String email, String address) {
        db.write(h -> {
            count(h, accountKey(email), MAX_FAILURES_PER_ACCOUNT);
            count(h, addressKey(address), MAX_FAILURES_PER_ADDRESS);
            return null;
        });
    }

    /** A success clears the account's count (not the address's: one good password must not unlock a guesser). */
    public void succeeded(String email) {
        db.write(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE subject = :s").bind("s", accountKey(email)).execute());
    }

    private void count(org.jdbi.v3.core.Handle h, String subject, int max) {
        Instant now = clock.instant();
        var row = h.createQuery("SELECT failures, first_at FROM sign_in_failures WHERE subject = :s").bind("s", subject)
                .map((rs, c) -> new Object[] {rs.getInt(1), Times.parse(rs.getString(2))}).findOne();
        int failures = 1;
        Instant first = now;
        if (row.isPresent() && ((Instant) row.get()[1]).plus(WINDOW).isAfter(now)) {
            failures = (int) row.get()[0] + 1;
            first = (Instant) row.get()[1];
        }
        String lockedUntil = failures >= max ? Times.format(now.plus(LOCK)) : null;
        h.createUpdate("""
                INSERT INTO sign_in_failures (subject, failures, first_at, locked_until) VALUES (:s, :f, :first, :locked)
                ON CONFLICT (subject) DO UPDATE SET failures = :f, first_at = :first, locked_until = :locked""")
                .bind("s", subject).bind("f", failures).bind("first", Times.format(first)).bind("locked", lockedUntil).execute();
    }

    private static String accountKey(String email) {
        return "account:" + Accounts.normaliseEmail(email);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
