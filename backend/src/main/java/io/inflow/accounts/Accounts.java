package io.inflow.accounts;

import io.inflow.crypto.Hashes;

import io.inflow.store.Database;
import io.inflow.store.Ids;
import io.inflow.store.Times;
import io.inflow.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts, sign-in sessions and personal access tokens. */
public final class Accounts {
    public static final List<String> ROLES = List.of("admin", "author", "analyst");
    static final Duration SESSION_IDLE = Duration.ofHours(12);
    static final Duration SESSION_MAX = Duration.ofDays(7);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    public record NewToken(String id, String name, String token) {}

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Passwords passwords = new Passwords();

    public Accounts(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public Account create(String email, String name, String role, String password) {
        String normalised = normaliseEmail(email);
        String hash = passwords.hash(password);
        String id = ids.next("acc");
        db.write(h -> {
            AccountRows rows = h.attach(AccountRows.class);
            if (rows.findByEmail(normalised).isPresent()) {
                throw Problem.conflict("an account with the email " + normalised + " exists already");
            }
            rows.insert(id, normalised, name, role, hash, now());
            return null;
        });
        return find(id).orElseThrow();
    }

    public Optional<Account> find(String id) {
        return db.read(h -> h.attach(AccountRows.class).find(id));
    }

    public List<Account> list() {
        return db.read(h -> h.attach(AccountRows.class).list());
    }

    public long count() {
        return db.read(h -> h.attach(AccountRows.class).count());
    }

    /** Checks the password; answers a new session token, or empty when email or password is wrong. */
    public Optional<String> signIn(String email, String password) {
        var credentials = db.read(h -> h.attach(AccountRows.class).credentials(normaliseEmail(email)));
        if (credentials.isEmpty()) {
            passwords.verifyNothing(password);
            return Optional.empty();
        }
        if (!passwords.verify(password, credentials.get().passwordHash())) {
            return Optional.empty();
        }
        String token = ids.secret(32);
        Instant now = clock.instant();
        db.write(h -> {
            h.attach(AccountRows.class).insertSession(Hashes.sha256(token), credentials.get().id(),
                    Times.format(now), Times.format(now.plus(SESSION_MAX)));
            return null;
        });
        return Optional.of(token);
    }

    /** The account a session token belongs to, while the session is neither idle too long nor too old. */
    public Optional<Account> bySession(String token) {
        String hash = Hashes.sha256(token);
        Instant now = clock.instant();
        var session = db.read(h -> h.attach(AccountRows.class).session(hash));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant lastSeen = Times.parse(session.get().lastSeenAt());
        if (now.isAfter(Times.parse(session.get().expiresAt())) || now.isAfter(lastSeen.plus(SESSION_IDLE))) {
            db.write(h -> {
                h.attach(AccountRows.class).deleteSession(hash);
                return null;
            });
            return Optional.empty();
        }
        if (now.isAfter(lastSeen.plus(TOUCH_EVERY))) {
            db.write(h -> {
                h.attach(AccountRows.class).touchSession(hash, Times.format(now));
                return null;
            });
        }
        return find(session.get().accountId());
    }

    public void signOut(String token) {
        db.write(h -> {
            h.attach(AccountRows.class).deleteSession(Hashes.sha256(token));
            return null;
        });
    }

    /** Ends every session of the account, on every device; answers how many there were. */
    public int signOutEverywhere(String accountId) {
        return db.write(h -> h.attach(AccountRows.class).deleteSessions(accountId));
    }

    public NewToken createToken(String accountId, String name) {
        String token = "inf_" + ids.secret(32);
        String id = ids.next("tok");
        db.write(h -> {
            h.attach(AccountRows.class).insertToken(id, accountId, name, Hashes.sha256(token), now());
            return null;
        });
        return new NewToken(id, name, token);
    }

    public Optional<Account> byToken(String token) {
        String hash = Hashes.sha256(token);
        var accountId = db.read(h -> h.attach(AccountRows.class).tokenAccount(hash));
        if (accountId.isEmpty()) {
            return Optional.empty();
        }
        return find(accountId.get());
    }

    public List<AccountRows.TokenRow> tokens(String accountId) {
        return db.read(h -> h.attach(AccountRows.class).tokens(accountId));
    }

    public boolean deleteToken(String accountId, String tokenId) {
        return db.write(h -> h.attach(AccountRows.class).deleteToken(tokenId, accountId)) > 0;
    }

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private String now() {
        return Times.format(clock.instant());
    }
}
