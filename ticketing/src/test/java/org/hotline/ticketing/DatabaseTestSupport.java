package org.hotline.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One fresh, migrated database per test class, with a fixed clock in Beijing time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTestSupport {
    protected static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    protected static final Instant NOW = Instant.parse("2026-11-23T02:15:30.123Z");

    protected TestDatabase testDb;
    protected Database db;
    protected Clock clock = Clock.fixed(NOW, BEIJING);

    @BeforeAll
    void openDatabase() {
        testDb = TestDatabase.create();
        db = Database.open(testDb.config());
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    /** Rows in {@code table} (a fixed name from the test itself), read on a connection of its own. */
    protected long count(String table) {
        return queryLong("SELECT COUNT(*) FROM " + table);
    }

    protected long queryLong(String sql, Object... params) {
        Object value = queryValue(sql, params);
        return ((Number) value).longValue();
    }

    protected String queryString(String sql, Object... params) {
        Object value = queryValue(sql, params);
        return value == null ? null : value.toString();
    }

    /** The first column of the first row (null when there is no row), read on a connection of its own. */
    protected Object queryValue(String sql, Object... params) {
        try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
