package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.RingNoAnswerOutcome.Requeued;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.routing.agent.AgentTransitions;
import org.hotline.routing.queue.QueueDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 200 callers on virtual threads against 10 agents that react to their own events (some synchronously from inside
 * the publication, some from other threads, racing a short wrap-up timer). Every tenth caller's first offer rings
 * out; every twentieth caller hangs up at once, while waiting or while ringing.
 */
class ConcurrencyTest {
    private static final int CALLS = 200;
    private static final int AGENTS = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final LocalEventBus bus = new LocalEventBus();
    private final List<HotlineEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService consoles = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final Acd acd = new Acd(List.of(
            new QueueDefinition("support", "support", 15, Duration.ofSeconds(30), Duration.ofMillis(2)),
            new QueueDefinition("sales", "sales", 15, Duration.ofSeconds(30), Duration.ofMillis(2))),
            bus, Clock.systemUTC(), scheduler, device -> true);

    private enum Outcome { ANSWERED, ABANDONED }

    private record Result(String callId, Outcome outcome, String agent, boolean rangOut) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        acd.close();
        callers.shutdownNow();
        consoles.shutdownNow();
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyCallIsServedExactlyOnceAndNoAgentIsLeftReserved() throws Exception {
        bus.subscribe(HotlineEvent.class, events::add);
        bus.subscribe(AgentStateChanged.class, this::actLikeAnAgent);
        for (int i = 0; i < AGENTS; i++) {
            Set<String> skills = i % 3 == 0 ? Set.of("sales") : Set.of("support", "sales");
            acd.register(new AgentProfile("agent" + i, "Agent " + i, skills, "dev" + i));
            acd.login("agent" + i);
            acd.ready("agent" + i);
        }

        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int n = i;
            futures.add(callers.submit(() -> caller(n)));
        }
        Map<String, Result> results = new HashMap<>();
        for (Future<Result> f : futures) {
            Result r = f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            results.put(r.callId(), r);
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                acd.agents().stream().allMatch(a -> a.state() == AgentState.READY));

        List<HotlineEvent> seen;
        synchronized (events) {
            seen = List.copyOf(events);
        }
        assertThat(results).hasSize(CALLS);
        for (Result r : results.values()) {
            List<CallEvent> ofCall = seen.stream().filter(CallEvent.class::isInstance).map(CallEvent.class::cast)
                    .filter(e -> e.callId().equals(r.callId())).toList();
            long offers = ofCall.stream().filter(CallOffered.class::isInstance).count();
            List<CallAnswered> answers = ofCall.stream().filter(CallAnswered.class::isInstance)
                    .map(CallAnswered.class::cast).toList();
            long abandons = ofCall.stream().filter(CallAbandoned.class::isInstance).count();
            if (r.outcome() == Outcome.ANSWERED) {
                assertThat(offers).as(r.callId() + " offers").isEqualTo(r.rangOut() ? 2 : 1);
                assertThat(answers).as(r.callId() + " answers").singleElement()
                        .extracting(CallAnswered::agent).isEqualTo(r.agent());
                assertThat(abandons).as(r.callId() + " abandons").isZero();
            } else {
                assertThat(offers).as(r.callId() + " offers").isLessThanOrEqualTo(1);
                assertThat(answers).as(r.callId() + " answers").isEmpty();
                assertThat(abandons).as(r.callId() + " abandons").isEqualTo(1);
            }
        }
        for (AgentSnapshot agent : acd.agents()) {
            assertLegalHistory(agent.username(), seen);
        }
    }

    private Result caller(int n) throws InterruptedException {
        String callId = "call-" + n;
        String queue = n % 2 == 0 ? "support" : "sales";
        EnqueueOutcome queued = acd.enqueue(new CallContext(callId, "1380000" + n, "4008", null, null, null,
                "main>1", "1", queue, n % 7 == 0 ? 5 : 0, Instant.now(), null));
        WaitingCall waiting = ((EnqueueOutcome.Queued) queued).call();
        if (n % 20 == 7) {
            bus.publish(new CallHungUp(callId, HangupParty.CALLER, "impatient", Instant.now()));
            return new Result(callId, Outcome.ABANDONED, null, false);
        }
        Reservation reservation = waiting.awaitReservation(PATIENCE).orElseThrow();
        boolean rangOut = n % 10 == 3;
        if (rangOut) {
            assertThat(acd.ringNoAnswer(callId)).isEqualTo(new Requeued(callId, reservation.agent()));
            reservation = waiting.awaitReservation(PATIENCE).orElseThrow();
        }
        assertThat(acd.answered(callId)).isInstanceOf(AnswerOutcome.Connected.class);
        bus.publish(new CallHungUp(callId, HangupParty.AGENT, "normal", Instant.now()));
        return new Result(callId, Outcome.ANSWERED, reservation.agent(), rangOut);
    }

    /** A rung-out agent clicks READY at once (on the publishing thread); a wrapping-up one finishes from its console. */
    private void actLikeAnAgent(AgentStateChanged e) {
        if (e.state() == AgentState.NOT_READY && "ring-no-answer".equals(e.reason())) {
            acd.ready(e.agent());
        } else if (e.state() == AgentState.WRAP_UP) {
            // NotAllowed when the wrap-up timer was faster and already made the agent READY
            consoles.submit(() -> acd.finishWrapUp(e.agent()));
        }
    }

    private static void assertLegalHistory(String agent, List<HotlineEvent> seen) {
        AgentState state = AgentState.LOGGED_OUT;
        for (HotlineEvent e : seen) {
            if (e instanceof AgentStateChanged change && change.agent().equals(agent)) {
                assertThat(AgentTransitions.allowed(state, change.state()))
                        .as("%s published %s after %s", agent, change.state(), state).isTrue();
                state = change.state();
            }
        }
        assertThat(state).as(agent + " ends").isEqualTo(AgentState.READY);
    }
}
