package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Channel;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/** AMI dropped mid-call: reconnect with back-off and resync; half-open connections; the first login retried. */
class ReconnectTest {
    static final String ENDED = CallTracker.ENDED_WHILE_DISCONNECTED;

    @Test
    void aDropMidCallIsFollowedByReconnectAndResyncThatEndsOnlyTheCallsThatAreGone() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            String bob = QueueCallTest.BOB;
            String dan = "1795376500.1";  // waits in the IVR; hangs up while AMI is down
            String eve = "1795376500.7";  // arrives and leaves while AMI is down: never seen on AMI
            f.calls.track(bob, QueueCallTest.BOB_CHANNEL);
            f.calls.track(dan, "PJSIP/trunk-00000031");
            FakeAsteriskAmi.Session first = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            int agentHangsUp = TransferAndHoldTest.indexOfEvent(blocks, "AgentComplete");
            first.replay(blocks.subList(0, agentHangsUp)); // Bob talks to Agent Two
            first.send("Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/trunk-00000031", "Uniqueid: " + dan,
                    "Context: hotline", "Exten: 4000");
            f.drain(first);

            // Asterisk (or the network) goes away for a while; Dan hangs up, Eve comes and goes meanwhile
            f.fake().refuse(true);
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> f.gateway.links().get("pbx1") == AmiLinkState.RECONNECTING);
            int before = f.fake().connections();
            f.calls.track(eve, "PJSIP/trunk-00000032");
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().connections() >= before + 2); // retries
            assertThat(f.events(CallHungUp.class)).isEmpty(); // nothing is guessed while disconnected

            String bridge = "36f35d4f-b0ef-41fb-a7cf-f2e4db5d8bca";
            f.fake().channels(List.of(Channel.of("Local/5000@hotline-00000001;1", "1795375943.2"),
                    Channel.of(QueueCallTest.BOB_CHANNEL, bob).bridged(bridge),
                    Channel.of("Local/agent2@agents-00000003;1", "1795375949.6").bridged(bridge),
                    Channel.of("Local/agent2@agents-00000003;2", "1795375949.7")));
            f.fake().refuse(false);
            f.awaitConnected();

            assertThat(f.hangups(dan)).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
                assertThat(h.cause()).isEqualTo(ENDED);
            });
            assertThat(f.hangups(eve)).singleElement().satisfies(h -> assertThat(h.cause()).isEqualTo(ENDED));
            assertThat(f.hangups(bob)).isEmpty(); // still talking
            assertThat(f.calls.callIds()).containsExactly(bob);

            // the conversation goes on on the new connection: the bridge known from the resync tells who left first
            FakeAsteriskAmi.Session second = f.session();
            second.replay(blocks.subList(agentHangsUp, blocks.size()));
            f.drain(second);
            assertThat(f.hangups(bob)).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.AGENT);
                assertThat(h.cause()).isEqualTo("normal");
            });
            assertThat(f.fake().logins()).isEqualTo(2);
        }
    }

    @Test
    void aHalfOpenConnectionIsDetectedByPingAndReplaced() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.fake().silence(true); // the socket stays open, nothing answers any more
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> f.gateway.links().get("pbx1") == AmiLinkState.RECONNECTING);
            f.fake().silence(false);
            f.awaitConnected();
            assertThat(f.fake().logins()).isEqualTo(2);
        }
    }

    @Test
    void theFirstLoginIsRetriedUntilAsteriskIsThereAndStartNeverBlocks() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().refuse(true);
            f.gateway.start(); // returns at once although the server is not usable
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTING);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().connections() >= 3);
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTING);
            f.fake().refuse(false);
            f.awaitConnected();
        }
    }

    @Test
    void aWrongSecretKeepsRetryingWithoutEverLoggingIn() throws Exception {
        try (FakeAsteriskAmi fake = new FakeAsteriskAmi(AmiFixture.USER, "another-secret");
             AmiFixture f = new AmiFixture()) {
            // the fixture's gateway knows AmiFixture.SECRET; point a second gateway at a fake expecting another one
            try (AmiGateway g = new AmiGateway(List.of(new AmiServerConfig("pbx9", "127.0.0.1", fake.port(),
                    AmiFixture.USER, AmiFixture.SECRET)), f.bus, java.time.Clock.systemUTC(), f.calls,
                    AmiFixture.testOptions())) {
                g.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> fake.actions("Login").size() >= 2);
                assertThat(fake.logins()).isZero();
                assertThat(g.links()).containsEntry("pbx9", AmiLinkState.CONNECTING);
            }
        }
    }

    @Test
    void backOffDoublesUpToItsCapWithLittleJitter() throws Exception {
        AmiOptions options = AmiOptions.defaults();
        try (AmiFixture f = new AmiFixture()) {
            AmiLink link = new AmiLink(f.fake().config("x"), options, new ProblemLog(
                    org.slf4j.LoggerFactory.getLogger(ReconnectTest.class)), null);
            assertThat(link.backoff(1).toMillis()).isBetween(1000L, 1100L);
            assertThat(link.backoff(2).toMillis()).isBetween(2000L, 2200L);
            assertThat(link.backoff(4).toMillis()).isBetween(8000L, 8800L);
            assertThat(link.backoff(6).toMillis()).isEqualTo(30_000L);
            assertThat(link.backoff(40).toMillis()).isEqualTo(30_000L);
            link.close();
        }
    }

    @Test
    void anotherClientsListsAndEventsOfNoUseChangeNothing() throws Exception {
        // QueueStatus / QueueSummary / CoreShowChannels lists asked for by another client ("qs-1", "csc-1"), Ping
        // and Command answers: no call is tracked, the lists are not this gateway's resync, the link stays up
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session s = f.session();
            s.play(AmiCapture.load("ami-queue-status-summary.txt").afterLogin(), Set.of())
                    .await(Duration.ofSeconds(10));
            f.drain(s);
            assertThat(f.published).allMatch(e -> e instanceof org.hotline.platform.event.DeviceStateChanged d
                    && d.device().startsWith("PJSIP/barrier-"));
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTED);
        }
    }
}
