package org.hotline.ticketing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.testing.TcpProxy;
import org.junit.jupiter.api.Test;

/** The database's health through a connection that is cut and restored: UP, DOWN with why, UP again. */
class DatabaseHealthTest extends DatabaseTestSupport {
    private static ComponentHealth only(DatabaseHealth health) {
        return health.components().getFirst();
    }

    @Test
    void theDatabaseIsUpWhileItAnswersAndDownWhileItCannotBeReached() throws Exception {
        InetSocketAddress server = testDb.serverAddress();
        try (TcpProxy proxy = TcpProxy.start(server.getHostString(), server.getPort());
             Database viaProxy = Database.open(testDb.configThrough("127.0.0.1", proxy.port()))) {
            MutableTestClock clock = new MutableTestClock();
            DatabaseHealth health = DatabaseHealth.of(viaProxy, clock);

            ComponentHealth up = only(health);
            assertThat(up.name()).isEqualTo("database");
            assertThat(up.kind()).isEqualTo(ComponentKind.DATABASE);
            assertThat(up.state()).isEqualTo("UP");
            assertThat(up.up()).isTrue();
            assertThat(up.since()).isEqualTo(MutableTestClock.START);
            assertThat(up.detail()).isEqualTo(viaProxy.config().safeUrl());

            clock.advance(Duration.ofMinutes(1));
            proxy.cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> !only(health).up());
            ComponentHealth down = only(health);
            assertThat(down.state()).isEqualTo("DOWN");
            assertThat(down.since()).isEqualTo(MutableTestClock.START.plus(Duration.ofMinutes(1)));
            assertThat(down.detail()).startsWith(viaProxy.config().safeUrl() + " (");
            if (!testDb.config().password().isEmpty()) {
                assertThat(down.detail()).doesNotContain(testDb.config().password());
            }

            clock.advance(Duration.ofMinutes(1));
            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).until(() -> only(health).up());
            assertThat(only(health).since()).isEqualTo(MutableTestClock.START.plus(Duration.ofMinutes(2)));
        }
    }

    @Test
    void aClosedPoolIsDown() {
        Database other = Database.open(testDb.config());
        DatabaseHealth health = DatabaseHealth.of(other, clock);
        assertThat(only(health).up()).isTrue();
        other.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !only(health).up());
        assertThat(only(health).detail()).contains("closed");
    }

    /** A clock the test moves. */
    static final class MutableTestClock extends java.time.Clock {
        static final java.time.Instant START = java.time.Instant.parse("2026-12-01T22:40:00Z");
        private volatile java.time.Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
