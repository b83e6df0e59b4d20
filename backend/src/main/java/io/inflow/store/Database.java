package io.inflow.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one store of Inflow: an embedded SQLite file or a shared PostgreSQL database.
 * SQLite allows one writer at a time, so writes queue on a lock here instead of
 * failing with SQLITE_BUSY; PostgreSQL writes run concurrently.
 */
public final class Database implements AutoCloseable {
    public enum Dialect { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);
    private final Checkpoints checkpoints;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.checkpoints = dialect == Dialect.SQLITE ? new Checkpoints(dataSource, sqliteWriter) : null;
    }

    /** Opens (and migrates) the database named by a JDBC URL. */
    public static Database open(String jdbcUrl) {
        Database db;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            db = new Database(sqlitePool(jdbcUrl), Dialect.SQLITE);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            db = new Database(postgresPool(jdbcUrl), Dialect.POSTGRESQL);
        } else {
            throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB): " + jdbcUrl);
        }
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The JDBC URL of the SQLite file inside a data directory, creating the directory. */
    public static String sqliteUrl(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return "jdbc:sqlite:" + dataDir.resolve("inflow.db").toAbsolutePath();
    }

    private static HikariDataSource sqlitePool(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: an acknowledged event must survive a power cut, not only a crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // the WAL is copied into the database file by Checkpoints in the background, not by whichever
        // write happens to cross the threshold while every other write waits for it
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
        // a log started over keeps its file (overwriting is cheaper than appending); beyond this it is cut back
        config.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, Long.toString(128L << 20));
        // 64 MB of page cache per connection instead of 2 MB: the indexes that events, memories and
        // rollups update stay in memory instead of being read back from the file at every commit
        config.setCacheSize(-64_000);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("inflow-sqlite");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    private static HikariDataSource postgresPool(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setPoolName("inflow-postgresql");
        hikari.setMaximumPoolSize(16);
        return new HikariDataSource(hikari);
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                // shared migrations, then the few that only one database can express (full-text search)
                .locations("classpath:db/migration", "classpath:db/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .load()
                .migrate();
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs reads; each call gets a short-lived handle. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** Runs writes in one transaction that commits before this returns. */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        if (dialect == Dialect.POSTGRESQL) {
            return jdbi.inTransaction(callback);
        }
        sqliteWriter.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            sqliteWriter.unlock();
        }
    }

    /** Streams a long read inside a transaction, so PostgreSQL can use a cursor. */
    public <R, X extends Exception> R stream(HandleCallback<R, X> callback) throws X {
        return jdbi.inTransaction(callback);
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        dataSource.close();
    }
}
