package org.hotline.ticketing.testing;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.hotline.ticketing.db.DatabaseConfig;

/**
 * A fresh, empty MariaDB/MySQL database for one test class (or one end-to-end run), dropped again by {@link #close()}.
 *
 * <p>The server comes from the system properties that the build's surefire configuration passes:
 * <ul>
 *   <li>{@code hotline.test.db.url} — server URL without a database, default {@code jdbc:mariadb://127.0.0.1:3306/}
 *       (query parameters such as {@code ?sslMode=disable} are kept);</li>
 *   <li>{@code hotline.test.db.user} — default {@code root};</li>
 *   <li>{@code hotline.test.db.password} — default empty.</li>
 * </ul>
 * Unset or empty properties fall back to those defaults. {@link #create()} makes a database named
 * {@code hotline_t_<16 random hex digits>} with {@code CHARACTER SET utf8mb4}; {@link #config()} points at it (pool of
 * 4 connections). Nothing is migrated: {@code Database.open(testDb.config())} does that.
 *
 * <pre>{@code
 * try (TestDatabase testDb = TestDatabase.create(); Database db = Database.open(testDb.config())) {
 *     Ticketing ticketing = new Ticketing(db, Clock.systemUTC());
 *     ...
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_PROPERTY = "hotline.test.db.url";
    public static final String USER_PROPERTY = "hotline.test.db.user";
    public static final String PASSWORD_PROPERTY = "hotline.test.db.password";
    public static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/";
    public static final String DEFAULT_USER = "root";
    private static final int POOL_SIZE = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;
    private final DatabaseConfig config;

    private TestDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.config = new DatabaseConfig(withDatabase(serverUrl, name), user, password, POOL_SIZE);
    }

    /** Creates {@code hotline_t_<random>} on the configured server. */
    public static TestDatabase create() {
        byte[] suffix = new byte[8];
        RANDOM.nextBytes(suffix);
        TestDatabase db = new TestDatabase(property(URL_PROPERTY, DEFAULT_URL), property(USER_PROPERTY, DEFAULT_USER),
                property(PASSWORD_PROPERTY, ""), "hotline_t_" + HexFormat.of().formatHex(suffix));
        db.execute("CREATE DATABASE " + db.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return db;
    }

    private static String property(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** {@code jdbc:mariadb://host:port/} (+ optional {@code ?params}) with {@code name} as the database. */
    static String withDatabase(String serverUrl, String name) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String params = query < 0 ? "" : serverUrl.substring(query);
        int hostStart = base.indexOf("//") + 2;
        int pathStart = base.indexOf('/', hostStart);
        String hostPart = pathStart < 0 ? base : base.substring(0, pathStart);
        return hostPart + "/" + name + params;
    }

    /** This database reached through another address, e.g. a test proxy on {@code 127.0.0.1:port}. */
    public DatabaseConfig configThrough(String host, int port) {
        String url = config.jdbcUrl();
        int hostStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', hostStart);
        return new DatabaseConfig(url.substring(0, hostStart) + host + ":" + port + url.substring(pathStart), user,
                password, POOL_SIZE);
    }

    /** Host and port of the server, from the URL ({@code 3306} when the URL names no port). */
    public InetSocketAddress serverAddress() {
        String url = config.jdbcUrl();
        int hostStart = url.indexOf("//") + 2;
        String hostPort = url.substring(hostStart, url.indexOf('/', hostStart));
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? InetSocketAddress.createUnresolved(hostPort, 3306)
                : InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The name of the database, e.g. {@code hotline_t_0f3a9c2e7b1d4a56}. */
    public String name() {
        return name;
    }

    /** Points at this database (4 pooled connections). */
    public DatabaseConfig config() {
        return config;
    }

    /** A new JDBC connection to this database (for assertions on raw rows); the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), user, password);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database. */
    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + "]";
    }
}
