package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.Test;

/**
 * Asterisk restarts under a connected gateway, replayed from the Asterisk 22 capture
 * {@code a22-ami-restart-qualify.txt}: the new session is opened while Asterisk still boots (DeviceStateList refused),
 * the list after {@code FullyBooted} shows every PJSIP phone UNAVAILABLE, and the first qualify burst brings 1001-1004
 * back while 1005 stays unreachable. Also the link's health (state and since) through the restart.
 */
class AsteriskRestartTest {
    static final String CAPTURE = "a22-ami-restart-qualify.txt";
    static final List<String> PHONES = List.of("PJSIP/1001", "PJSIP/1002", "PJSIP/1003", "PJSIP/1004", "PJSIP/1005");

    /** The capture from Asterisk's FullyBooted on, up to (not including) the client's last round of lists at +40 s. */
    static List<AmiCapture.Block> bootAndQualify() {
        List<AmiCapture.Block> blocks = AmiCapture.load(CAPTURE).afterLogin();
        int booted = TransferAndHoldTest.indexOfEvent(blocks, "FullyBooted");
        int last = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if ("contacts-3".equals(blocks.get(i).field("ActionID"))) {
                last = i;
                break;
            }
        }
        return blocks.subList(booted, last);
    }

    /** The answer of a still-booting Asterisk to DeviceStateList, as in the capture (dsl-1). */
    static String refusedDeviceList(AmiCapture capture) {
        return capture.afterLogin().stream().filter(b -> b.isResponse() && "dsl-1".equals(b.field("ActionID")))
                .findFirst().orElseThrow().field("Message");
    }

    static Map<String, String> idlePhones() {
        Map<String, String> idle = new LinkedHashMap<>();
        PHONES.forEach(p -> idle.put(p, "NOT_INUSE"));
        return idle;
    }

    @Test
    void afterARestartThePhonesAreUnavailableUntilTheirFirstQualifyAndTheUnreachableOneStaysSo() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(idlePhones());
            f.connected();
            assertThat(PHONES).allMatch(f.gateway::deviceAvailable);
            int before = f.phoneStates().size();

            // Asterisk stops; when it comes back it accepts the login before it is fully booted
            f.fake().refuse(true);
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> f.gateway.links().get("pbx1") == AmiLinkState.RECONNECTING);
            String refusal = refusedDeviceList(AmiCapture.load(CAPTURE));
            f.fake().respond("DeviceStateList", (session, a) -> session.respond(a, "Error", "Message: " + refusal));
            f.fake().refuse(false);
            f.awaitConnected(); // the resync completes without the device list
            assertThat(PHONES).as("the last states reported stay valid until Asterisk lists them again")
                    .allMatch(f.gateway::deviceAvailable);

            FakeAsteriskAmi.Session session = f.session();
            session.play(bootAndQualify(), Set.of("DeviceStateList")).await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.fake().actions("DeviceStateList")).as("at login, refused at the reconnect, after FullyBooted")
                    .hasSize(3);
            List<DeviceStateChanged> after = f.phoneStates().subList(before, f.phoneStates().size());
            assertThat(after).filteredOn(d -> d.device().startsWith("PJSIP/webrtc"))
                    .as("nobody registered a browser phone").hasSize(5)
                    .allMatch(d -> d.state() == DeviceState.UNAVAILABLE);
            assertThat(after).filteredOn(d -> PHONES.contains(d.device()))
                    .extracting(DeviceStateChanged::device, DeviceStateChanged::state)
                    .containsExactly(
                            tuple("PJSIP/1001", DeviceState.UNAVAILABLE), tuple("PJSIP/1002", DeviceState.UNAVAILABLE),
                            tuple("PJSIP/1003", DeviceState.UNAVAILABLE), tuple("PJSIP/1004", DeviceState.UNAVAILABLE),
                            tuple("PJSIP/1005", DeviceState.UNAVAILABLE),
                            tuple("PJSIP/1003", DeviceState.AVAILABLE), tuple("PJSIP/1002", DeviceState.AVAILABLE),
                            tuple("PJSIP/1001", DeviceState.AVAILABLE), tuple("PJSIP/1004", DeviceState.AVAILABLE));
            assertThat(PHONES.subList(0, 4)).allMatch(f.gateway::deviceAvailable);
            assertThat(f.gateway.deviceAvailable("PJSIP/1005")).as("Unreachable: no DeviceStateChange, still down")
                    .isFalse();
            assertThat(f.gateway.deviceAvailable("PJSIP/1005&PJSIP/webrtc1005")).isFalse();
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTED);
        }
    }

    @Test
    void anAsteriskThatListsItsDevicesAtLoginIsNotAskedAgainAtFullyBooted() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(idlePhones());
            f.connected(); // the fake sends FullyBooted right after the login, as a running Asterisk does
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: FullyBooted", "Privilege: system,all", "Uptime: 300", "LastReload: 300",
                    "Status: Fully Booted");
            f.drain(session);

            assertThat(f.fake().actions("DeviceStateList")).hasSize(1);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T22:29:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        Instant advance(Duration d) {
            return now.updateAndGet(i -> i.plus(d));
        }
    }

    @Test
    void theLinksHealthTellsItsStateSinceWhenAndWhereItPointsButNeverTheSecret() throws Exception {
        TestClock clock = new TestClock();
        try (FakeAsteriskAmi fake = new FakeAsteriskAmi(AmiFixture.USER, AmiFixture.SECRET);
             AmiGateway g = new AmiGateway(List.of(fake.config("pbx1")), new org.hotline.platform.event.LocalEventBus(),
                     clock, new AsteriskCalls(), AmiFixture.testOptions())) {
            Instant created = clock.instant();
            assertThat(g.health()).singleElement().satisfies(h -> {
                assertThat(h.name()).isEqualTo("ami:pbx1");
                assertThat(h.kind()).isEqualTo(ComponentKind.SWITCH_LINK);
                assertThat(h.state()).isEqualTo("DISCONNECTED");
                assertThat(h.up()).isFalse();
                assertThat(h.since()).isEqualTo(created);
            });

            Instant connecting = clock.advance(Duration.ofSeconds(1));
            g.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> g.health().getFirst().up());
            ComponentHealth up = g.health().getFirst();
            assertThat(up.state()).isEqualTo("CONNECTED");
            assertThat(up.since()).isEqualTo(connecting);
            assertThat(up.detail()).isEqualTo("127.0.0.1:" + fake.port());

            Instant lost = clock.advance(Duration.ofSeconds(30));
            fake.refuse(true);
            fake.dropAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> !g.health().getFirst().up());
            ComponentHealth down = g.health().getFirst();
            assertThat(down.state()).isEqualTo("RECONNECTING");
            assertThat(down.since()).isEqualTo(lost);
            assertThat(down.detail()).startsWith("127.0.0.1:" + fake.port() + " (").doesNotContain(AmiFixture.SECRET);

            Instant back = clock.advance(Duration.ofSeconds(12));
            fake.refuse(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> g.health().getFirst().up());
            assertThat(g.health().getFirst().since()).isEqualTo(back);
            assertThat(g.health().getFirst().detail()).isEqualTo("127.0.0.1:" + fake.port());
        }
    }
}
