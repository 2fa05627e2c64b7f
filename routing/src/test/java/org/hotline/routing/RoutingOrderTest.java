package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.routing.queue.QueueDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which call an agent gets and which agent a call gets. */
class RoutingOrderTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void higherPriorityCallsAreServedFirst() throws Exception {
        WaitingCall normal = f.queued(call("normal", "support", 0));
        WaitingCall vip = f.queued(call("vip", "support", 5));
        WaitingCall later = f.queued(call("later", "support", 0));
        assertThat(List.of(vip.position(), normal.position(), later.position())).containsExactly(1, 2, 3);

        f.ready("agent1", "support");

        assertThat(f.snapshot("agent1").callId()).isEqualTo("vip");
        assertThat(vip.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("agent1");
        assertThat(vip.position()).isZero();
        assertThat(List.of(normal.position(), later.position())).containsExactly(1, 2);
    }

    @Test
    void extremePrioritiesKeepTheirOrder() {
        f.queued(call("lowest", "support", Integer.MIN_VALUE));
        f.queued(call("highest", "support", Integer.MAX_VALUE));
        f.queued(call("zero", "support", 0));

        f.ready("a1", "support");
        f.ready("a2", "support");
        f.ready("a3", "support");

        assertThat(List.of(f.snapshot("a1").callId(), f.snapshot("a2").callId(), f.snapshot("a3").callId()))
                .containsExactly("highest", "zero", "lowest");
    }

    @Test
    void callsOfOnePriorityAreServedInArrivalOrder() {
        for (int i = 1; i <= 3; i++) {
            f.queued(call("c" + i, "support", 1));
            f.clock.advance(Duration.ofSeconds(1));
        }

        for (int i = 1; i <= 3; i++) {
            f.ready("agent" + i, "support");
        }

        assertThat(List.of(f.snapshot("agent1").callId(), f.snapshot("agent2").callId(), f.snapshot("agent3").callId()))
                .containsExactly("c1", "c2", "c3");
    }

    @Test
    void aCallGoesToTheLongestIdleReadyAgent() {
        f.ready("anna", "support");
        f.clock.advance(Duration.ofSeconds(10));
        f.ready("bob", "support");
        f.clock.advance(Duration.ofSeconds(10));
        f.ready("carl", "support");
        // anna takes a short break: she becomes the most recently idle
        f.acd.notReady("anna", "break");
        f.acd.ready("anna");

        f.queued(call("c1", "support", 0));
        f.queued(call("c2", "support", 0));

        assertThat(f.snapshot("bob").callId()).isEqualTo("c1");
        assertThat(f.snapshot("carl").callId()).isEqualTo("c2");
        assertThat(f.state("anna")).isEqualTo(READY);
    }

    @Test
    void aWaitingCallsListenerHearsTheReservationAndNothingAfterItsSubscriptionIsClosed() throws Exception {
        WaitingCall c = f.queued(call("c1", "support", 0));
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        WaitingCall.Subscription subscription = c.onChange(heard::incrementAndGet);

        f.ready("anna", "support");

        assertThat(heard).hasValue(1);                                // the IVR wakes the caller's wait...
        assertThat(c.awaitReservation(Duration.ZERO)).isPresent();   // ...which then finds the reservation
        subscription.close();
        f.acd.ringNoAnswer("c1");
        assertThat(heard).hasValue(1);
    }

