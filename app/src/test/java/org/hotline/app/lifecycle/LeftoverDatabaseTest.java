package org.hotline.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hotline.app.db.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a demo leaves its embedded MariaDB running (it lives in its own session, holding InnoDB's lock on
 * the data directory); the next demo on that directory stops it, says so, and starts.
 */
class LeftoverDatabaseTest {

    @Test
    void aDemoKilledWithSigkillDoesNotBlockTheNextStartOnItsDataDirectory() throws Exception {
        Path work = NodeDirs.fresh("leftover");
        try {
            long leftover;
            try (ChildNode first = NodeDirs.demo(work, 0, 1, "first")) {
                first.awaitHealthy(Duration.ofMinutes(4));
                leftover = Long.parseLong(Files.readString(work.resolve("db").resolve(EmbeddedDatabase.PID_FILE))
                        .strip());
                first.kill();
            }
            Optional<ProcessHandle> server = ProcessHandle.of(leftover);
            assertThat(server).as("the killed demo's MariaDB outlives it").isPresent();
            assertThat(server.get().isAlive()).isTrue();

            try (ChildNode second = NodeDirs.demo(work, 0, 1, "second")) {
                second.awaitHealthy(Duration.ofMinutes(4));
                assertThat(second.outputText()).contains("a MariaDB server (pid " + leftover
                        + ") left running by an earlier Hotline");
                assertThat(server.get().isAlive()).isFalse();
                long current = Long.parseLong(Files.readString(work.resolve("db")
                        .resolve(EmbeddedDatabase.PID_FILE)).strip());
                assertThat(second.terminate(Duration.ofMinutes(2))).isEqualTo(143);
                assertThat(ProcessHandle.of(current).map(ProcessHandle::isAlive).orElse(false))
                        .as("an orderly stop leaves no server behind").isFalse();
            }
        } finally {
            NodeDirs.deleteTree(work);
        }
    }
}
