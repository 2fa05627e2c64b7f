package org.hotline.bench.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of a benchmark's own on a MariaDB or MySQL server, {@code hotline_bench_<name>_<millis>}: made when
 * opened, dropped when closed (unless kept), so that a benchmark never touches a database that was there before.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String server;
    private final String user;
    private final String password;
    private final String name;
    private final boolean keep;

    private ScratchDatabase(String server, String user, String password, String name, boolean keep) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
        this.keep = keep;
    }

    /**
     * Makes the database.
     *
     * @param serverUrl the server's JDBC URL without a database ({@code jdbc:mariadb://127.0.0.1:3306/})
     * @param keep      leave the database on the server at {@link #close()}
     */
    public static ScratchDatabase create(String serverUrl, String user, String password, String benchmark,
                                         boolean keep) throws SQLException {
        String base = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        ScratchDatabase db = new ScratchDatabase(base, user, password,
                "hotline_bench_" + benchmark + "_" + System.currentTimeMillis(), keep);
        db.execute("CREATE DATABASE " + db.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return db;
    }

    /** The database's JDBC URL. */
    public String url() {
        return server + name;
    }

    public String name() {
        return name;
    }

    public boolean kept() {
        return keep;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Drops the database, unless it is to be kept. */
    @Override
    public void close() throws SQLException {
        if (!keep) {
            execute("DROP DATABASE " + name);
        }
    }
}
