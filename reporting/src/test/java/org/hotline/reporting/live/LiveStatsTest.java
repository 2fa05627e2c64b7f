package org.hotline.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.stats.AgentStats;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.QueueStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveStatsTest {
    private final StatsFixture f = new StatsFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aSequenceOfCallsGivesOfferedAnsweredAbandonedWaitsAndServiceLevel() {
        f.queued("c1", "support", false);
        f.queued("c2", "support", false);
        f.queued("c3", "support", false);
        f.queued("c4", "support", false);
        f.later(5);

        QueueStats early = f.queue("support");
        assertThat(early.offered()).isEqualTo(4);
        assertThat(early.waiting()).isEqualTo(4);
        assertThat(early.longestWaitSeconds()).isEqualTo(5);

        f.later(5);
        f.answered("c1", "support", "anna");            // waited 10 s: within 15 s
        f.later(10);
        f.answered("c2", "support", "bob");             // waited 20 s: too late
        f.later(10);
        f.abandoned("c3", "support", Duration.ofSeconds(30));
        f.hungUp("c3");

        QueueStats q = f.queue("support");
        assertThat(q.offered()).isEqualTo(4);
        assertThat(q.answered()).isEqualTo(2);
        assertThat(q.abandoned()).isEqualTo(1);
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.longestWaitSeconds()).isEqualTo(30);
        assertThat(q.averageWaitSeconds()).isEqualTo(15);
        assertThat(q.serviceLevel()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(q.serviceLevelSeconds()).isEqualTo(15);
        assertThat(f.queue("sales").offered()).as("other queues are untouched").isZero();
    }

    @Test
    void aCallerWhoLeavesForACallbackStopsWaitingAndIsNeitherAnsweredNorAbandoned() {
        f.queued("c1", "support", false);
        f.queued("c2", "support", false);
        f.later(40);
        f.bus.publish(new CallbackRequested("c1", "support", Duration.ofSeconds(40), 9L, f.clock.instant()));
        f.bus.publish(new CallbackChanged(callback(9L, "support", CallbackStatus.PENDING), f.clock.instant()));
        f.hungUp("c1");

        QueueStats q = f.queue("support");
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.callbacksRequested()).isEqualTo(1);
        assertThat(q.callbacksOpen()).isEqualTo(1);
        assertThat(q.abandoned()).isZero();
        assertThat(q.answered()).isZero();
        assertThat(q.serviceLevel()).as("callbacks stay outside the service level").isEqualTo(1.0);
    }

    @Test
    void openCallbacksAreSeededThenFollowTheirChanges() {
        f.stats.openCallbacks(List.of(callback(1L, "support", CallbackStatus.PENDING),
                callback(2L, "support", CallbackStatus.IN_PROGRESS), callback(3L, "sales", CallbackStatus.PENDING),
                callback(4L, "sales", CallbackStatus.DONE)));
        assertThat(f.queue("support").callbacksOpen()).isEqualTo(2);
        assertThat(f.queue("sales").callbacksOpen()).isEqualTo(1);

        f.bus.publish(new CallbackChanged(callback(2L, "support", CallbackStatus.DONE), f.clock.instant()));
        f.bus.publish(new CallbackChanged(callback(1L, "support", CallbackStatus.IN_PROGRESS), f.clock.instant()));
        f.bus.publish(new CallbackChanged(callback(3L, "sales", CallbackStatus.CANCELLED), f.clock.instant()));

        assertThat(f.queue("support").callbacksOpen()).isEqualTo(1);
        assertThat(f.queue("sales").callbacksOpen()).isZero();
        assertThat(f.queue("support").callbacksRequested()).as("requests are counted from the calls").isZero();
    }

    private static CallbackRequest callback(long id, String queue, CallbackStatus status) {
        return new CallbackRequest(id, "call-" + id, queue, "13800138000", null, null, Instant.EPOCH, status, 0, null,
                Instant.EPOCH, null);
    }

    @Test
    void aCallAnsweredExactlyAtTheThresholdMeetsTheServiceLevel() {
        f.queued("c1", "support", false);
        f.later(15);
        f.answered("c1", "support", "anna");

        assertThat(f.queue("support").serviceLevel()).isEqualTo(1.0);
    }

    @Test
    void serviceLevelIsOneAndWaitsAreZeroBeforeAnythingHappens() {
        QueueStats q = f.queue("sales");

        assertThat(q).isEqualTo(new QueueStats("sales", 0, 0, 0, 0, 0, 1.0, 20, 0, 0, 0, 0, 0));
    }

    @Test
    void theLongestWaitFollowsTheOldestCallStillWaiting() {
        f.queued("old", "support", false);
        f.later(30);
        f.queued("new", "support", false);
        f.later(10);
        assertThat(f.queue("support").longestWaitSeconds()).isEqualTo(40);

        f.answered("old", "support", "anna");

        assertThat(f.queue("support").longestWaitSeconds()).isEqualTo(10);
        assertThat(f.queue("support").waiting()).isEqualTo(1);
    }

    @Test
    void aRequeueAfterRingNoAnswerIsNotOfferedAgainAndKeepsItsWait() {
        f.agent("anna", true, "support");
        f.acd.enqueue(f.call("c1", "support"));
        f.later(20);

        f.acd.ringNoAnswer("c1");

        QueueStats q = f.queue("support");
        assertThat(q.offered()).isEqualTo(1);
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.longestWaitSeconds()).as("measured from the first time in the queue").isEqualTo(20);
    }

    @Test
    void theHangUpOfAWaitingCallTakesItOffTheWaitingCount() {
        f.acd.enqueue(f.call("c1", "support"));
        f.acd.enqueue(f.call("c2", "support"));
        assertThat(f.queue("support").waiting()).isEqualTo(2);

        f.hungUp("c1");

        QueueStats q = f.queue("support");
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.abandoned()).isEqualTo(1);
        assertThat(q.offered()).isEqualTo(2);
    }

    @Test
    void aSwitchHangUpThatOvertakesTheAnswerDoesNotTurnTheCallIntoAnAbandon() {
        f.queued("c1", "support", false);
        f.later(3);

        f.hungUp("c1");
        f.answered("c1", "support", "anna");

        QueueStats q = f.queue("support");
        assertThat(q.answered()).isEqualTo(1);
        assertThat(q.abandoned()).isZero();
        assertThat(q.waiting()).isZero();
    }

    @Test
    void anAbandonReportedTwiceCountsOnce() {
        f.queued("c1", "support", false);

        f.abandoned("c1", "support", Duration.ZERO);
        f.abandoned("c1", "support", Duration.ZERO);

        assertThat(f.queue("support").abandoned()).isEqualTo(1);
    }

    @Test
    void halfAMinuteOfTrafficThroughTheAcd() {
        f.agent("anna", true, "support");
        f.later(1);
        f.agent("bob", true, "support", "sales");
        f.agent("carl", false, "sales");

        f.acd.enqueue(f.call("s1", "support"));   // anna has been idle longest
        f.acd.enqueue(f.call("s2", "support"));   // bob
        f.acd.enqueue(f.call("s3", "support"));   // waits
        f.later(5);
        f.acd.answered("s1");
        f.later(3);
        f.acd.ringNoAnswer("s2");                 // bob: NOT_READY; s2 back at the head
        f.later(12);
        f.hungUp("s3");                           // gave up after 20 s
        f.later(5);
        f.acd.ready("bob");                       // takes s2
        f.acd.answered("s2");                     // after 25 s
        f.acd.enqueue(f.call("x1", "sales"));     // nobody ready for sales: carl is NOT_READY
        f.later(2);

        LiveSnapshot snap = f.stats.snapshot();
        QueueStats support = snap.queues().get(0);
        QueueStats sales = snap.queues().get(1);
        assertThat(support).isEqualTo(new QueueStats("support", 0, 0, 3, 2, 1, 1.0 / 3, 15, 15, 0, 2, 0, 0));
        assertThat(sales).isEqualTo(new QueueStats("sales", 1, 2, 1, 0, 0, 1.0, 20, 0, 0, 2, 0, 0));
        assertThat(snap.agents()).extracting(AgentStats::username, AgentStats::state, AgentStats::callId,
                        AgentStats::answered)
                .containsExactly(
                        tuple("anna", AgentState.ON_CALL, "s1", 1L),
                        tuple("bob", AgentState.ON_CALL, "s2", 1L),
                        tuple("carl", AgentState.NOT_READY, null, 0L));
        assertThat(snap.at()).isEqualTo(f.clock.instant());
    }

    @Test
    void agentsReadyAndLoggedInAreCountedPerQueueBySkill() {
        f.agent("anna", true, "support");
        f.agent("bob", false, "support", "sales");
        f.agent("carl", true, "sales");
        f.acd.register(new AgentProfile("dora", "dora", Set.of("sales"), "d"));

        QueueStats support = f.queue("support");
        QueueStats sales = f.queue("sales");
        assertThat(List.of(support.agentsReady(), support.agentsLoggedIn())).containsExactly(1, 2);
        assertThat(List.of(sales.agentsReady(), sales.agentsLoggedIn())).containsExactly(1, 2);
    }

    @Test
    void countsStartAgainAtLocalMidnightButWaitingCallsStay() {
        f.queued("day1", "support", false);
        f.answered("day1", "support", "anna");
        f.queued("late", "support", false);
        // 2025-03-03 10:00 Beijing time; 14 h later it is midnight
        f.clock.advance(Duration.ofHours(14).minusSeconds(1));
        assertThat(f.queue("support").offered()).isEqualTo(2);

        f.later(1);

        QueueStats q = f.queue("support");
        assertThat(q.offered()).isZero();
        assertThat(q.answered()).isZero();
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.serviceLevel()).isEqualTo(1.0);

        f.answered("late", "support", "anna");
        assertThat(f.queue("support").answered()).as("answered today, although offered yesterday").isEqualTo(1);
    }

    @Test
    void eventsOfQueuesNotReportedAreIgnored() {
        f.queued("x", "billing", false);
        f.answered("x", "billing", "anna");

        LiveSnapshot snap = f.stats.snapshot();
        assertThat(snap.queues()).extracting(QueueStats::name).containsExactly("support", "sales");
        assertThat(snap.queues()).allSatisfy(q -> assertThat(q.offered()).isZero());
    }

    @Test
    void afterCloseTheFiguresNoLongerMove() {
        f.queued("c1", "support", false);
        f.stats.close();

        f.queued("c2", "support", false);

        assertThat(f.queue("support").offered()).isEqualTo(1);
    }

    @Test
    void queueSpecsAreChecked() {
        assertThatThrownBy(() -> new QueueSpec("q", "s", 0))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("serviceLevelSeconds");
        assertThatThrownBy(() -> new QueueSpec(" ", "s", 15))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("name");
        QueueSpec q = new QueueSpec("q", "s", 15);
        assertThatThrownBy(() -> new LiveStats(f.bus, f.clock, List.of(q, q), f.acd))
                .isInstanceOf(ValidationException.class).hasMessage("queue q is listed twice");
    }
}
