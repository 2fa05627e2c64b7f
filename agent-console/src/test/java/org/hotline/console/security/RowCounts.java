package org.hotline.console.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hotline.ticketing.testing.TestDatabase;

/**
 * The number of rows in every table of a test database, so that a test can show that a request wrote nothing (or
 * only what it should) and that no table went missing (a {@code DROP TABLE} smuggled into a parameter). Flyway's
 * history is left out, and so is {@code audit_log}: recording a refused request there is what the audit log is for.
 */
public record RowCounts(Map<String, Long> byTable) {
    private static final Set<String> IGNORED = Set.of("flyway_schema_history", "audit_log");

    public static RowCounts of(TestDatabase db) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                if (IGNORED.contains(table.toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                // the names come from information_schema, not from a request
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return new RowCounts(Map.copyOf(counts));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + db + ": " + e.getMessage(), e);
        }
    }

    /** These counts with {@code table} changed by {@code delta} (what a request was expected to write). */
    public RowCounts plus(String table, long delta) {
        Map<String, Long> changed = new TreeMap<>(byTable);
        changed.merge(table, delta, Long::sum);
        return new RowCounts(Map.copyOf(changed));
    }

    /** These counts without {@code tables} (ones a request may write to as it pleases). */
    public RowCounts without(String... tables) {
        Map<String, Long> rest = new TreeMap<>(byTable);
        for (String t : tables) {
            rest.remove(t);
        }
        return new RowCounts(Map.copyOf(rest));
    }

    /** The rows of {@code table}; -1 when there is no such table. */
    public long of(String table) {
        return byTable.getOrDefault(table, -1L);
    }
}
