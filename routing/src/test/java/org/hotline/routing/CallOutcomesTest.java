package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.routing.AcdFixture.RING_TIMEOUT;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.AnswerOutcome.Connected;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.EnqueueOutcome.AlreadyInAcd;
import org.hotline.platform.routing.EnqueueOutcome.Queued;
import org.hotline.platform.routing.EnqueueOutcome.UnknownQueue;
import org.hotline.platform.routing.NotRinging;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.RingNoAnswerOutcome.AlreadyRequeued;
import org.hotline.platform.routing.RingNoAnswerOutcome.Requeued;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.routing.WithdrawOutcome.AgentAlreadyReserved;
import org.hotline.platform.routing.WithdrawOutcome.Withdrawn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer of the ACD's call side, one row each: the state the call is in, what the IVR reports, the outcome
 * value it gets back and the events routing publishes (none for an answer that changes nothing). Call {@code c1} is
 * for queue {@code support}; {@code agent1} is the only agent. Manual clock and scheduler.
 */
class CallOutcomesTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * @param given     brings the call into the row's state
     * @param when      the IVR's report
     * @param then      the outcome expected, or its class when it holds a handle ({@code Queued})
     * @param published the events published by the report, by simple name ({@code AgentStateChanged} with its state)
     */
    record Row(String name, Consumer<AcdFixture> given, Function<AcdFixture, Object> when, Object then,
               List<String> published) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a caller for a queue with a ready agent is queued and rings that agent",
                        f -> f.ready("agent1", "support"),
                        f -> f.acd.enqueue(call("c1", "support", 0)), Queued.class,
                        List.of("CallQueued", "CallOffered", "AgentStateChanged:RESERVED")),
                new Row("a caller sent to a queue routing does not know is told so and nothing is queued",
                        f -> f.ready("agent1", "support"),
                        f -> f.acd.enqueue(call("c1", "billing", 0)), new UnknownQueue("billing"), List.of()),
                new Row("a call queued twice keeps its first place",
                        f -> f.queued(call("c1", "support", 0)),
                        f -> f.acd.enqueue(call("c1", "sales", 0)), new AlreadyInAcd("c1"), List.of()),

                new Row("an answered ring connects the caller to the agent",
                        CallOutcomesTest::ringing,
                        f -> f.acd.answered("c1"), new Connected("c1", "agent1"),
                        List.of("CallAnswered", "AgentStateChanged:ON_CALL")),
                new Row("an answer for a caller who hung up while it rang changes nothing",
                        f -> f.hangUp(ringing(f)),
                        f -> f.acd.answered("c1"), new CallGone("c1"), List.of()),
                new Row("an answer for a caller still waiting for an agent changes nothing",
                        f -> f.queued(call("c1", "support", 0)),
                        f -> f.acd.answered("c1"), new NotRinging("c1"), List.of()),

                new Row("an unanswered ring puts the caller back at the head of the queue",
                        CallOutcomesTest::ringing,
                        f -> f.acd.ringNoAnswer("c1"), new Requeued("c1", "agent1"),
                        List.of("CallRingNoAnswer", "AgentStateChanged:NOT_READY", "CallQueued")),
                new Row("an unanswered ring the ring guard already took back changes nothing",
                        f -> {
                            ringing(f);
                            f.scheduler.advance(RING_TIMEOUT.plus(RoutingEngine.RING_GUARD_GRACE));
                        },
                        f -> f.acd.ringNoAnswer("c1"), new AlreadyRequeued("c1"), List.of()),
                new Row("an unanswered ring for a caller who hung up changes nothing",
                        f -> f.hangUp(ringing(f)),
                        f -> f.acd.ringNoAnswer("c1"), new CallGone("c1"), List.of()),
                new Row("an unanswered ring reported after the answer leaves the conversation alone",
                        f -> {
                            ringing(f);
                            f.acd.answered("c1");
                        },
                        f -> f.acd.ringNoAnswer("c1"), new NotRinging("c1"), List.of()),

                new Row("a waiting caller leaves the queue with a callback",
                        f -> f.queued(call("c1", "support", 0)),
                        f -> f.acd.withdraw("c1", 7L), new Withdrawn("c1", 7L), List.of("CallbackRequested")),
                new Row("a caller whose agent is already ringing stays for that agent instead of a callback",
                        CallOutcomesTest::ringing,
                        f -> f.acd.withdraw("c1", 7L),
                        new AgentAlreadyReserved(new Reservation("c1", "agent1", "dev-agent1", RING_TIMEOUT)),
                        List.of()),
                new Row("a caller who hung up gets no callback from the queue",
                        f -> {
                            f.queued(call("c1", "support", 0));
                            f.hangUp("c1");
                        },
                        f -> f.acd.withdraw("c1", 7L), new CallGone("c1"), List.of()),
                new Row("a call routing never had gets no callback from the queue",
                        f -> { },
                        f -> f.acd.withdraw("c1", 7L), new CallGone("c1"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theIvrIsToldWhatHappenedToItsCall(Row row) {
        row.given().accept(f);
        int mark = f.mark();

        Object outcome = row.when().apply(f);

        if (row.then() instanceof Class<?> type) {
            assertThat(outcome).isInstanceOf(type);
        } else {
            assertThat(outcome).isEqualTo(row.then());
        }
        assertThat(f.since(mark)).extracting(CallOutcomesTest::named).containsExactlyElementsOf(row.published());
    }

    @Test
    void aQueuedCallsHandleHoldsTheReservationOfTheAgentItRings() throws Exception {
        f.ready("agent1", "support");

        EnqueueOutcome outcome = f.acd.enqueue(call("c1", "support", 0));

        assertThat(outcome).isInstanceOf(Queued.class);
        WaitingCall handle = ((Queued) outcome).call();
        assertThat(handle.position()).isZero();
        assertThat(handle.awaitReservation(Duration.ZERO))
                .contains(new Reservation("c1", "agent1", "dev-agent1", RING_TIMEOUT));
    }

    @Test
    void onlyAMissingCallIdIsAProgrammingError() {
        assertThatThrownBy(() -> f.acd.answered(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> f.acd.ringNoAnswer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> f.acd.withdraw(null, 7L)).isInstanceOf(NullPointerException.class);
        assertThat(f.events).isEmpty();
    }

    /** {@code agent1} is READY for support and {@code c1} rings it; returns the call id. */
    private static String ringing(AcdFixture f) {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        return "c1";
    }

    private static String named(HotlineEvent e) {
        return e.getClass().getSimpleName() + (e instanceof AgentStateChanged a ? ":" + a.state() : "");
    }
}
