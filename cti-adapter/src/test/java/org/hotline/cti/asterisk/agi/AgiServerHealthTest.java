package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.junit.jupiter.api.Test;

/** The FastAGI server as a part of the node's health: LISTENING (up) while it accepts, then CLOSED. */
class AgiServerHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theServerIsUpWhileListeningAndDownOnceClosed() throws IOException {
        Instant t0 = Instant.parse("2026-12-01T22:30:00Z");
        HotlineAgiServer server = new HotlineAgiServer(new AgiServerConfig("127.0.0.1", 0, WAIT), c -> { },
                new AsteriskCalls(), Clock.fixed(t0, ZoneOffset.UTC));
        try {
            assertThat(server.health().state()).isEqualTo("NOT_STARTED");
            assertThat(server.health().up()).isFalse();

            server.start();
            ComponentHealth up = server.health();
            assertThat(up.name()).isEqualTo("fastagi");
            assertThat(up.kind()).isEqualTo(ComponentKind.CALL_SERVER);
            assertThat(up.state()).isEqualTo("LISTENING");
            assertThat(up.up()).isTrue();
            assertThat(up.since()).isEqualTo(t0);
            assertThat(up.detail()).isEqualTo("127.0.0.1:" + server.port());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertThat(s.isConnected()).as("it really listens").isTrue();
            }
        } finally {
            server.close();
        }
        assertThat(server.health().state()).isEqualTo("CLOSED");
        assertThat(server.health().up()).isFalse();
    }

    @Test
    void aServerThatCouldNotBindIsNotUp() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HotlineAgiServer server = new HotlineAgiServer(
                     new AgiServerConfig("127.0.0.1", taken.getLocalPort(), WAIT), c -> { }, new AsteriskCalls())) {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
            assertThat(server.health().up()).isFalse();
            assertThat(server.health().detail()).isEqualTo("127.0.0.1:" + taken.getLocalPort());
        }
    }
}
