package org.hotline.ticketing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void theDatabaseNameGoesBetweenServerAndParameters() {
        assertThat(TestDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "db1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/db1");
        assertThat(TestDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306", "db1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/db1");
        assertThat(TestDatabase.withDatabase("jdbc:mariadb://127.0.0.1:3306/?sslMode=disable", "db1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/db1?sslMode=disable");
    }

    @Test
    void createMakesAFreshUtf8mb4DatabaseAndCloseDropsIt() throws SQLException {
        String name;
        try (TestDatabase db = TestDatabase.create(); Connection c = db.connect()) {
            name = db.name();
            assertThat(name).matches("hotline_t_[0-9a-f]{16}");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT @@character_set_database, DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("utf8mb4");
                assertThat(rs.getString(2)).isEqualTo(name);
            }
        }
        try (TestDatabase other = TestDatabase.create(); Connection c = other.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
