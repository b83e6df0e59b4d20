package io.inflow.accounts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Accounts, sessions and personal access tokens as rows. */
@RegisterConstructorMapper(Account.class)
public interface AccountRows {
    record Credentials(String id, String passwordHash) {}

    record SessionRow(String accountId, String lastSeenAt, String expiresAt) {}

    record TokenRow(String id, String name, String createdAt, String lastUsedAt) {}

    @SqlUpdate("INSERT INTO accounts (id, email, name, role, password_hash, created_at) VALUES (:id, :email, :name, :role, :hash, :now)")
    void insert(@Bind("id") String id, @Bind("email") String email, @Bind("name") String name,
                @Bind("role") String role, @Bind("hash") String hash, @Bind("now") String now);

    @SqlQuery("SELECT id, email, name, role, created_at FROM accounts WHERE id = :id")
    Optional<Account> find(@Bind("id") String id);

    @SqlQuery("SELECT id, email, name, role, created_at FROM accounts WHERE email = :email")
    Optional<Account> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT id, password_hash FROM accounts WHERE email = :email")
    @RegisterConstructorMapper(Credentials.class)
    Optional<Credentials> credentials(@Bind("email") String email);

    @SqlQuery("SELECT id, email, name, role, created_at FROM accounts ORDER BY email")
    List<Account> list();

    @SqlQuery("SELECT COUNT(*) FROM accounts")
    long count();

    @SqlUpdate("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) VALUES (:hash, :account, :now, :now, :expires)")
    void insertSession(@Bind("hash") String hash, @Bind("account") String accountId, @Bind("now") String now, @Bind("expires") String expires);

    @SqlQuery("SELECT account_id, last_seen_at, expires_at FROM sessions WHERE token_hash = :hash")
    @RegisterConstructorMapper(SessionRow.class)
    Optional<SessionRow> session(@Bind("hash") String hash);

    @SqlUpdate("UPDATE sessions SET last_seen_at = :now WHERE token_hash = :hash")
    void touchSession(@Bind("hash") String hash, @Bind("now") String now);

    @SqlUpdate("DELETE FROM sessions WHERE token_hash = :hash")
    void deleteSession(@Bind("hash") String hash);

    @SqlUpdate("DELETE FROM sessions WHERE account_id = :account")
    int deleteSessions(@Bind("account") String accountId);

    @SqlUpdate("INSERT INTO access_tokens (id, account_id, name, token_hash, created_at) VALUES (:id, :account, :name, :hash, :now)")
    void insertToken(@Bind("id") String id, @Bind("account") String accountId, @Bind("name") String name, @Bind("hash") String hash, @Bind("now") String now);

    @SqlQuery("SELECT account_id FROM access_tokens WHERE token_hash = :hash")
    Optional<String> tokenAccount(@Bind("hash") String hash);

    @SqlUpdate("UPDATE access_tokens SET last_used_at = :now WHERE token_hash = :hash")
    void touchToken(@Bind("hash") String hash, @Bind("now") String now);

    @SqlQuery("SELECT id, name, created_at, last_used_at FROM access_tokens WHERE account_id = :account ORDER BY id")
    @RegisterConstructorMapper(TokenRow.class)
    List<TokenRow> tokens(@Bind("account") String accountId);

    @SqlUpdate("DELETE FROM access_tokens WHERE id = :id AND account_id = :account")
    int deleteToken(@Bind("id") String id, @Bind("account") String accountId);
}