    @Test
    void onlyAgentsWithTheQueuesSkillAreOffered() throws Exception {
        f.ready("seller", "sales");

        WaitingCall c = f.queued(call("c1", "support", 0));

        assertThat(f.state("seller")).isEqualTo(READY);
        assertThat(c.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(c.position()).isEqualTo(1);

        f.ready("helper", "support");

        assertThat(c.awaitReservation(Duration.ZERO)).contains(
                new Reservation("c1", "helper", "dev-helper", AcdFixture.RING_TIMEOUT));
        assertThat(f.state("seller")).isEqualTo(READY);
    }

    @Test
    void anAgentBecomingReadyTakesTheLongestWaitingCallAcrossItsQueues() {
        f.queued(call("sales-old", "sales", 0));
        f.clock.advance(Duration.ofSeconds(5));
        f.queued(call("support-new", "support", 0));

        f.ready("both", "support", "sales");

        assertThat(f.snapshot("both").callId()).isEqualTo("sales-old");
    }

    @Test
    void priorityBeatsWaitingTimeAcrossQueues() {
        f.queued(call("sales-old", "sales", 0));
        f.clock.advance(Duration.ofSeconds(5));
        f.queued(call("support-vip", "support", 3));

        f.ready("both", "support", "sales");

        assertThat(f.snapshot("both").callId()).isEqualTo("support-vip");
    }

    @Test
    void enqueuePublishesCallQueuedThenOfferAndReservation() throws Exception {
        f.ready("agent1", "support");
        int mark = f.mark();
        f.clock.advance(Duration.ofSeconds(3));

        WaitingCall c = f.queued(call("c1", "support", 2));

        var now = f.snapshot("agent1").since();
        CallOffered offered = f.events(CallOffered.class).getFirst();
        assertThat(offered.call().queuedAt()).as("the ACD stamps the queue time").isEqualTo(now);
        assertThat(f.since(mark)).containsExactly(
                new CallQueued("c1", "support", 2, false, now),
                new CallOffered(offered.call(), "agent1", "dev-agent1", now),
                new AgentStateChanged("agent1", RESERVED, null, "c1", now));
        assertThat(c.awaitReservation(Duration.ofSeconds(1)))
                .contains(new Reservation("c1", "agent1", "dev-agent1", AcdFixture.RING_TIMEOUT));
    }

    @Test
    void awaitReservationReturnsEmptyWhenNoAgentComesInTime() throws Exception {
        WaitingCall c = f.queued(call("c1", "support", 0));

        assertThat(c.awaitReservation(Duration.ofMillis(20))).isEmpty();
        assertThat(c.position()).isEqualTo(1);
    }

    @Test
    void aWaitingIvrThreadWakesUpWhenAnAgentBecomesReady() throws Exception {
        WaitingCall c = f.queued(call("c1", "support", 0));
        Thread agentThread = Thread.ofVirtual().start(() -> f.ready("agent1", "support"));

        assertThat(c.awaitReservation(Duration.ofSeconds(10))).map(Reservation::agent).contains("agent1");
        agentThread.join(Duration.ofSeconds(10));
    }

    @Test
    void aCallWithoutIdOrQueueIsRefused() {
        assertThatThrownBy(() -> f.acd.enqueue(call(" ", "support", 0)))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("callId");
        assertThatThrownBy(() -> f.acd.enqueue(call("c1", null, 0)))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("queue");
        assertThat(f.events).isEmpty();
    }

    @Test
    void aReadyAgentGivenANewSkillTakesAWaitingCallOfThatQueue() {
        f.ready("agent1", "sales");
        f.queued(call("c1", "support", 0));
        assertThat(f.state("agent1")).isEqualTo(READY);

        f.acd.register(new AgentProfile("agent1", "AGENT1", Set.of("sales", "support"), "dev-agent1"));

        assertThat(f.snapshot("agent1").callId()).isEqualTo("c1");
    }

    @Test
    void agentsAreListedByUsername() {
        f.loggedIn("zoe", "support");
        f.loggedIn("adam", "sales");

        assertThat(f.acd.agents()).extracting(s -> s.username()).containsExactly("adam", "zoe");
    }

    @Test
    void queueDefinitionsAreChecked() {
        assertThatThrownBy(() -> new QueueDefinition("q", "s", 0, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("serviceLevelSeconds");
        assertThatThrownBy(() -> new QueueDefinition("q", " ", 15, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("skill");
        assertThatThrownBy(() -> new QueueDefinition("q", "s", 15, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("ringTimeout");
        assertThatThrownBy(() -> new QueueDefinition("q", "s", 15, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("wrapUp");
        QueueDefinition q = new QueueDefinition("q", "s", 15, Duration.ofSeconds(1), Duration.ZERO);
        assertThatThrownBy(() -> new Acd(List.of(q, q), new LocalEventBus(), f.clock, f.scheduler, d -> true))
                .isInstanceOf(ValidationException.class).hasMessage("queue q is defined twice");
    }
}
