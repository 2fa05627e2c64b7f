package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Every action fails with a ConflictException while no Asterisk server is connected. */
class NoServerTest {
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void assertEveryActionConflicts(AmiGateway g) {
        List<ThrowingCallable> actions = List.of(
                () -> g.originate("PJSIP/1001", "100", null),
                () -> g.hangup("1.1"),
                () -> g.transfer("1.1", "1002"),
                () -> g.attendedTransfer("1.1", "1002"),
                () -> g.hold("1.1", true),
                () -> g.spy("PJSIP/2000", "PJSIP/1001", SpyMode.LISTEN),
                () -> g.startRecording("1.1"),
                () -> g.stopRecording("1.1"));
        for (ThrowingCallable action : actions) {
            assertThatThrownBy(action).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("no Asterisk server is connected");
        }
        assertThat(g.deviceAvailable("PJSIP/1001")).isFalse();
    }

    @Test
    void anUnreachableServerLeavesEveryActionAConflict() throws Exception {
        AsteriskCalls calls = new AsteriskCalls();
        calls.track("1.1", "PJSIP/trunk-00000001");
        try (AmiGateway g = new AmiGateway(List.of(new AmiServerConfig("pbx1", "127.0.0.1", closedPort(), "hotline",
                "secret")), new LocalEventBus(), Clock.systemUTC(), calls, AmiFixture.testOptions())) {
            g.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> g.links().get("pbx1") == AmiLinkState.CONNECTING);
            assertEveryActionConflicts(g);
        }
    }

    @Test
    void aGatewayWithoutServersOrNotStartedConflictsToo() {
        try (AmiGateway none = new AmiGateway(List.of(), new LocalEventBus(), Clock.systemUTC(), new AsteriskCalls())) {
            none.start();
            assertThat(none.links()).isEmpty();
            assertEveryActionConflicts(none);
        }
        try (AmiGateway notStarted = new AmiGateway(List.of(new AmiServerConfig("pbx1", "127.0.0.1", 5038, "u", "s")),
                new LocalEventBus(), Clock.systemUTC(), new AsteriskCalls())) {
            assertThat(notStarted.links()).containsEntry("pbx1", AmiLinkState.DISCONNECTED);
            assertEveryActionConflicts(notStarted);
        }
    }

    @Test
    void afterCloseActionsConflictAndTheLinksAreClosed() throws Exception {
        AmiFixture f = new AmiFixture().connected();
        f.close();
        assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CLOSED);
        assertThatThrownBy(() -> f.gateway.originate("PJSIP/1001", "100", null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("closed");
        assertThat(f.fake().actions("Logoff")).hasSize(1); // logged off politely
    }

    @Test
    void twoServersMayNotShareAName() {
        AmiServerConfig a = new AmiServerConfig("pbx", "127.0.0.1", 5038, "u", "s");
        assertThatThrownBy(() -> new AmiGateway(List.of(a, a), new LocalEventBus(), Clock.systemUTC(),
                new AsteriskCalls())).isInstanceOf(IllegalArgumentException.class);
    }
}
