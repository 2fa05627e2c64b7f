package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.cti.asterisk.ami.AmiLinkState.CLOSED;
import static org.hotline.cti.asterisk.ami.AmiLinkState.CONNECTED;
import static org.hotline.cti.asterisk.ami.AmiLinkState.CONNECTING;
import static org.hotline.cti.asterisk.ami.AmiLinkState.DISCONNECTED;
import static org.hotline.cti.asterisk.ami.AmiLinkState.RECONNECTING;
import static org.hotline.cti.asterisk.ami.AmiLinkState.SYNCING;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The link state machine: the table of allowed transitions, and each allowed transition happening on a real link
 * against the fake.
 */
class AmiLinkStateTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DISCONNECTED, CONNECTING", "DISCONNECTED, CLOSED", "CONNECTING, SYNCING", "CONNECTING, CLOSED",
            "SYNCING, CONNECTED", "SYNCING, RECONNECTING", "SYNCING, CLOSED", "CONNECTED, RECONNECTING",
            "CONNECTED, CLOSED", "RECONNECTING, SYNCING", "RECONNECTING, CLOSED"})
    void allowed(AmiLinkState from, AmiLinkState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @Test
    void everyOtherTransitionIsRefusedAndClosedIsTerminal() {
        Set<String> allowed = Set.of("DISCONNECTED>CONNECTING", "DISCONNECTED>CLOSED", "CONNECTING>SYNCING",
                "CONNECTING>CLOSED", "SYNCING>CONNECTED", "SYNCING>RECONNECTING", "SYNCING>CLOSED",
                "CONNECTED>RECONNECTING", "CONNECTED>CLOSED", "RECONNECTING>SYNCING", "RECONNECTING>CLOSED");
        for (AmiLinkState from : AmiLinkState.values()) {
            for (AmiLinkState to : AmiLinkState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed.contains(from + ">" + to));
            }
        }
        assertThat(CLOSED.allowedNext()).isEmpty();
        assertThat(EnumSet.allOf(AmiLinkState.class)).filteredOn(AmiLinkState::loggedIn)
                .containsExactly(SYNCING, CONNECTED);
    }

    /** Polls the link's state into a list of distinct successive states. */
    private static final class Watcher implements AutoCloseable {
        final CopyOnWriteArrayList<AmiLinkState> seen = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stop;

        Watcher(AmiGateway g) {
            CountDownLatch first = new CountDownLatch(1);
            thread = new Thread(() -> {
                while (!stop) {
                    AmiLinkState s = g.links().get("pbx1");
                    if (seen.isEmpty() || seen.getLast() != s) {
                        seen.add(s);
                    }
                    first.countDown();
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            }, "link-state-watcher");
            thread.setDaemon(true);
            thread.start();
            try {
                first.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(2000);
        }
    }

    @Test
    void disconnectedToConnectingToSyncingToConnectedThenClosed() throws Exception {
        try (AmiFixture f = new AmiFixture(); Watcher w = new Watcher(f.gateway)) {
            f.fake().respond("DeviceStateList", (s, a) -> { }); // hold the resync open...
            f.gateway.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.links().get("pbx1") == SYNCING);
            f.fake().respond("DeviceStateList", (s, a) -> s.respond(a, "Success", "EventList: start",
                    "Message: Device State Changes will follow")); // ...then let the next one finish
            FakeDeviceList.complete(f.fake().session(Duration.ofSeconds(5)), f.fake().actions("DeviceStateList"));
            f.awaitConnected();
            f.gateway.close();
            // the watcher polls: let it see the last state before it stops
            await().atMost(Duration.ofSeconds(5)).until(() -> w.seen.getLast() == CLOSED);
            w.close();
            assertThat(w.seen).containsExactly(DISCONNECTED, CONNECTING, SYNCING, CONNECTED, CLOSED);
        }
    }

    @Test
    void connectedToReconnectingToSyncingToConnected() throws Exception {
        try (AmiFixture f = new AmiFixture().connected(); Watcher w = new Watcher(f.gateway)) {
            f.fake().refuse(true);
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.links().get("pbx1") == RECONNECTING);
            f.fake().respond("CoreShowChannels", (s, a) -> { }); // the next resync hangs...
            f.fake().refuse(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.links().get("pbx1") == SYNCING);
            f.fake().respond("CoreShowChannels", (s, a) -> {
                s.respond(a, "Success", "EventList: start", "Message: Channels will follow");
                s.send("Event: CoreShowChannelsComplete", "ActionID: " + a.actionId(), "EventList: Complete",
                        "ListItems: 0");
            });
            // ...and times out (3 s): SYNCING -> RECONNECTING, then a complete resync: -> CONNECTED
            f.awaitConnected();
            w.close();
            assertThat(w.seen).containsSubsequence(CONNECTED, RECONNECTING, SYNCING, RECONNECTING, SYNCING,
                    CONNECTED);
        }
    }

    @Test
    void connectingToClosedWhileTheServerIsDown() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().refuse(true);
            f.gateway.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().connections() >= 1);
            assertThat(f.gateway.links()).containsEntry("pbx1", CONNECTING);
            f.gateway.close();
            assertThat(f.gateway.links()).containsEntry("pbx1", CLOSED);
        }
    }

    @Test
    void disconnectedToClosedWithoutEverStarting() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.gateway.close();
            assertThat(f.gateway.links()).containsEntry("pbx1", CLOSED);
            f.gateway.start(); // a closed gateway does not start again
            assertThat(f.gateway.links()).containsEntry("pbx1", CLOSED);
            assertThat(f.fake().connections()).isZero();
        }
    }

    @Test
    void syncingToClosedAndReconnectingToClosed() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().respond("CoreShowChannels", (s, a) -> { });
            f.gateway.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.links().get("pbx1") == SYNCING);
            f.gateway.close();
            assertThat(f.gateway.links()).containsEntry("pbx1", CLOSED);
        }
        try (AmiFixture f = new AmiFixture().connected()) {
            f.fake().refuse(true);
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.gateway.links().get("pbx1") == RECONNECTING);
            f.gateway.close();
            assertThat(f.gateway.links()).containsEntry("pbx1", CLOSED);
        }
    }

    /** Finishes the DeviceStateList the fake left open. */
    private static final class FakeDeviceList {
        static void complete(org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Session s,
                             java.util.List<org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Action> asked)
                throws java.io.IOException {
            var a = asked.getLast();
            s.respond(a, "Success", "EventList: start", "Message: Device State Changes will follow");
            s.send("Event: DeviceStateListComplete", "ActionID: " + a.actionId(), "EventList: Complete",
                    "ListItems: 0");
        }
    }
}
