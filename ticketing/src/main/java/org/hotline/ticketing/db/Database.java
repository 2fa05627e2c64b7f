package org.hotline.ticketing.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hotline database: a HikariCP pool, the Flyway-migrated schema and a MyBatis {@link SqlSessionFactory}.
 * Connections are never cached outside the pool, so a pool that loses the server recovers once it is back.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;
    /**
     * The steps to run after the commit, per open transaction of any database (sessions are compared by identity): a
     * component built on one pool may be called inside another pool's transaction on the same schema (two nodes).
     */
    private static final Map<SqlSession, List<Runnable>> AFTER_COMMIT =
            Collections.synchronizedMap(new IdentityHashMap<>());

    private Database(DatabaseConfig config, HikariDataSource dataSource, SqlSessionFactory sessions) {
        this.config = config;
        this.dataSource = dataSource;
        this.sessions = sessions;
    }

    /**
     * Opens the pool, migrates the schema to the latest version and prepares MyBatis.
     *
     * @throws DatabaseUnavailableException naming the URL (never the password) when the database cannot be reached
     *                                      or migrated
     */
    public static Database open(DatabaseConfig cfg) {
        HikariDataSource ds = openPool(cfg);
        try {
            migrate(cfg, ds);
            return new Database(cfg, ds, sessionFactory(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static HikariDataSource openPool(DatabaseConfig cfg) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("hotline-db");
        hc.setJdbcUrl(cfg.jdbcUrl());
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, cfg.maxPoolSize()));
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to the database at " + cfg.safeUrl() + " as user '"
                    + cfg.user() + "': " + rootMessage(e), e);
        }
    }

    private static void migrate(DatabaseConfig cfg, DataSource ds) {
        try {
            var result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("database {} migrated: {} migrations applied (schema version before: {})", cfg.safeUrl(),
                    result.migrationsExecuted, result.initialSchemaVersion);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot migrate the database at " + cfg.safeUrl() + ": "
                    + rootMessage(e), e);
        }
    }

    private static SqlSessionFactory sessionFactory(DataSource ds) {
        Configuration c = new Configuration(new Environment("hotline", new JdbcTransactionFactory(), ds));
        c.setMapUnderscoreToCamelCase(true);
        c.setArgNameBasedConstructorAutoMapping(true);
        c.setObjectFactory(new RowFactory());
        c.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        RecordResultMaps.registerAll(c);
        return new SqlSessionFactoryBuilder().build(c);
    }

    private static String rootMessage(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur.getCause() != null && cur.getCause() != cur && depth < 20; depth++) {
            cur = cur.getCause();
        }
        return cur.getMessage() == null ? cur.getClass().getSimpleName() : cur.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlSessionFactory sessions() {
        return sessions;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** Makes a MyBatis mapper interface known (idempotent); feature stores call this once when they are built. */
    public synchronized void registerMapper(Class<?> mapper) {
        Configuration c = sessions.getConfiguration();
        if (!c.hasMapper(mapper)) {
            c.addMapper(mapper);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            List<Runnable> after = new ArrayList<>();
            AFTER_COMMIT.put(session, after);
            T result;
            try {
                result = work.apply(session);
                session.commit(true);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(session, e);
                throw e;
            } finally {
                AFTER_COMMIT.remove(session);
            }
            for (Runnable r : after) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("an after-commit step failed (the transaction is committed): {}", e.toString());
                }
            }
            return result;
        }
    }

    /**
     * Runs {@code step} once the transaction of {@code tx} (one of {@link #inTransaction}) has committed, and never
     * if it rolls back: code called inside another feature's transaction (the clock scheduler's escalation, the mail
     * intake's threading) publishes its events only when what they announce is really written.
     *
     * @throws IllegalStateException when {@code tx} is not an open {@link #inTransaction} session
     */
    public static void afterCommit(SqlSession tx, Runnable step) {
        List<Runnable> steps = AFTER_COMMIT.get(tx);
        if (steps == null) {
            throw new IllegalStateException("afterCommit needs a session of inTransaction");
        }
        steps.add(step);
    }

    private static void rollbackQuietly(SqlSession session, Throwable failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** Runs {@code work} on an auto-commit session (reads and single statements). */
    public <T> T withSession(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Database[" + config.safeUrl() + "]";
    }
}
