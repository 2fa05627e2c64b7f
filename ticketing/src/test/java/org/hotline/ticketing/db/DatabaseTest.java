package org.hotline.ticketing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.customer.DbCustomerDirectory;
import org.hotline.ticketing.testing.TcpProxy;
import org.junit.jupiter.api.Test;

class DatabaseTest extends DatabaseTestSupport {

    @Test
    void migrationsCreateEveryTableOnAnEmptyDatabase() {
        List<String> tables = List.of("customers", "customer_phones", "products", "call_records", "tickets",
                "ticket_events", "users", "user_roles", "user_skills");
        for (String table : tables) {
            assertThat(queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                    + "AND table_name = ?", testDb.name(), table)).as(table).isEqualTo(1);
        }
        assertThat(queryLong("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'"))
                .isEqualTo(1);
    }

    @Test
    void everyTimestampColumnKeepsMillisecondsAndEveryTableIsUtf8mb4() {
        assertThat(queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND data_type = 'datetime' AND datetime_precision <> 3", testDb.name())).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND data_type = 'datetime'", testDb.name())).isGreaterThanOrEqualTo(12);
        assertThat(queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name <> 'flyway_schema_history' AND table_collation NOT LIKE 'utf8mb4%'", testDb.name()))
                .isZero();
    }

    @Test
    void openingAnUpToDateDatabaseAgainChangesNothing() throws Exception {
        long migrations;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                getClass().getResource("/db/migration").toURI()))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        long before = count("flyway_schema_history");
        try (Database again = Database.open(testDb.config())) {
            assertThat(customerCount(again)).isZero();
        }
        assertThat(count("flyway_schema_history")).isEqualTo(before).isEqualTo(migrations);
    }

    @Test
    void anUnreachableDatabaseFailsWithTheUrlButNotThePassword() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort + "/hotline";
        DatabaseConfig cfg = new DatabaseConfig(url, "hotline", "s3cret-pw", 2);

        assertThatThrownBy(() -> Database.open(cfg))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("hotline")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void configNeverPrintsThePassword() {
        DatabaseConfig cfg = new DatabaseConfig("jdbc:mariadb://127.0.0.1:3306/h?user=x&password=top-secret", "x",
                "other-secret", 3);

        assertThat(cfg.toString()).doesNotContain("top-secret").doesNotContain("other-secret")
                .contains("jdbc:mariadb://127.0.0.1:3306/h").contains("maxPoolSize=3");
        assertThat(cfg.safeUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/h?user=x&password=***");
    }

    @Test
    void aPoolThatLosesTheServerRecoversWhenItIsBack() throws IOException {
        InetSocketAddress server = testDb.serverAddress();
        try (TcpProxy proxy = TcpProxy.start(server.getHostString(), server.getPort());
             Database viaProxy = Database.open(testDb.configThrough("127.0.0.1", proxy.port()))) {
            assertThat(customerCount(viaProxy)).isZero();

            proxy.cut();
            assertThatThrownBy(() -> customerCount(viaProxy)).isInstanceOf(RuntimeException.class);

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(customerCount(viaProxy)).isZero());
        }
    }

    private long customerCount(Database database) {
        return new DbCustomerDirectory(database, clock).search("", 10).size();
    }
}
