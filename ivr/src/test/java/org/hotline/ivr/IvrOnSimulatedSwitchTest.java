package org.hotline.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.cti.sim.SimulatedSwitch;
import org.hotline.cti.sim.SimulationTiming;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IVR engine on the real simulated switch: callers press keys, hang up, wait and get connected. */
class IvrOnSimulatedSwitchTest {
    private static final FlowSet FLOWS = FlowSet.classpath("ivr/main.yaml", "flows/quick.yaml");
    private static final String AGENT_PHONE = "SIM/agent1";

    private final LocalEventBus bus = new LocalEventBus();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final SimulatedSwitch sw = new SimulatedSwitch(bus, Clock.systemUTC(), SimulationTiming.instant());
    private final TestRouter router = new TestRouter(bus);
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();

    IvrOnSimulatedSwitchTest() {
        bus.subscribe(CallEvent.class, events::add);
        IvrEngine ivr = new IvrEngine(FLOWS, new TestCustomers(), router, bus, Clock.systemUTC(),
                new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(20), "main"));
        sw.onIncomingCall(channel -> {
            try {
                ivr.handle(channel);
            } catch (Throwable t) {
                escaped.add(t);
            }
            finished.add(channel.info().callId());
        });
    }

    @AfterEach
    void close() {
        sw.close();
    }

    private void agentAnswersEverything() {
        sw.registerAutoAnswerDevice(AGENT_PHONE, Duration.ofMillis(5));
        router.offeringTo(AGENT_PHONE);
    }

    private <T extends CallEvent> List<T> events(String callId, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.callId().equals(callId))
                .toList();
    }

    private void awaitHandlerDone(String callId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> finished.contains(callId));
        assertThat(escaped).isEmpty();
    }

    private CallHungUp awaitOnlyHangup(String callId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !events(callId, CallHungUp.class).isEmpty());
        assertThat(events(callId, CallHungUp.class)).hasSize(1);
        return events(callId, CallHungUp.class).getFirst();
    }

    private CallContext awaitQueued(String callId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> router.context(callId).isPresent());
        return router.context(callId).orElseThrow();
    }

    @ParameterizedTest(name = "key {0} -> {1}")
    @CsvSource({"1,consultation", "2,repair", "3,complaint", "0,operator"})
    void menuChoicesReachTheirQueueAndTheCallerTalksToAnAgent(String key, String queue) {
        agentAnswersEverything();

        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, key)
                .withTalkTime(Duration.ofMillis(50)));

        assertThat(awaitQueued(id).queue()).isEqualTo(queue);
        awaitHandlerDone(id);
        assertThat(router.answered).containsExactly(id);
        assertThat(awaitOnlyHangup(id).party()).as("the caller ends the conversation").isEqualTo(HangupParty.CALLER);
        assertThat(events(id, CallEvent.class)).first().isInstanceOf(CallArrived.class);
        assertThat(events(id, CallEvent.class)).last().isInstanceOf(CallHungUp.class);
    }

    @Test
    void anInvalidKeyThenAValidOne() {
        agentAnswersEverything();

        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "9", "2"));

        CallContext queued = awaitQueued(id);
        assertThat(queued.queue()).isEqualTo("repair");
        assertThat(queued.ivrPath()).isEqualTo("main>menu:9>menu:2");
        assertThat(queued.digits()).isEqualTo("92");
    }

    @Test
    void threeTimeoutsEndAtTheOperator() {
        agentAnswersEverything();

        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "T", "T", "T")
                .withParams(Map.of("flow", "quick")));

        CallContext queued = awaitQueued(id);
        assertThat(queued.queue()).isEqualTo("operator");
        assertThat(queued.ivrPath()).isEqualTo("quick>menu:T>menu:T>menu:T");
    }

    @Test
    void vipCallersAreQueuedAheadOfOrdinaryCallers() {
        String vip = sw.placeCall(SimulatedCaller.pressing(TestCustomers.VIP, "2"));
        String ordinary = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "2"));

        assertThat(awaitQueued(vip).priority()).isGreaterThan(awaitQueued(ordinary).priority());
        sw.hangup(vip);
        sw.hangup(ordinary);
        awaitHandlerDone(vip);
        awaitHandlerDone(ordinary);
    }

    @Test
    void anUnknownCallerIsServed() {
        agentAnswersEverything();

        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.UNKNOWN, "1"));

        assertThat(awaitQueued(id).customerId()).isNull();
        awaitHandlerDone(id);
        assertThat(router.answered).containsExactly(id);
        assertThat(sw.call(id).orElseThrow().phase()).isEqualTo(CallPhase.TALKING);
    }

    @Test
    void hangingUpInTheMenuEndsTheHandlerWithoutQueueing() {
        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "H"));

        awaitHandlerDone(id);
        assertThat(awaitOnlyHangup(id).party()).isEqualTo(HangupParty.CALLER);
        assertThat(events(id, IvrCompleted.class)).as("IVR-only call").isEmpty();
        assertThat(router.enqueued).isEmpty();
    }

    @Test
    void hangingUpWhileWaitingEndsTheHandlerAsAnAbandonedCall() {
        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "3")
                .withPatience(Duration.ofMillis(300)));

        awaitQueued(id);
        awaitHandlerDone(id);
        assertThat(awaitOnlyHangup(id).party()).isEqualTo(HangupParty.CALLER);
        assertThat(events(id, IvrCompleted.class)).singleElement()
                .extracting(IvrCompleted::queue).isEqualTo("complaint");
        assertThat(router.answered).isEmpty();
    }

    @Test
    void anAgentWhoDoesNotAnswerSendsTheCallerBackToTheQueue() {
        sw.registerDevice("WebRTC/alice");
        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "1"));
        awaitQueued(id);

        router.reserve(id, "WebRTC/alice", Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> router.ringNoAnswer.contains(id));
        assertThat(sw.call(id).orElseThrow().phase()).isEqualTo(CallPhase.WAITING);

        router.reserve(id, "WebRTC/alice", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> sw.call(id).orElseThrow().phase() == CallPhase.RINGING);
        sw.answer("WebRTC/alice");

        awaitHandlerDone(id);
        assertThat(router.answered).containsExactly(id);
        assertThat(sw.call(id).orElseThrow().device()).isEqualTo("WebRTC/alice");
        sw.hangup(id);
        assertThat(awaitOnlyHangup(id).party()).isEqualTo(HangupParty.AGENT);
    }

    @Test
    void aFlowEndingInTheIvrIsHungUpByTheSystem() {
        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "8")
                .withParams(Map.of("flow", "quick")));

        awaitHandlerDone(id);
        assertThat(awaitOnlyHangup(id).party()).isEqualTo(HangupParty.SYSTEM);
        assertThat(events(id, IvrCompleted.class)).singleElement().extracting(IvrCompleted::queue).isNull();
    }

    @Test
    void anUnknownQueueEndsTheCallAsFailed() {
        String id = sw.placeCall(SimulatedCaller.pressing(TestCustomers.ORDINARY, "7")
                .withParams(Map.of("flow", "quick")));

        awaitHandlerDone(id);
        assertThat(awaitOnlyHangup(id).party()).isEqualTo(HangupParty.SYSTEM);
        assertThat(events(id, IvrCompleted.class)).singleElement().extracting(IvrCompleted::queue)
                .isEqualTo("no-such-queue");
        assertThat(events(id, CallQueued.class)).isEmpty();
    }
}
